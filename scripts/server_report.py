"""Print, per page of a `make load` run, what the Odoo nodes themselves spent on it: queries,
and the time from the request reaching a worker to its answer (p50/p95/max), read from the
nodes' request log lines (werkzeug at INFO, with Odoo's "queries, query time, other time").

Locust's figures add the time a request waited for a free worker (and for Locust itself,
on the same cores): when a page's p95 is high there and low here, the tail is waiting, not
the page's own work.

Usage: server_report.py SKIP_FILE LOG [LOG ...], SKIP_FILE holding per log the number of
lines to skip (those of the warm-up), one per line in the same order."""

import re
import sys
from collections import defaultdict

LINE = re.compile(
    r'werkzeug: .*?"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \S+ '
    r"(?P<queries>\d+) (?P<query_time>[\d.]+) (?P<other_time>[\d.]+)"
)
STATIC = ("/web/assets", "/web/static", "/websocket", "/web/login", "/web/health")
NUMBER = re.compile(r"/\d+(?=/|$)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def page(method, path):
    path = NUMBER.sub("/[id]", path.split("?", 1)[0])
    return path if method == "GET" else f"{method} {path}"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def read(logs, skips):
    pages = defaultdict(list)
    for log, skip in zip(logs, skips, strict=True):
        with open(log, errors="replace") as handle:
            for number, line in enumerate(handle):
                match = number >= skip and LINE.search(ANSI.sub("", line))
                if match and not match["path"].startswith(STATIC):
                    time = float(match["query_time"]) + float(match["other_time"])
                    pages[page(match["method"], match["path"])].append(
                        (int(match["queries"]), time * 1000)
                    )
    return pages


def main(skip_file, *logs):
    with open(skip_file) as handle:
        skips = [int(line) for line in handle.read().split()]
    pages = read(logs, skips)
    if not pages:
        print("No request lines in the node logs.")
        return
    print(
        f"\nIn the nodes (no waiting for a worker):\n\n{'page':40} {'count':>6} {'queries':>8} "
        f"{'p50':>6} {'p95':>6} {'max':>6}  (ms)"
    )
    for name, rows in sorted(pages.items()):
        queries = sorted({count for count, _time in rows})
        shown = str(queries[0]) if len(queries) == 1 else f"{queries[0]}-{queries[-1]}"
        times = [time for _count, time in rows]
        print(
            f"{name:40} {len(rows):>6} {shown:>8} {percentile(times, 0.5):>6.0f} "
            f"{percentile(times, 0.95):>6.0f} {max(times):>6.0f}"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
