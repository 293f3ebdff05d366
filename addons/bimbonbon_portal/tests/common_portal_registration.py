# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from PIL import Image

from odoo import http
from odoo.tests import HttpCase

from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures


def make_png(size=(8, 8), color=(255, 212, 0)):
    """A real PNG image (bytes)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class PortalRegistrationCase(ServiceFixtures, HttpCase):
    """Two portal customers, a serial-tracked mixer, a batch-tracked mix, knowledge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user_a = cls._create_portal_user(
            "klant_a", name="Anna Klant", email="anna@klant.example.com"
        )
        cls.user_b = cls._create_portal_user(
            "klant_b", name="Bert Anders", email="bert@anders.example.com"
        )
        cls.partner_a = cls.user_a.partner_id
        cls.partner_b = cls.user_b.partner_id
        cls._create_registrable_products()
        cls.serial_a, cls.serial_free, cls.serial_b = cls.env["stock.lot"].create(
            [
                {"name": "KM-A-0001", "product_id": cls.mixer.id},
                {"name": "KM-F-0002", "product_id": cls.mixer.id},
                {"name": "KM-B-0003", "product_id": cls.mixer.id},
            ]
        )
        cls.batch = cls.env["stock.lot"].create({"name": "SW-2026-A", "product_id": cls.mix.id})
        Registration = cls.env["bimbonbon.product.registration"]
        cls.registration_a = Registration._register_lot(
            cls.partner_a, cls.serial_a, channel="staff", values={"purchase_place": "Winkel A"}
        )
        cls.registration_b = Registration._register_lot(
            cls.partner_b,
            cls.serial_b,
            channel="staff",
            values={"purchase_place": "Geheime winkel Bert"},
        )
        Article = cls.env["bimbonbon.knowledge.article"]
        cls.faq = Article.create(
            {
                "name": "De mixer draait niet",
                "kind": "faq",
                "body": "<p>Controleer of de stekker goed in het stopcontact zit.</p>",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "is_published": True,
            }
        )
        cls.manual = Article.create(
            {
                "name": "Handleiding KM-1",
                "kind": "manual",
                "manual": base64.b64encode(MINIMAL_PDF),
                "manual_filename": "handleiding-km1.pdf",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "is_published": True,
            }
        )
        cls.video = Article.create(
            {
                "name": "Zo maak je deeg",
                "kind": "video",
                "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "is_published": True,
            }
        )
        cls.video_elsewhere = Article.create(
            {
                "name": "Video op een andere site",
                "kind": "video",
                "video_url": "https://evil.example.com/embed/123456",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "is_published": True,
            }
        )
        cls.recipe = Article.create(
            {
                "name": "Boterkoek",
                "kind": "recipe",
                "body": "<p>Meng boter, suiker en bloem.</p>",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "is_published": True,
            }
        )

    @classmethod
    def _create_ticket_a(cls, description="<p>Hij piept</p>"):
        """A ticket of customer A about their registered mixer."""
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Mixer piept",
                "description": description,
                "partner_id": cls.partner_a.id,
                "registration_id": cls.registration_a.id,
            }
        )

    @classmethod
    def _create_contract_a(cls, state="running"):
        """A contract of customer A, shown on the portal (a draft is not)."""
        contract = cls.env["bimbonbon.contract"].create({"partner_id": cls.partner_a.id})
        contract.state = state
        return contract

    @classmethod
    def _post_comment_and_note(cls, record, staff, comment, note):
        """A message to the customer and an internal note on ``record``, by ``staff``: the
        portal shows the first, never the second."""
        for body, subtype in ((comment, "mail.mt_comment"), (note, "mail.mt_note")):
            record.with_user(staff).message_post(
                body=body, message_type="comment", subtype_xmlid=subtype
            )

    def activate_dutch(self, modules=("bimbonbon_portal",)):
        """Dutch on the website, with the terms of ``modules`` loaded; customer A speaks it."""
        lang = self._install_dutch(list(modules), self.partner_a)
        self.env["website"].search([]).language_ids |= lang

    def csrf(self):
        return http.Request.csrf_token(self)

    def post(self, url, data=None, files=None, allow_redirects=False):
        data = dict(data or {}, csrf_token=self.csrf())
        return self.url_open(url, data=data, files=files, allow_redirects=allow_redirects)
