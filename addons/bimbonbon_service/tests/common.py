# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from odoo.addons.bimbonbon_crm.tests.common import BimbonbonFixtures


class ServiceFixtures(BimbonbonFixtures):
    """The products a customer registers, shared with the portal's tests."""

    @classmethod
    def _create_registrable_products(cls):
        """A serial-tracked mixer with 24 months of warranty and a batch-tracked mix."""
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


class ServiceCommon(ServiceFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://bbb.example.com")
        cls.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_service.label_base_url", "https://bbb.example.com"
        )
        cls._create_registrable_products()
        cls.serial_1, cls.serial_2 = cls.env["stock.lot"].create(
            [
                {"name": "KM-0001", "product_id": cls.mixer.id},
                {"name": "KM-0002", "product_id": cls.mixer.id},
            ]
        )
        cls.batch = cls.env["stock.lot"].create({"name": "SW-2026-A", "product_id": cls.mix.id})
        # Not a customer yet: registering a product makes it one.
        cls.customer = cls._create_customer(
            "De Gouden Krakeling",
            customer_rank=0,
            email="info@krakeling.example.com",
            phone="+31 20 555 0101",
            lang="en_US",
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
        cls.portal_user = cls._create_portal_user("anna_portal", cls.contact)
        cls.cs_user = cls._create_department_user("customer_service", "cs_user")
        cls.tech_user = cls._create_department_user("maintenance", "tech_user")
        cls.Registration = cls.env["bimbonbon.product.registration"]
