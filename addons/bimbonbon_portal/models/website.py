# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class Website(models.Model):
    _inherit = "website"

    def _get_bimbonbon_app_menu(self):
        """The links of the customer app's light header (views/app_layout_templates.xml), as
        (label, url) pairs: the website's visible top menu (Website > Menus), then the
        customer's own pages when logged in. One place to change what the phone menu shows."""
        self.ensure_one()
        items = [
            (menu.name, menu._clean_url())
            for menu in self.menu_id.child_id
            if menu.is_visible and menu.url and not menu.is_mega_menu
        ]
        if not self.env.user._is_public():
            urls = {url for __, url in items}
            items += [
                (label, url)
                for label, url in (
                    (self.env._("My account"), "/my"),
                    (self.env._("My products"), "/my/products"),
                    (self.env._("Complaints & faults"), "/my/tickets"),
                )
                if url not in urls
            ]
        return items
