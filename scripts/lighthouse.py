"""Run Lighthouse (mobile profile) on the customer's pages as the demo customer.

Used by scripts/lighthouse.sh, which installs Lighthouse and serves the demo database first.
Logs in as the demo customer over HTTP (as scripts/screenshots.py does), finds a product page,
a ticket and the problem report form from the customer's own lists, and runs Lighthouse with
the session cookie as an extra header on each page, Odoo's own /my/orders as the reference.
Prints per page the four category scores, the bytes transferred, the JavaScript bytes and the
largest contentful paint; the JSON and HTML reports stay in --reports.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

import requests
from screenshots import chromium_binary, login, wait_for_server

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def settled_session(url, session_id):
    """The session id once Odoo has rotated it: the first request after logging in answers
    with a new one and drops the old one two minutes later, which Lighthouse (sending a fixed
    Cookie header) would not follow."""
    for _attempt in range(3):
        answer = requests.get(
            f"{url}/my",
            headers={"Cookie": f"session_id={session_id}"},
            allow_redirects=False,
            timeout=120,
        )
        rotated = re.search(r"session_id=([^;]+)", answer.headers.get("Set-Cookie", ""))
        if not rotated:
            return session_id
        session_id = rotated[1]
    sys.exit("Odoo keeps rotating the session id.")


def warm_up(url, session_id, pages):
    """Opens each page and the asset bundles it references once, so that no measurement
    includes Odoo building a bundle the first time it is asked for."""
    headers = {"Cookie": f"session_id={session_id}"}
    bundles = set()
    for _name, path in pages:
        html = requests.get(f"{url}{path}", headers=headers, timeout=300).text
        bundles.update(re.findall(r'(?:src|data-src|href)="(/web/assets/[^"]+)"', html))
    for bundle in sorted(bundles):
        requests.get(f"{url}{bundle}", headers=headers, timeout=300)


def customer_pages(url, session_id, label_token):
    """The pages to measure, as (name, path); the detail pages are taken from the lists."""
    session = requests.Session()
    session.cookies.set("session_id", session_id)

    def first(path, pattern):
        html = session.get(f"{url}{path}", timeout=120).text
        match = re.search(pattern, html)
        if not match:
            sys.exit(f"No link matching {pattern!r} on {path}: is this the demo database?")
        return match[1]

    def contracts():
        """(a contract the customer has signed, one waiting for a signature) from the list;
        either may be None. A row waiting for a signature has the warning badge."""
        html = session.get(f"{url}/my/contracts", timeout=120).text
        signed = waiting = None
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
            link = re.search(r'href="(/my/contracts/\d+[^"]*)"', row)
            if not link:
                continue
            path = link[1].replace("&amp;", "&")
            if "text-bg-warning" in row:
                waiting = waiting or path
            else:
                signed = signed or path
        return signed, waiting

    product = first("/my/products", r'href="(/my/products/\d+)"')
    ticket = first("/my/tickets", r'href="(/my/ticket/\d+[^"]*)"').replace("&amp;", "&")
    pages = [
        ("home", "/my"),
        ("products", "/my/products"),
        ("product", product),
        ("report form", f"{product}/report"),
        ("tickets", "/my/tickets"),
        ("ticket", ticket),
        ("offers", "/my/offers"),
        ("feedback", "/my/feedback"),
        ("notices", "/my/notices"),
        ("contracts", "/my/contracts"),
    ]
    signed, waiting = contracts()
    if signed:
        pages.append(("contract", signed))
    if waiting:
        pages.append(("contract to sign", waiting))
    if label_token:
        pages.append(("label /r/", f"/r/{label_token}"))  # a new unit: the confirm page
    pages.append(("orders (Odoo)", "/my/orders"))
    return pages


def run_lighthouse(lighthouse, url, session_id, name, reports):
    target = reports / re.sub(r"[^a-z0-9]+", "_", name).strip("_")
    command = [
        lighthouse,
        url,
        "--quiet",
        "--form-factor=mobile",  # Lighthouse's default mobile profile: slow 4G, 4x CPU slowdown
        "--output=json",
        "--output=html",
        f"--output-path={target}",
        f"--extra-headers={json.dumps({'Cookie': f'session_id={session_id}'})}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    env = dict(os.environ, CHROME_PATH=chromium_binary())
    # On a loaded machine a DevTools call may time out: one more try before giving up.
    for attempt in (1, 2):
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
        if done.returncode == 0:
            break
        print(f"  Lighthouse failed on {url} (try {attempt} of 2)", file=sys.stderr)
    else:
        return None
    report = json.loads(pathlib.Path(f"{target}.report.json").read_text())
    if report.get("runtimeError"):
        print(f"  Lighthouse failed on {url}: {report['runtimeError']}", file=sys.stderr)
        return None
    if report["finalDisplayedUrl"].split("?")[0].endswith("/web/login"):
        sys.exit(f"{url} redirected to the login page: the session cookie was not accepted.")
    audits = report["audits"]
    scripts = next(
        item["transferSize"]
        for item in audits["resource-summary"]["details"]["items"]
        if item["resourceType"] == "script"
    )
    return {
        **{
            category: round(report["categories"][category]["score"] * 100)
            for category in CATEGORIES
        },
        "bytes": audits["total-byte-weight"]["numericValue"],
        "js": scripts,
        "lcp": audits["largest-contentful-paint"]["numericValue"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the running Odoo, e.g. http://127.0.0.1:8069")
    parser.add_argument("--lighthouse", required=True, help="the lighthouse executable")
    parser.add_argument("--reports", required=True, help="folder for the JSON and HTML reports")
    parser.add_argument("--login", default="portal")
    parser.add_argument("--label-token", help="registration token of a demo label (/r/<token>)")
    args = parser.parse_args()
    reports = pathlib.Path(args.reports)
    reports.mkdir(parents=True, exist_ok=True)
    wait_for_server(args.url)
    session_id = settled_session(args.url, login(args.url, args.login))
    pages = customer_pages(args.url, session_id, args.label_token)
    warm_up(args.url, session_id, pages)
    header = (
        f"{'page':<15} {'path':<28} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}"
        f" {'bytes KB':>9} {'JS KB':>7} {'LCP s':>6}"
    )
    print(header)
    print("-" * len(header))
    failed = 0
    for name, path in pages:
        scores = run_lighthouse(args.lighthouse, f"{args.url}{path}", session_id, name, reports)
        shown = path if len(path) <= 28 else path[:25] + "..."
        if scores is None:
            failed += 1
            print(f"{name:<15} {shown:<28} (Lighthouse failed twice)", flush=True)
            continue
        print(
            f"{name:<15} {shown:<28} {scores['performance']:>4} {scores['accessibility']:>4}"
            f" {scores['best-practices']:>4} {scores['seo']:>4}"
            f" {scores['bytes'] / 1024:>9,.0f} {scores['js'] / 1024:>7,.0f}"
            f" {scores['lcp'] / 1000:>6.1f}",
            flush=True,
        )
    if failed:
        sys.exit(f"Lighthouse failed on {failed} page(s).")


if __name__ == "__main__":
    main()
