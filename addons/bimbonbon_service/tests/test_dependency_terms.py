# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestDependencyTerms(ServiceCommon):
    """helpdesk_mgmt's Dutch calls a ticket "vraag"; ours say "melding" (and "vraag" is one
    kind of melding), so staff saw a list "Vragen" holding complaints and faults. It and
    helpdesk_mgmt_sla (no Dutch at all) also left terms of our pages in English."""

    def _dutch(self):
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        return self.env(context={"lang": "nl_NL"})

    def assert_melding(self):
        nl = self._dutch()
        self.assertEqual(nl.ref("helpdesk_mgmt.helpdesk_ticket_menu").name, "Meldingen")
        self.assertEqual(nl.ref("helpdesk_mgmt.helpdesk_ticket_action").name, "Meldingen")
        self.assertEqual(nl.ref("helpdesk_mgmt.helpdesk_own_ticket_menu").name, "Mijn meldingen")
        self.assertEqual(nl.ref("helpdesk_mgmt.hlp_tck_created").name, "Melding aangemaakt")
        number = nl["ir.model.fields"]._get("helpdesk.ticket", "number")
        self.assertEqual(number.with_context(lang="nl_NL").field_description, "Meldingsnummer")
        search = nl["helpdesk.ticket"].get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("Meldingen die ik volg", search)
        self.assertNotIn("Vragen die ik volg", search)
        # terms helpdesk_mgmt and helpdesk_mgmt_sla leave in English
        for english in ("Unread Messages", "Commercial Entity", "SLA Expired", "SLA Not Expired"):
            self.assertNotIn(english, search)
        self.assertIn("Servicenorm verlopen", search)
        form = nl["helpdesk.ticket"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("Mark as duplicate", form)

    def test_a_ticket_is_a_melding_in_dutch(self):
        self._install_dutch(["helpdesk_mgmt", "bimbonbon_service"])
        self.assert_melding()
        # helpdesk_mgmt's Dutch loaded again, overwriting (an update of its terms): ours stay
        self.env["ir.module.module"]._load_module_terms(["helpdesk_mgmt"], ["nl_NL"], True)
        self.assert_melding()

    def assert_rma_in_dutch(self):
        nl = self._dutch()
        self.assertEqual(nl.ref("rma.rma_menu").name, "Retouren")
        self.assertEqual(nl.ref("rma.rma_action").name, "Retouren")
        self.assertEqual(nl.ref("rma.rma_operation_refund").name, "Crediteren")
        states = dict(nl["rma"]._fields["state"]._description_selection(nl))
        self.assertEqual(states["received"], "Ontvangen")
        self.assertEqual(states["refunded"], "Gecrediteerd/niet te factureren")
        form = nl["rma"].get_views([(False, "form")])["views"]["form"]["arch"]
        for dutch in (
            'string="Crediteren"',
            'string="Vervangen"',
            'string="Terugsturen naar klant"',
        ):
            self.assertIn(dutch, form)
        for english in ("To Refund", "Return to customer", "Other Information"):
            self.assertNotIn(english, form)
        template = nl.ref("rma.mail_template_rma_receipt_notification")
        self.assertIn("je product is ontvangen", template.subject)
        self.assertIn("Heb je nog vragen?", template.body_html)
        # the errors rma raises in its code, in Dutch too
        rma = nl["rma"].create({"partner_id": self.env.user.partner_id.id})
        with self.assertRaisesRegex(ValidationError, "^Deze retour kan niet gesplitst worden"):
            rma._ensure_can_be_split()

    def test_rma_in_dutch(self):
        """OCA rma's Dutch is empty: customer service's returns app spoke English."""
        self._install_dutch(["rma", "bimbonbon_service"])
        self.assert_rma_in_dutch()
        # rma's own (empty) Dutch loaded again, overwriting: ours stay
        self.env["ir.module.module"]._load_module_terms(["rma"], ["nl_NL"], True)
        self.assert_rma_in_dutch()
