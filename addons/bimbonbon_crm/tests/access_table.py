# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what: the one source of truth for test_access_table.py and readme/CONFIGURE.md.

Each cell is a string of the operations a department may do on a model: "r" read, "c" create,
"w" write, "u" unlink, "-" for none. The table holds for the full install (all BimBonBon
addons). Regenerate the Markdown in readme/CONFIGURE.md with:

    python3 addons/bimbonbon_crm/tests/access_table.py
"""

import sys

DEPARTMENTS = ("sales", "customer_service", "maintenance", "purchasing", "management")
DEPARTMENT_NAMES = {
    "sales": "Sales",
    "customer_service": "Customer service",
    "maintenance": "Maintenance and planning",
    "purchasing": "Purchasing",
    "management": "Management",
}
OPERATIONS = {"r": "read", "c": "create", "w": "write", "u": "unlink"}

# model: (label, {department: cell})
ACCESS_TABLE = {
    "res.partner": (
        "Customers and contacts",
        {
            "sales": "rcw",
            "customer_service": "rcw",
            "maintenance": "r",
            "purchasing": "r",
            "management": "rcw",
        },
    ),
    "crm.lead": (
        "Leads and opportunities",
        {
            "sales": "rcw",
            "customer_service": "rcw",
            "maintenance": "-",
            "purchasing": "-",
            "management": "rcwu",
        },
    ),
    "sale.order": (
        "Quotations and sales orders",
        {
            "sales": "rcw",
            "customer_service": "rcw",
            "maintenance": "-",
            "purchasing": "rw",
            "management": "rcwu",
        },
    ),
    "account.move": (
        "Invoices",
        {
            "sales": "r",
            "customer_service": "r",
            "maintenance": "-",
            "purchasing": "rcwu",
            "management": "rcwu",
        },
    ),
    "bimbonbon.contract": (
        "Contracts",
        {
            "sales": "rcw",
            "customer_service": "rcw",
            "maintenance": "r",
            "purchasing": "r",
            "management": "rcwu",
        },
    ),
    "helpdesk.ticket": (
        "Tickets",
        {
            "sales": "r",
            "customer_service": "rcw",
            "maintenance": "rcw",
            "purchasing": "r",
            "management": "rcwu",
        },
    ),
    "bimbonbon.product.registration": (
        "Product registrations (bimbonbon_service)",
        {
            "sales": "rcw",
            "customer_service": "rcw",
            "maintenance": "r",
            "purchasing": "-",
            "management": "rcwu",
        },
    ),
    "bimbonbon.product.notice": (
        "Product notices and recalls (bimbonbon_service)",
        {
            "sales": "-",
            "customer_service": "r",
            "maintenance": "-",
            "purchasing": "-",
            "management": "rcwu",
        },
    ),
    "bimbonbon.product.notice.recipient": (
        "Owners reached by a notice (bimbonbon_service)",
        {
            "sales": "-",
            "customer_service": "rw",
            "maintenance": "-",
            "purchasing": "-",
            "management": "rcwu",
        },
    ),
    "maintenance.request": (
        "Maintenance requests",
        {
            "sales": "rcwu",
            "customer_service": "rcwu",
            "maintenance": "rcwu",
            "purchasing": "rcwu",
            "management": "rcwu",
        },
    ),
    "stock.quant": (
        "Stock levels",
        {
            "sales": "r",
            "customer_service": "r",
            "maintenance": "r",
            "purchasing": "rcw",
            "management": "rcw",
        },
    ),
    "purchase.order": (
        "Purchase orders",
        {
            "sales": "-",
            "customer_service": "-",
            "maintenance": "-",
            "purchasing": "rcwu",
            "management": "rcwu",
        },
    ),
}

#: The departments whose app groups come from another addon: without that addon (bimbonbon_crm
#: installed alone) they hold only the groups bimbonbon_crm gives, and these cells differ.
ALONE_OVERRIDES = {
    # addon missing: {(model, department): cell}
    "bimbonbon_stock_alerts": {
        ("sale.order", "purchasing"): "-",
        ("account.move", "purchasing"): "-",
        ("account.move", "management"): "r",
        # stock installed (by bimbonbon_service) without the stock groups of stock_alerts
        ("stock.quant", "purchasing"): "r",
        ("stock.quant", "management"): "r",
    },
}


def to_markdown(table=None):
    """The table as Markdown, one row per model, one column per department."""
    table = ACCESS_TABLE if table is None else table
    header = "| Model | " + " | ".join(DEPARTMENT_NAMES[dep] for dep in DEPARTMENTS) + " |"
    lines = [header, "|" + "---|" * (len(DEPARTMENTS) + 1)]
    for model, (label, cells) in table.items():
        row = [f"{label} (`{model}`)"]
        for department in DEPARTMENTS:
            cell = cells[department]
            row.append(
                ", ".join(OPERATIONS[op] for op in cell if op in OPERATIONS) if cell != "-" else "-"
            )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(to_markdown())
