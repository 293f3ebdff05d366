# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what, where each department starts and which apps it sees: the one source of
truth for test_access_table.py, test_department_start.py and readme/CONFIGURE.md.

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
    "rma": (
        "Returns (OCA rma, bimbonbon_service)",
        {
            "sales": "-",
            "customer_service": "rcw",
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


#: Each department's start page (the home action its users land on) and apps (the top menus they
#: see), per role: the technician and the planner are the two roles of maintenance and planning.
ROLES = ("sales", "customer_service", "technician", "planner", "purchasing", "management")
ROLE_GROUPS = {
    "sales": "bimbonbon_crm.group_sales",
    "customer_service": "bimbonbon_crm.group_customer_service",
    "technician": "bimbonbon_crm.group_maintenance",
    "planner": "bimbonbon_crm.group_planner",
    "purchasing": "bimbonbon_crm.group_purchasing",
    "management": "bimbonbon_crm.group_management",
}
ROLE_NAMES = {
    "sales": "Sales",
    "customer_service": "Customer service",
    "technician": "Technician",
    "planner": "Planner",
    "purchasing": "Purchasing",
    "management": "Management",
}
# role: [(start page, its name, the BimBonBon addon that sets it)], the first whose addon is
# installed (without bimbonbon_service, customer service starts as sales does)
START_PAGES = {
    "sales": [("bimbonbon_crm.res_partner_action_my_customers", "My customers", "bimbonbon_crm")],
    "customer_service": [
        ("helpdesk_mgmt.helpdesk_ticket_action", "Helpdesk tickets", "bimbonbon_service"),
        ("bimbonbon_crm.res_partner_action_my_customers", "My customers", "bimbonbon_crm"),
    ],
    "technician": [
        (
            "bimbonbon_service.maintenance_request_action_technician",
            "What needs to be done (their visits)",
            "bimbonbon_service",
        )
    ],
    "planner": [
        (
            "bimbonbon_service.maintenance_request_action_planner",
            "Visit planning (every technician's visits)",
            "bimbonbon_service",
        )
    ],
    "purchasing": [
        (
            "bimbonbon_stock_alerts.bimbonbon_stock_alert_action",
            "Stock alerts",
            "bimbonbon_stock_alerts",
        )
    ],
    "management": [
        (
            "bimbonbon_journey.bimbonbon_journey_kpi_action",
            "Customer journey (a figure per phase)",
            "bimbonbon_journey",
        ),
        ("spreadsheet_dashboard.ir_actions_dashboard_action", "Dashboards", "bimbonbon_crm"),
    ],
}
_MAINTENANCE = {"technician", "planner"}
# top menu: (app, the BimBonBon addon that gives it to the departments, the roles that see it)
APPS = {
    "bimbonbon_crm.bimbonbon_menu_root": ("BimBonBon", "bimbonbon_crm", set(ROLES)),
    "crm.crm_menu_root": ("CRM", "bimbonbon_crm", {"sales", "customer_service", "management"}),
    "sale.sale_menu_root": ("Sales", "bimbonbon_crm", {"sales", "customer_service", "management"}),
    "helpdesk_mgmt.helpdesk_ticket_main_menu": (
        "Helpdesk",
        "bimbonbon_service",
        {"customer_service", "management"} | _MAINTENANCE,
    ),
    "rma.rma_menu": ("RMA (returns)", "bimbonbon_service", {"customer_service", "management"}),
    "maintenance.menu_maintenance_title": (
        "Maintenance",
        "bimbonbon_service",
        {"management"} | _MAINTENANCE,
    ),
    "purchase.menu_purchase_root": (
        "Purchase",
        "bimbonbon_stock_alerts",
        {"purchasing", "management"},
    ),
    "stock.menu_stock_root": ("Inventory", "bimbonbon_stock_alerts", {"purchasing", "management"}),
    "spreadsheet_dashboard.spreadsheet_dashboard_menu_root": (
        "Dashboards",
        "bimbonbon_crm",
        {"management"},
    ),
}


def expected_start(role, installed):
    """The start page (xmlid) of `role` when the BimBonBon addons `installed` are, or None."""
    for xmlid, _name, addon in START_PAGES[role]:
        if addon in installed:
            return xmlid
    return None


def expected_apps(role, installed):
    """The top menus (xmlids) `role` sees when the BimBonBon addons `installed` are."""
    return {
        xmlid
        for xmlid, (_name, addon, roles) in APPS.items()
        if addon in installed and role in roles
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


def start_pages_markdown():
    """Each department's start page and apps as Markdown (the full install)."""
    installed = {addon for _name, addon, _roles in APPS.values()}
    lines = ["| Department | Start page | Apps |", "|---|---|---|"]
    for role in ROLES:
        start = START_PAGES[role][0][1]
        apps = ", ".join(name for xmlid, (name, _a, roles) in APPS.items() if role in roles)
        assert expected_start(role, installed)
        lines.append(f"| {ROLE_NAMES[role]} | {start} | {apps} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(to_markdown())
    sys.stdout.write("\n")
    sys.stdout.write(start_pages_markdown())
