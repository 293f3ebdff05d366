# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import NOW, JourneyCommon, copy_rows, series

JUNE = datetime(2026, 6, 10, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestProductDevelopment(JourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.developer = new_test_user(
            cls.env,
            "jrn_developer",
            groups="bimbonbon_service.group_product_development",
            email="ontwikkeling@bimbonbon.example.com",
        )
        cls.bitter = cls.env["helpdesk.ticket.category"].create({"name": "Bittere smaak"})
        cls.Page = cls.env["bimbonbon.product.development.report"].with_user(cls.developer)

    def _make_data(self):
        for _i in range(2):
            self._ticket(
                "phone", JUNE, kind="complaint", lot=self.batch_a, category_id=self.bitter.id
            )
        self._ticket("mail", JUNE, kind="fault", lot=self.serial)
        self._ticket(
            "portal",
            JUNE,
            kind="feedback",
            rating=6,
            product_id=self.mix.id,
            description="<p>Te zoet voor ons</p>",
        )
        Article = self.env["bimbonbon.knowledge.article"]
        good, bad = Article.create([{"name": "Wafels te hard"}, {"name": "Recept"}])
        Suggestion = self.env["bimbonbon.knowledge.suggestion"]
        followed = self._ticket("portal", JUNE, kind="question")
        suggestions = Suggestion.create(
            [
                {
                    "partner_id": self.bakery.id,
                    "product_id": self.mix.id,
                    "text": "hard",
                    "article_ids": [(6, 0, good.ids)],
                    "helpful_article_id": good.id,
                },
                {
                    "partner_id": self.bakery.id,
                    "product_id": self.mix.id,
                    "text": "bitter",
                    "article_ids": [(6, 0, bad.ids)],
                    "ticket_id": followed.id,
                },
            ]
        )
        self._set_create_date(suggestions, JUNE)

    def test_the_page_per_product_and_batch(self):
        self._make_data()
        data = self.Page._get_report_data(date(2026, 6, 1), date(2026, 6, 15))
        mix = next(p for p in data["products"] if p["product"] == "Stroopwafelmix")
        self.assertEqual(
            mix["batches"], [{"lot": "JRN-A", "rows": [("Complaint", "Bittere smaak", 2)]}]
        )
        self.assertEqual(mix["grade"], 6.0)
        self.assertEqual(mix["remarks"], [(6, "Te zoet voor ons")])
        self.assertEqual(mix["solved"], [("Wafels te hard", 1)])
        self.assertEqual(mix["unsolved"], [("Recept", 1)])
        mixer = next(p for p in data["products"] if p["product"] == "Keukenmixer KM-1")
        self.assertEqual(mixer["batches"][0]["rows"], [("Fault", "no reason given", 1)])
        page = self.Page.create({"date_from": "2026-06-01", "date_to": "2026-06-15"})
        self.assertIn("Bittere smaak", page.report_html)
        self.assertIn("Te zoet voor ons", page.report_html)
        only_mixer = self.Page.create(
            {"date_from": "2026-06-01", "date_to": "2026-06-15", "product_id": self.mixer.id}
        )
        self.assertNotIn("Bittere smaak", only_mixer.report_html)

    def test_remarks_of_every_product(self):
        """Each product gets its latest remarks of the period, however many another product
        has (300 newer remarks on the mix leave the mixer's one on the page)."""
        self._ticket(
            "portal",
            JUNE,
            kind="feedback",
            rating=8,
            product_id=self.mixer.id,
            description="<p>Stil en sterk</p>",
        )
        self._ticket(  # before the period: not on the page
            "portal",
            datetime(2026, 5, 20),
            kind="feedback",
            rating=3,
            product_id=self.mixer.id,
            description="<p>Van vorige maand</p>",
        )
        mix = self._ticket(
            "portal",
            JUNE.replace(hour=12),
            kind="feedback",
            rating=7,
            product_id=self.mix.id,
            description="<p>Lekker</p>",
        )
        copy_rows(self.cr, "helpdesk_ticket", mix.id, series(300), {"number": "'R' || src.n"})
        self.env.invalidate_all()
        data = self.Page._get_report_data(date(2026, 6, 1), date(2026, 6, 15))
        remarks = {p["product"]: p["remarks"] for p in data["products"]}
        self.assertEqual(remarks["Keukenmixer KM-1"], [(8, "Stil en sterk")])
        self.assertEqual(remarks["Stroopwafelmix"], [(7, "Lekker")] * 5)

    def test_empty_period(self):
        page = self.Page.create({"date_from": "2025-01-01", "date_to": "2025-01-31"})
        self.assertIn("No complaints, faults, feedback or suggestions", page.report_html)

    def test_monthly_digest_to_product_development(self):
        with freeze_time("2026-07-01 06:00"):
            self._make_data()
            self.env["bimbonbon.product.development.report"]._cron_send_digest()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.developer.partner_id.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, "Product development: 06-2026")
        self.assertIn("Bittere smaak", mail.body_html)

    def test_constant_queries(self):
        self._make_data()
        Page = self.Page
        Page._get_report_data(date(2026, 6, 1), date(2026, 6, 15))
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        Page._get_report_data(date(2026, 6, 1), date(2026, 6, 15))
        few = self.cr.sql_log_count - start
        complaint = self.env["helpdesk.ticket"].search([("ticket_kind", "=", "complaint")], limit=1)
        copy_rows(
            self.cr, "helpdesk_ticket", complaint.id, series(10_000), {"number": "'P' || src.n"}
        )
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            data = Page._get_report_data(date(2026, 6, 1), date(2026, 6, 15))
        mix = next(p for p in data["products"] if p["product"] == "Stroopwafelmix")
        self.assertEqual(mix["batches"][0]["rows"][0][2], 10_002)
