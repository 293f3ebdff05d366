# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user


class ServiceCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://bbb.example.com")
        cls.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_service.label_base_url", "https://bbb.example.com"
        )
        cls.mixer_tmpl = cls.env["product.template"].create(
            {
                "name": "Keukenmixer KM-1",
                "is_storable": True,
                "tracking": "serial",
                "warranty_months": 24,
            }
        )
        cls.mixer = cls.mixer_tmpl.product_variant_id
        cls.mix_tmpl = cls.env["product.template"].create(
            {"name": "Stroopwafelmix", "is_storable": True, "tracking": "lot"}
        )
        cls.mix = cls.mix_tmpl.product_variant_id
        cls.serial_1, cls.serial_2 = cls.env["stock.lot"].create(
            [
                {"name": "KM-0001", "product_id": cls.mixer.id},
                {"name": "KM-0002", "product_id": cls.mixer.id},
            ]
        )
        cls.batch = cls.env["stock.lot"].create({"name": "SW-2026-A", "product_id": cls.mix.id})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "De Gouden Krakeling",
                "is_company": True,
                "email": "info@krakeling.example.com",
                "phone": "+31 20 555 0101",
                "lang": "en_US",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Anna de Vries",
                "parent_id": cls.customer.id,
                "email": "anna@krakeling.example.com",
                "phone": "+31 6 1234 5678",
            }
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Bakkerij Jansen", "email": "jansen@example.com"}
        )
        cls.portal_user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "anna_portal",
                    "partner_id": cls.contact.id,
                    "group_ids": [(6, 0, cls.env.ref("base.group_portal").ids)],
                }
            )
        )
        cls.cs_user = new_test_user(
            cls.env, "cs_user", groups="bimbonbon_crm.group_customer_service"
        )
        cls.tech_user = new_test_user(
            cls.env, "tech_user", groups="bimbonbon_crm.group_maintenance"
        )
        cls.Registration = cls.env["bimbonbon.product.registration"]
