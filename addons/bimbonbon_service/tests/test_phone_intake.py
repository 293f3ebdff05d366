# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, new_test_user, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestPhoneIntake(ServiceCommon):
    """Customer service finds the caller however the number is spoken or typed, and the
    ticket the customer hears about is in the customer's language, for a team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.nl")
        cls.contact.phone = "+31 6 12 34 56 78"
        cls.registration = cls.Registration._register_code(cls.contact, "KM-0001", channel="qr")
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Storingen"})
        cls.Intake = cls.env["helpdesk.ticket.phone.intake"].with_user(cls.cs_user)

    def _candidates(self, term):
        return self.Intake.new({"search_term": term}).candidate_ids._origin

    def test_finds_the_number_however_it_is_written(self):
        for term in (
            "+31 6 12 34 56 78",
            "0612345678",
            "06-12345678",
            "06 1234 5678",
            "0031612345678",
            "1234 5678",  # a part of it
        ):
            with self.subTest(term=term):
                self.assertEqual(self._candidates(term), self.contact)
        self.assertFalse(self._candidates("0687654321"))

    def test_only_customers_not_staff_or_vendors(self):
        self.cs_user.partner_id.phone = "06-12345678"  # staff member with the same number
        vendor = self.env["res.partner"].create(
            {"name": "Anna Leverancier", "phone": "0612345678", "supplier_rank": 1}
        )
        candidates = self._candidates("0612345678")
        self.assertEqual(candidates, self.contact)
        self.assertNotIn(vendor, self._candidates("Anna"))

    def test_wildcards_are_text(self):
        self.assertFalse(self._candidates("%%"))
        self.assertFalse(self._candidates("__"))
        self.assertEqual(self._candidates(self.customer.customer_number), self.customer)

    def test_dutch_title_and_kinds_and_a_team(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["bimbonbon_service"], ["nl_NL"], overwrite=True
        )
        self.contact.lang = "nl_NL"
        self.cs_user.lang = "en_US"
        self.team.user_ids = self.cs_user
        # the internal reference stays out of the title that reaches the customer's mail
        # ("Storing - [KM-1] Keukenmixer KM-1": the code twice)
        self.mixer.default_code = "KM-1"
        with Form(self.Intake) as intake:
            intake.search_term = "0612345678"
            intake.description = "<p>De mixer piept.</p>"
        self.assertEqual(intake.record.team_id, self.team)
        ticket = self.env["helpdesk.ticket"].browse(intake.record.action_create_ticket()["res_id"])
        self.assertEqual(ticket.name, "Storing - Keukenmixer KM-1")
        self.assertEqual(ticket.team_id, self.team)
        # a Dutch-speaking colleague sees Dutch kind buttons
        dutch = new_test_user(
            self.env, "cs_nl", groups="bimbonbon_crm.group_customer_service", lang="nl_NL"
        )
        Intake = (
            self.env["helpdesk.ticket.phone.intake"]
            .with_user(dutch)
            .with_context(lang=dutch.lang)  # as the web client sends it
        )
        labels = dict(Intake.fields_get(["ticket_kind"])["ticket_kind"]["selection"])
        self.assertEqual(labels["fault"], "Storing")
        self.assertEqual(labels["complaint"], "Klacht")
