# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    warranty_months = fields.Integer(
        help="Warranty term in months, counted from the purchase date of a registered unit. "
        "Zero means the product has no warranty.",
    )
    is_registrable = fields.Boolean(
        string="Registrable",
        compute="_compute_is_registrable",
        store=True,
        readonly=False,
        help="Customers may register units (serial numbers or batch codes) of this product; "
        "its lots get a registration token for QR labels.",
    )
    register_on_delivery = fields.Boolean(
        string="Register on delivery",
        compute="_compute_register_on_delivery",
        store=True,
        readonly=False,
        help="When we deliver a unit (serial number) or batch of this product to a customer, "
        "it is registered to that customer automatically; a return ends the registration.",
    )
    knowledge_article_ids = fields.Many2many(
        comodel_name="bimbonbon.knowledge.article",
        relation="bimbonbon_knowledge_article_product_template_rel",
        column1="product_template_id",
        column2="article_id",
        string="Knowledge articles",
    )

    _warranty_months_positive = models.Constraint(
        "CHECK (warranty_months >= 0)",
        "The warranty term cannot be negative.",
    )

    @api.depends("tracking")
    def _compute_is_registrable(self):
        for template in self:
            template.is_registrable = template.tracking in ("serial", "lot")

    @api.depends("is_registrable")
    def _compute_register_on_delivery(self):
        for template in self:
            template.register_on_delivery = template.is_registrable
