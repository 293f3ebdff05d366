# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every public method of our models, called as every role: who may, who gets an AccessError.

A method without a leading underscore is an RPC endpoint (``/web/dataset/call_kw``, XML-RPC)
for every logged-in user, portal customers included, on any record id they choose. This test
finds every such method our addons define (new ones included: an unlisted method fails the
test until someone decides who may call it), calls it as a portal customer and as each
department on records of the portal customer's own company (so that "it is mine" is never
enough), and expects an AccessError from every role that has no business with it.

"Allowed" means the call got past the access checks: it may still end in a business error
(a UserError such as "plan the intake first"), which is fine here. Side effects are rolled back.
"""

import inspect

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

ROLES = ("portal", "sales", "customer_service", "maintenance", "purchasing", "management")
STAFF = frozenset(ROLES[1:])
SALES_SIDE = frozenset({"sales", "customer_service", "management"})
# who reads product registrations (with their proofs of purchase and addresses)
REGISTRATION_READERS = SALES_SIDE | {"maintenance"}

#: (model, method): the roles that may call it; every other role gets an AccessError.
EXPECTED = {
    ("crm.lead", "action_schedule_intake"): SALES_SIDE,
    ("crm.lead", "action_complete_intake"): SALES_SIDE,
    ("crm.lead", "action_create_contract"): SALES_SIDE,
    ("crm.lead", "action_view_contracts"): SALES_SIDE,
    ("bimbonbon.contract", "action_send"): SALES_SIDE,
    ("bimbonbon.contract", "action_mark_signed"): SALES_SIDE,
    ("bimbonbon.contract", "action_terminate"): SALES_SIDE,
    ("bimbonbon.contract", "action_renew"): SALES_SIDE,
    ("bimbonbon.contract", "action_reset_draft"): SALES_SIDE,
    ("bimbonbon.contract", "action_view_successor"): STAFF,
    ("helpdesk.ticket", "action_plan_visit"): frozenset(
        {"customer_service", "maintenance", "management"}
    ),
    ("helpdesk.ticket", "action_view_maintenance_requests"): STAFF,
    # OCA helpdesk_mgmt_sla's "Set SLA": whoever may change the ticket
    ("helpdesk.ticket", "refresh_sla"): frozenset(
        {"customer_service", "maintenance", "management"}
    ),
    # resolution actions: customer service proposes, technicians repair, management approves
    ("helpdesk.ticket", "action_resolve_replacement"): frozenset(
        {"customer_service", "management"}
    ),
    ("helpdesk.ticket", "action_resolve_credit"): frozenset({"customer_service", "management"}),
    ("helpdesk.ticket", "action_resolve_return"): frozenset({"customer_service", "management"}),
    ("helpdesk.ticket", "action_resolve_repair"): frozenset(
        {"customer_service", "maintenance", "management"}
    ),
    ("bimbonbon.ticket.resolution", "action_confirm"): frozenset(
        {"customer_service", "management"}
    ),
    ("bimbonbon.ticket.resolution", "action_approve"): frozenset({"management"}),
    ("bimbonbon.ticket.resolution", "action_cancel"): frozenset({"customer_service", "management"}),
    # rma's replacement, by those who work the returns (our override names its dialog)
    ("rma", "action_replace"): frozenset({"customer_service", "management"}),
    ("bimbonbon.ticket.resolution", "action_open_document"): frozenset(
        {"sales", "customer_service", "maintenance", "management"}
    ),
    ("bimbonbon.product.registration", "action_cancel"): SALES_SIDE,
    ("bimbonbon.product.registration", "action_mark_fraud"): SALES_SIDE,
    ("bimbonbon.product.registration", "action_reset_registered"): SALES_SIDE,
    ("bimbonbon.product.registration", "action_view_tickets"): REGISTRATION_READERS,
    ("stock.lot", "action_generate_registration_token"): frozenset({"purchasing", "management"}),
    ("stock.lot", "action_revoke_registration_token"): frozenset({"purchasing", "management"}),
    ("stock.lot", "action_view_registrations"): REGISTRATION_READERS,
    ("stock.picking", "action_print_registration_labels"): frozenset({"purchasing", "management"}),
    # the visit is the technicians' (and their planner's) work
    ("maintenance.request", "action_start"): frozenset({"maintenance", "management"}),
    ("maintenance.request", "action_finish"): frozenset({"maintenance", "management"}),
    ("bimbonbon.knowledge.article", "action_publish"): frozenset(
        {"customer_service", "management"}
    ),
    ("bimbonbon.knowledge.article", "action_unpublish"): frozenset(
        {"customer_service", "management"}
    ),
    ("helpdesk.ticket.phone.intake", "action_create_ticket"): frozenset(
        {"customer_service", "maintenance", "management"}
    ),
    ("bimbonbon.stock.alert", "action_order"): frozenset({"purchasing", "management"}),
    ("bimbonbon.stock.alert", "action_resolve"): frozenset({"purchasing", "management"}),
    ("bimbonbon.stock.alert", "action_view_purchase_order"): frozenset(
        {"purchasing", "management"}
    ),
    ("bimbonbon.stock.alert", "action_view_sale_orders"): SALES_SIDE | {"purchasing"},
    # notices are written and sent by management (and product development); customer
    # service reads the reach report and marks owners it reached by phone
    ("bimbonbon.product.notice", "action_send"): frozenset({"management"}),
    ("bimbonbon.product.notice", "action_close"): frozenset({"management"}),
    ("bimbonbon.product.notice", "action_schedule_calls"): frozenset({"management"}),
    ("bimbonbon.product.notice", "action_view_open_recipients"): frozenset(
        {"customer_service", "management"}
    ),
    ("bimbonbon.product.notice.recipient", "action_mark_handled"): frozenset(
        {"customer_service", "management"}
    ),
    ("sale.order", "action_open_new_date"): SALES_SIDE,
    ("sale.order.new.date", "action_apply"): SALES_SIDE,
    ("sale.order.quick", "action_confirm_order"): SALES_SIDE,
    # administrators only (Settings > Technical): no department
    ("bimbonbon.system.status", "action_refresh"): frozenset(),
    # the customer journey is management's overview (bimbonbon_journey)
    ("bimbonbon.journey.kpi", "action_open_records"): frozenset({"management"}),
    ("bimbonbon.journey.scenario", "action_measure"): frozenset({"management"}),
    # Odoo's web push subscription of its backend users; a portal customer subscribes
    # through /bimbonbon/push/subscribe, which requires their consent (bimbonbon_portal)
    ("mail.push.device", "register_devices"): STAFF,
}

#: Public methods of ours that are overrides of the ORM or of core APIs: the model's access
#: rights govern them as they govern Odoo's own.
CORE_OVERRIDES = frozenset(
    {
        "create",
        "write",
        "unlink",
        "copy",
        "init",
        "message_route",
        "message_new",
        "message_mail_with_source",
        # mail.template: the template on each mail (Odoo's _send_check_access comes first)
        "send_mail_batch",
        # ir.mail_server: counts what the server accepted (takes a Python email message, no
        # RPC caller can give one)
        "send_email",
    }
)


def our_public_methods(env):
    """{(model, method)} of every public method defined in a bimbonbon addon."""
    found = set()
    for model_name in env.registry:
        for klass in type(env[model_name]).__mro__:
            if not klass.__module__.startswith("odoo.addons.bimbonbon_"):
                continue
            for name, value in vars(klass).items():
                if (
                    not name.startswith("_")
                    and inspect.isfunction(value)
                    and name not in CORE_OVERRIDES
                ):
                    found.add((model_name, name))
    return found


@tagged("post_install", "-at_install")
class TestPublicMethods(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.customer = env["res.partner"].create(
            {"name": "Bakkerij Portaal", "is_company": True, "email": "info@portaal.example.com"}
        )
        cls.users = {
            role: new_test_user(env, f"rpc_{role}", groups=f"bimbonbon_crm.group_{role}")
            for role in STAFF
        }
        cls.users["portal"] = new_test_user(
            env, "rpc_portal", groups="base.group_portal", email="anna@portaal.example.com"
        )
        cls.users["portal"].partner_id.parent_id = cls.customer
        cls.records = cls._make_records()

    @classmethod
    def _make_records(cls):
        """One record per model, of the portal customer where the model has a customer."""
        env = cls.env
        customer = cls.customer
        product = env["product.product"].create(
            {"name": "Mixer RPC", "is_storable": True, "tracking": "serial", "sale_ok": True}
        )
        lot = env["stock.lot"].create({"name": "RPC-0001", "product_id": product.id})
        registration = env["bimbonbon.product.registration"]._register_lot(
            customer, lot, channel="staff"
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Storing",
                "description": "<p>Storing</p>",
                "partner_id": customer.id,
                "registration_id": registration.id,
            }
        )
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        order = env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": False,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        contract = env["bimbonbon.contract"].create({"partner_id": customer.id})
        contract.state = "sent"
        notice = env["bimbonbon.product.notice"].create(
            {
                "name": "Terugroepactie",
                "kind": "recall",
                "product_tmpl_id": product.product_tmpl_id.id,
                "body": "<p>Stop</p>",
                "recall_action": "stop",
                "acknowledge_required": True,
            }
        )
        sent_notice = notice.copy({"name": "Verstuurd"})
        sent_notice.action_send()
        return {
            # unassigned, so the salespeople's "own documents" rules do not hide them
            "crm.lead": env["crm.lead"].create(
                {"name": "Intake", "partner_id": customer.id, "user_id": False}
            ),
            "bimbonbon.contract": contract,
            "helpdesk.ticket": ticket,
            # a credit: customer service's (a technician only repairs)
            "bimbonbon.ticket.resolution": env["bimbonbon.ticket.resolution"].create(
                {"ticket_id": ticket.id, "kind": "credit"}
            ),
            "bimbonbon.product.registration": registration,
            "rma": env["rma"].create(
                {
                    "partner_id": customer.id,
                    "product_id": product.id,
                    "operation_id": env.ref("rma.rma_operation_replace").id,
                }
            ),
            "stock.lot": lot,
            "stock.picking": env["stock.picking"].create(
                {"picking_type_id": warehouse.in_type_id.id, "partner_id": customer.id}
            ),
            # a technician's own visit: other technicians' visits are the planner's
            "maintenance.request": env["maintenance.request"].create(
                {"name": "Bezoek", "user_id": cls.users["maintenance"].id}
            ),
            "bimbonbon.knowledge.article": env["bimbonbon.knowledge.article"].create(
                {"name": "Veelgestelde vraag", "kind": "faq"}
            ),
            "bimbonbon.stock.alert": env["bimbonbon.stock.alert"].create(
                {"product_id": product.id, "warehouse_id": warehouse.id, "level": "nearly_out"}
            ),
            "sale.order": order,
            "bimbonbon.product.notice": notice,
            "bimbonbon.product.notice.recipient": sent_notice.recipient_ids[:1],
            # wizards are created by the caller (their records belong to whoever made them)
            "helpdesk.ticket.phone.intake": {
                "partner_id": customer.id,
                "name": "Storing",
                "description": "Hij piept",
            },
            "bimbonbon.journey.kpi": env.ref("bimbonbon_journey.journey_kpi_phone_share"),
            "bimbonbon.journey.scenario": env["bimbonbon.journey.scenario"].create(
                {"name": "Telefoon naar de app", "phone_to_portal": 20}
            ),
            "sale.order.new.date": {"order_id": order.id, "commitment_date": "2026-12-24 10:00:00"},
            "sale.order.quick": {
                "partner_id": customer.id,
                "commitment_date": "2099-12-24",
                "line_ids": [(0, 0, {"product_id": product.id, "quantity": 1})],
            },
            "bimbonbon.system.status": {},
            "mail.push.device": env["mail.push.device"],
        }

    def _call(self, role, model, method):
        """Call ``method`` as ``role``; return True if it got past the access checks."""
        user = self.users[role]
        record = self.records[model]
        try:
            with self.env.cr.savepoint():
                if isinstance(record, dict):  # a wizard, created by the caller
                    record = self.env[model].with_user(user).create(record)
                getattr(record.with_user(user), method)()
        except AccessError:
            return False
        except TypeError:
            raise  # a method that needs arguments: give it some in this test
        except Exception:  # noqa: BLE001 - a business error comes after the access checks
            return True
        finally:
            self.env.invalidate_all()
        return True

    def test_every_public_method_is_listed(self):
        found = our_public_methods(self.env)
        self.assertFalse(
            found - set(EXPECTED),
            "New public methods: decide who may call them (EXPECTED) and check it in the code",
        )
        self.assertFalse(set(EXPECTED) - found, "Methods listed here no longer exist")

    def test_every_public_method_checks_the_caller(self):
        wrong = []
        for (model, method), allowed in sorted(EXPECTED.items()):
            for role in ROLES:
                if self._call(role, model, method) != (role in allowed):
                    wrong.append(
                        f"{model}.{method} as {role}: "
                        + ("allowed, expected AccessError" if role not in allowed else "refused")
                    )
        self.assertFalse(wrong, "\n" + "\n".join(wrong))

    def test_portal_cannot_revoke_labels(self):
        """The hole that started this test: any portal user revoked any printed label."""
        lot = self.records["stock.lot"]
        token = lot.registration_token
        for method in ("action_revoke_registration_token", "action_generate_registration_token"):
            with self.assertRaises(AccessError):
                getattr(lot.with_user(self.users["portal"]), method)()
        self.assertEqual(lot.registration_token, token)
