"""Take the README's screenshots with headless Chromium through the DevTools protocol.

Used by scripts/screenshots.sh, which serves the demo database first. For each picture: log in
over HTTP (csrf token from the login form) to get a session cookie, start Chromium at the
picture's window size, hand it the cookie, open the page, wait until it has rendered, and save
a PNG.
"""

import argparse
import base64
import itertools
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests
import websocket

# The backend: the Dutch customers in BimBonBon's customer list (Odoo's own demo partners and
# the companies of the database, BimBonBon B.V. and Odoo's "NL Company", filtered out).
BACKEND_CUSTOMERS = """
(() => {
    const actionService = odoo.__WOWL_DEBUG__.root.env.services.action;
    const customers = actionService.currentController.action;
    return actionService.doAction({
        type: "ir.actions.act_window",
        name: customers.name,
        res_model: "res.partner",
        views: customers.views.filter(([, type]) => type === "list"),
        domain: [
            ["customer_rank", ">", 0],
            ["parent_id", "=", false],
            ["country_id.code", "=", "NL"],
            ["commercial_partner_id.name", "not ilike", "BimBonBon"],
            ["commercial_partner_id.name", "!=", "NL Company"],
        ],
    }, {clearBreadcrumbs: true}).then(() => true);
})()
"""

#: The backend as each department starts it: the demo user logs in and lands on their home
#: action (their department's start page) in the apps of their department.
DEPARTMENT_SHOTS = (
    # file, login, what shows that the start page has rendered
    ("backend_sales.png", "verkoop", ".o_list_renderer .o_data_row"),
    ("backend_customer_service.png", "klantenservice", ".o_list_renderer .o_data_row"),
    ("backend_planner.png", "onderhoud", ".o_calendar_renderer .fc-event"),
    ("backend_purchasing.png", "inkoop", ".o_list_renderer .o_data_row"),
    ("backend_management.png", "directie", ".o_bimbonbon_journey .o_bimbonbon_journey_kpi"),
)

# The live chat lives in a shadow root: ready once its button shows, then once it answered.
CHAT_READY = """(() => {
    const root = document.querySelector('.o-livechat-root')?.shadowRoot;
    const chat = root?.querySelector('.o-mail-ChatWindow');
    return chat ? chat.innerText.includes('Heeft dit geholpen')
        : !!root?.querySelector('.o-livechat-LivechatButton');
})()"""
# Open the chat and ask about the mixer's beeping, as a customer types it.
CHAT_ASK = """(async () => {
    const root = document.querySelector('.o-livechat-root').shadowRoot;
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    root.querySelector('.o-livechat-LivechatButton').click();
    let input = null;
    for (let i = 0; i < 120 && !input; i++) {
        await pause(500);
        input = root.querySelector('.o-mail-Composer-input');
    }
    await pause(3000);
    input.focus();
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')
        .set.call(input, 'Mijn mixer piept steeds');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await pause(1000);
    root.querySelector('.o-mail-Composer button[name="send-message"]').click();
    return true;
})()"""

SHOTS = [
    *(
        {
            "file": file,
            "login": login,
            "path": "/odoo",
            "size": (1400, 900),
            "mobile": False,
            "ready": f"!!document.querySelector({selector!r})",
        }
        for file, login, selector in DEPARTMENT_SHOTS
    ),
    {
        "file": "backend.png",
        "login": "directie",
        # BimBonBon > Customers: management sees no Contacts app
        "path": "/odoo/action-bimbonbon_crm.res_partner_action_customers",
        "size": (1280, 800),
        "mobile": False,
        "ready": "!!document.querySelector('.o_list_renderer .o_data_row')",
        "then": BACKEND_CUSTOMERS,
    },
    {
        "file": "backend_journey.png",
        "login": "directie",
        "path": "/odoo/action-bimbonbon_journey.bimbonbon_journey_kpi_action",
        "size": (1280, 800),
        "mobile": False,
        "ready": "!!document.querySelector('.o_bimbonbon_journey_kpi_phone_share')",
    },
    {
        "file": "backend_journey_scenario.png",
        "login": "directie",
        "path": "/odoo/action-bimbonbon_journey.bimbonbon_journey_scenario_action",
        "size": (1280, 800),
        "mobile": False,
        # the demo's scenario, opened from the list
        "ready": "!!document.querySelector('.o_list_renderer .o_data_row,"
        " .o_form_view .o_field_widget[name=expected_hours]')",
        "then": "document.querySelector('.o_list_renderer .o_data_row .o_data_cell').click()"
        " || true",
    },
    {
        # The app as it opens from the phone's home screen once installed: standalone (no
        # browser bar), at its start URL; Chromium must find it installable (manifest, icons,
        # service worker), else the picture is not taken.
        "file": "portal_app_installed.png",
        "login": "portal",
        "path": "/my",
        "size": (390, 844),
        "mobile": True,
        "standalone": True,
        "ready": "!!document.querySelector('.o_portal_my_home')"
        " && !document.querySelector('.o_portal_doc_spinner:not(.d-none)')"
        " && !!navigator.serviceWorker.controller",
    },
    {
        "file": "portal_home.png",
        "login": "portal",
        "path": "/my",
        "size": (390, 844),
        "mobile": True,
        # The full layout fills in the home's counters after loading, then drops the spinner;
        # the lean one has them from the server (its spinner stays hidden).
        "ready": "!!document.querySelector('.o_portal_my_home')"
        " && !document.querySelector('.o_portal_doc_spinner:not(.d-none)')",
    },
    *(
        {
            "file": f"portal_{name}.png",
            "login": "portal",
            "path": path,
            "size": (390, 844),
            "mobile": True,
            "ready": f"!!document.querySelector({selector!r})",
            **({"then": then} if then else {}),
        }
        for name, path, selector, then in (
            ("products", "/my/products", ".o_portal_wrap", None),
            # The first registered unit's product page, reached as a customer would.
            (
                "product",
                "/my/products",
                ".o_portal_wrap",
                "location.assign(document.querySelector("
                '\'a[href*="/my/products/"]:not([href$="/register"])\').href) || true',
            ),
            ("register", "/my/products/register", "form", None),
            ("tickets", "/my/tickets", ".o_portal_wrap", None),
            # A ticket's page, reached from the list: one with a planned visit when the demo has
            # one (its stage reads "Gepland"), else the first
            (
                "ticket",
                "/my/tickets",
                ".o_portal_wrap",
                "location.assign(((Array.from(document.querySelectorAll('tr'))"
                ".find((row) => row.textContent.includes('Gepland')) || document)"
                ".querySelector('a[href*=\"/my/ticket/\"]')).href) || true",
            ),
            # The same ticket's conversation and reply form (no Odoo chatter on the phone)
            (
                "ticket_messages",
                "/my/tickets",
                ".o_portal_wrap",
                "location.assign(((Array.from(document.querySelectorAll('tr'))"
                ".find((row) => row.textContent.includes('Gepland')) || document)"
                ".querySelector('a[href*=\"/my/ticket/\"]')).href + '#task_chat') || true",
            ),
            # The phone menu, opened
            (
                "menu",
                "/my",
                ".o_portal_my_home",
                # the lean layout's phone menu: a <details>
                "document.querySelector('details.o_bimbonbon_app_menu summary').click() || true",
            ),
            ("orders", "/my/orders", ".o_portal_wrap", None),
            ("contracts", "/my/contracts", ".o_portal_wrap", None),
            # A contract waiting for a signature, at its signing pad (lean page, no Odoo script)
            (
                "contract_sign",
                "/my/contracts",
                ".o_portal_wrap",
                "location.assign(document.querySelector('tr .text-bg-warning')"
                ".closest('tr').querySelector('a').href + '#o_bimbonbon_sign') || true",
            ),
            ("offers", "/my/offers", ".o_portal_wrap", None),
            ("feedback", "/my/feedback", ".o_portal_wrap", None),
            # Mijn gegevens: the push notification block, at the end of the page
            (
                "push_consent",
                "/my/account",
                "#bimbonbon_push",
                "window.scrollTo(0, document.documentElement.scrollHeight) || true",
            ),
        )
    ),
    {
        # The chat assistant (bimbonbon_livechat) answering a question about the mixer
        "file": "portal_chat.png",
        "login": "portal",
        # the lean pages load the chat when asked for (their header's "Chat" link: ?chat=1)
        "path": "/my?chat=1",
        "size": (390, 844),
        "mobile": True,
        "ready": CHAT_READY,
        "then": CHAT_ASK,
    },
]


def wait_for_server(url, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    sys.exit(f"Odoo did not answer on {url}/web/login within {timeout} s.")


def login(url, user):
    """Log in like the login form does; return the session id."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=30)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if not match:
        sys.exit("No csrf_token in the login page.")
    answer = session.post(
        f"{url}/web/login",
        data={"csrf_token": match[1], "login": user, "password": user, "redirect": "/odoo"},
        timeout=60,
        allow_redirects=False,
    )
    if answer.status_code != 303 or "session_id" not in session.cookies:
        sys.exit(f"Could not log in as {user!r} (HTTP {answer.status_code}).")
    return session.cookies["session_id"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    sys.exit("Chromium is missing: install the chromium package.")


class Browser:
    """One headless Chromium with one page, driven over the DevTools websocket."""

    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="bimbonbon-chromium-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                chromium_binary(),
                "--headless=new",
                f"--remote-debugging-port={port}",
                "--remote-allow-origins=*",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--mute-audio",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ids = itertools.count(1)
        deadline = time.monotonic() + 30
        while True:
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
                page = next(t for t in targets if t["type"] == "page")
                break
            except (requests.RequestException, StopIteration, ValueError):
                if time.monotonic() > deadline:
                    self.close()
                    sys.exit("Chromium did not open its DevTools port.")
                time.sleep(0.3)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)

    def call(self, method, **params):
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{expression!r} still false after {timeout} s")

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def take(url, out, shot):
    width, height = shot["size"]
    mobile = shot["mobile"]
    session_id = login(url, shot["login"])
    browser = Browser(width, height)
    try:
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        if mobile:
            browser.call(
                "Emulation.setUserAgentOverride",
                userAgent=(
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                    "(KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
                ),
            )
        host = urllib.parse.urlsplit(url).hostname
        browser.call("Network.enable")
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            domain=host,
            path="/",
            httpOnly=True,
        )
        if shot.get("standalone"):
            browser.call(
                "Emulation.setEmulatedMedia",
                features=[{"name": "display-mode", "value": "standalone"}],
            )
        browser.call("Page.enable")
        browser.call("Page.navigate", url=f"{url}{shot['path']}")
        browser.wait_for(shot["ready"])
        if shot.get("standalone"):
            errors = browser.call("Page.getInstallabilityErrors")["installabilityErrors"]
            if errors:
                raise RuntimeError(f"{shot['path']} is not installable: {errors}")
        if shot.get("then"):
            browser.evaluate(shot["then"])
            time.sleep(2)
            browser.wait_for("document.readyState === 'complete'")
            browser.wait_for(shot["ready"])
        # Let fonts, images and the last rendering pass settle.
        browser.evaluate("document.fonts.ready.then(() => true)")
        time.sleep(2)
        picture = browser.call("Page.captureScreenshot", format="png", fromSurface=True)
        target = pathlib.Path(out) / shot["file"]
        target.write_bytes(base64.b64decode(picture["data"]))
        print(f"{target}: {shot['login']} on {shot['path']} at {width}x{height}")
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the running Odoo, e.g. http://127.0.0.1:8069")
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    wait_for_server(args.url)
    for shot in SHOTS:
        take(args.url, args.out, shot)


if __name__ == "__main__":
    main()
