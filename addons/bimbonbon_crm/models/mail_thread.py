# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


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
        """A new mail to the sales alias from a known customer goes on the customer's chatter
        instead of creating a new lead; unknown senders still get a lead (hook)."""
        model, thread_id, _custom_values, user_id, alias = route
        if model != "crm.lead" or thread_id:
            return route
        author = self.env["res.partner"].browse(message_dict.get("author_id")).exists()
        customer = author.commercial_partner_id
        if not customer or not customer.customer_number or not customer.partner_share:
            return route
        return ("res.partner", customer.id, {}, user_id, alias)
