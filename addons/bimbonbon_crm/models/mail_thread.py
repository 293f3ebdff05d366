# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

#: The layout around every mail to a customer: Odoo's light layout, made fluid for a phone,
#: with the company's logo and mail colours (views/mail_templates_email_layouts.xml).
CUSTOMER_MAIL_LAYOUT = "mail.mail_notification_light"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        return [self._bimbonbon_reroute(route, message_dict) for route in routes]

    @api.model
    def _bimbonbon_reroute(self, route, message_dict):
        """Customers' mail lands where someone acts on it.

        Odoo routes a reply to the document it answers (a ticket, a lead, an invoice, a
        contract), whose followers are notified, and a new mail to an alias to a new document
        of that alias (a ticket for a helpdesk team's alias): those routes are kept. Two are
        changed:

        - a new mail to the sales alias from a customer with an open lead goes on that lead
          (its salesperson follows it) instead of making a duplicate; without one, a lead is
          made as usual and the customer's salesperson gets an activity on it
          (`crm.lead.message_new`);
        - a reply to a mail sent from a contact card (e.g. the data reminder) would land on
          the card, where no follower, team or activity exists: it goes the same way as a new
          mail to the sales alias.
        """
        model, thread_id, _custom_values, user_id, _alias = route
        new_sales_mail = model == "crm.lead" and not thread_id
        contact_card_reply = model == "res.partner" and thread_id
        if not (new_sales_mail or contact_card_reply):
            return route
        author = self.env["res.partner"].browse(message_dict.get("author_id")).exists()
        if author and not author.partner_share:
            return route  # staff answering by mail: Odoo's routing is right
        customer = author.commercial_partner_id
        lead = customer and self._bimbonbon_find_open_lead(customer)
        if lead:
            return ("crm.lead", lead.id, {}, user_id, None)
        if contact_card_reply:
            return ("crm.lead", False, {}, user_id, None)
        return route

    @api.model
    def _bimbonbon_find_open_lead(self, customer):
        """The open lead or opportunity of `customer` that its mail goes on (hook): the one of
        the customer's salesperson first, the latest first."""
        if customer.customer_rank <= 0:
            return self.env["crm.lead"]
        domain = Domain("partner_id", "child_of", customer.id) & Domain(
            "won_status", "=", "pending"
        )
        Lead = self.env["crm.lead"].sudo()
        salesperson = customer.user_id
        lead = salesperson and Lead.search(
            domain & Domain("user_id", "=", salesperson.id), limit=1, order="id desc"
        )
        return lead or Lead.search(domain, limit=1, order="id desc")
