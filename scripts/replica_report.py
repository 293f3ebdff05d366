"""Print, per page of a `make load REPLICA=1` run, where Odoo served it: on the replica (a
read-only route, "ro"), on the primary ("rw"), or first on the replica and then again on the
primary because it wrote ("ro->rw", which should not happen). Reads the nodes' request log
lines (werkzeug at INFO; with a replica Odoo appends the cursor mode to each)."""

import re
import sys
from collections import Counter, defaultdict

LINE = re.compile(
    r'werkzeug: .*?"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) '
    r".* (?P<mode>ro->rw|ro|rw|-)$"
)
STATIC = ("/web/assets", "/web/static", "/websocket")
NUMBER = re.compile(r"/\d+(?=/|$)")


def page(path):
    path = path.split("?", 1)[0]
    return NUMBER.sub("/<id>", path)


def main(paths):
    modes = defaultdict(Counter)
    for path in paths:
        with open(path, errors="replace") as handle:
            for line in handle:
                match = LINE.search(line.rstrip())
                if match and not match["path"].startswith(STATIC):
                    modes[f"{match['method']} {page(match['path'])}"][match["mode"]] += 1
    if not modes:
        print("No request lines in the node logs (werkzeug at INFO and a replica are needed).")
        return
    print(f"\n{'request':48} {'replica':>8} {'primary':>8} {'retried':>8}")
    for name, count in sorted(modes.items()):
        print(f"{name:48} {count['ro']:>8} {count['rw']:>8} {count['ro->rw']:>8}")
    total = sum(modes.values(), Counter())
    print(
        f"\n{total['ro']} of {sum(total.values())} requests served by the replica; "
        f"{total['ro->rw']} retried on the primary after a write in a read-only route"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
