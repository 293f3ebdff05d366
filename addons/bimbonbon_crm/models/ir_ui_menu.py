# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user._get_group_ids())", "debug")
    def _visible_menu_ids(self, debug=False):
        """Staff of a department see only its apps.

        Odoo shows a menu to the users in any of its groups, and gives Discuss, Calendar,
        Contacts, Website, Dashboards, Apps and Maintenance to every employee (base.group_user,
        or no group at all). Each department implies base.group_user, so restricting those
        menus' groups would hide them from every employee outside the departments too (and
        break Odoo's own tours, which open Discuss or Calendar as a plain employee). Instead each
        department lists its apps (`res.groups.department_app_ids`); a department member sees
        the apps of their departments among those Odoo's groups show them, with everything
        below them; administrators and users outside the departments are not affected.
        """
        visible = super()._visible_menu_ids(debug)
        apps = self.env.user._get_department_apps()
        if apps is None:
            return visible
        menus = self.sudo().browse(visible)
        hidden_roots = {str(menu.id) for menu in menus if not menu.parent_id} - {
            str(app.id) for app in apps
        }
        if not hidden_roots:
            return visible
        return frozenset(
            menu.id for menu in menus if menu.parent_path.split("/", 1)[0] not in hidden_roots
        )
