"""Print `make load`'s figures from Locust's stats CSV: per page p50/p95/p99 and failures,
pages per second, and our pages' p50 against Odoo's own portal pages of the same run."""

import csv
import sys

ODOO_PREFIX = "odoo: "
#: What a customer does once per visit (log in, find its products and tickets), not a page
SETUP = {"login", "login form"}
SETUP_PREFIX = "start: "


def main(path, users, nodes, workers, duration):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    pages = [
        row
        for row in rows
        if row["Name"] != "Aggregated"
        and row["Name"] not in SETUP
        and not row["Name"].startswith(SETUP_PREFIX)
    ]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(
        f"\n{users} customers, {nodes} node(s) x {workers} workers, {duration}s: "
        f"{float(total['Requests/s']):.1f} pages/s, {total['Failure Count']} failures "
        f"of {total['Request Count']} requests\n"
    )
    print(f"{'page':40} {'count':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in sorted(pages, key=lambda r: r["Name"]):
        print(
            f"{row['Name']:40} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )

    def weighted_p50(selected):
        count = sum(int(r["Request Count"]) for r in selected)
        if not count:
            return 0.0
        return sum(float(r["50%"]) * int(r["Request Count"]) for r in selected) / count

    ours = weighted_p50([r for r in pages if not r["Name"].startswith(ODOO_PREFIX)])
    odoo = weighted_p50([r for r in pages if r["Name"].startswith(ODOO_PREFIX)])
    worst = max(pages, key=lambda r: float(r["95%"] or 0))
    print(
        f"\nworst p95: {worst['Name']} {worst['95%']} ms; our pages' p50 {ours:.0f} ms, "
        f"Odoo's {odoo:.0f} ms: ratio {ours / odoo if odoo else float('nan'):.2f}"
    )


if __name__ == "__main__":
    main(*sys.argv[1:6])
