# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from .helpdesk_ticket import BimbonbonCustomerPortalHelpdesk


class TicketResolutionPortal(BimbonbonCustomerPortalHelpdesk):
    """The ticket page shows the customer what we do about it: the resolution actions
    (replacement, credit, return, repair) with their state and document."""

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["resolutions"] = self._ticket_get_resolutions(ticket)
        return values

    def _ticket_get_resolutions(self, ticket):
        """The ticket's actions that are under way or done, as the customer sees them.

        The page's caller checked the ticket (``_document_check_access``): the actions are
        read through it, with sudo, in a fixed number of queries whatever their number.
        """
        env = request.env
        Resolution = env["bimbonbon.ticket.resolution"].sudo()
        resolutions = Resolution.search(
            [
                ("ticket_id", "=", ticket.id),
                ("state", "in", ("to_approve", "in_progress", "done")),
            ],
            order="id",
        )
        kinds = dict(Resolution._fields["kind"]._description_selection(env))
        states = {
            "to_approve": env._("Being decided"),
            "in_progress": env._("In progress"),
            "done": env._("Done"),
        }
        documents = {
            "replacement": "sale_order_id",
            "credit": "credit_move_id",
            "return": "rma_id",
            "repair": "maintenance_request_id",
        }
        result = []
        for resolution in resolutions:
            document = resolution[documents[resolution.kind]]
            # internal numbers of visits are not the customer's: only orders, credit notes
            # and returns name their document
            reference = document.name if document and resolution.kind != "repair" else False
            result.append(
                {
                    "kind": kinds.get(resolution.kind),
                    "state": resolution.state,
                    "state_label": states[resolution.state],
                    "warranty": resolution.kind in ("replacement", "repair")
                    and resolution.in_warranty,
                    "charged": resolution.kind in ("replacement", "repair")
                    and not resolution.in_warranty,
                    "reference": reference,
                    "date": resolution.done_date or resolution.create_date,
                }
            )
        return result
