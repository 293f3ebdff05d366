# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestKnowledge(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["bimbonbon.knowledge.article"]
        cls.article_storing = Article.create(
            {
                "name": "Storing: de mixer piept",
                "kind": "faq",
                "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                "body": "<p>Piept de mixer bij het opstarten? Reinig de <b>kom</b> en "
                "controleer of de kom goed vastzit. Bij een storing: stekker eruit.</p>",
                "is_published": True,
            }
        )
        cls.article_wafel = Article.create(
            {
                "name": "Recept: krokante wafels",
                "kind": "recipe",
                "product_tmpl_ids": [(6, 0, cls.mix_tmpl.ids)],
                "body": "<p>Bak de wafel twee minuten in het wafelijzer.</p>",
                "is_published": True,
            }
        )
        cls.article_general = Article.create(
            {
                "name": "Algemene storingen",
                "kind": "faq",
                "body": "<p>Bij storingen aan een apparaat: kijk eerst of de stekker erin zit."
                " Storing blijft? Meld het ons.</p>",
                "is_published": True,
            }
        )
        cls.article_draft = Article.create(
            {
                "name": "Storing concept",
                "kind": "faq",
                "body": "<p>storing storing storing</p>",
                "is_published": False,
            }
        )
        cls.Article = Article

    def test_dutch_stemming_and_ranking(self):
        # "storingen" and "piepen" are stemmed to the words of the articles
        found = self.Article.with_user(self.portal_user)._suggest(
            "Mijn mixer geeft storingen en blijft piepen", product=self.mixer
        )
        self.assertEqual(found[0], self.article_storing, "product's own article first")
        self.assertIn(self.article_general, found)
        self.assertNotIn(self.article_draft, found, "unpublished is not shown to customers")
        self.assertNotIn(self.article_wafel, found, "other product's article is filtered out")
        # plural "wafels" finds singular "wafel"
        found = self.Article._suggest("hoe bak ik wafels", product=self.mix)
        self.assertEqual(found, self.article_wafel)
        # without product: ranked on text, the article with most hits first
        found = self.Article._suggest("storingen", limit=2)
        self.assertEqual(len(found), 2)
        self.assertIn(self.article_general, found)
        self.assertFalse(self.Article._suggest("   "))
        self.assertFalse(self.Article._suggest("xyzzy qwerty"))

    def test_index_exists(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["bimbonbon_knowledge_article_search_vector_idx"],
        )
        [(indexdef,)] = self.env.cr.fetchall()
        self.assertIn("gin (search_vector)", indexdef)
        self.env.cr.execute(
            """SELECT generation_expression FROM information_schema.columns
                WHERE table_name = 'bimbonbon_knowledge_article'
                  AND column_name = 'search_vector'"""
        )
        [(expression,)] = self.env.cr.fetchall()
        self.assertIn("'dutch'", expression)
        # the vector follows the body: a new word is found right after the write
        self.article_wafel.body = "<p>Ook lekker met kaneel.</p>"
        self.assertEqual(self.Article._suggest("kaneel"), self.article_wafel)

    def test_suggestion_log_and_deflection(self):
        Suggestion = self.env["bimbonbon.knowledge.suggestion"]
        articles = self.Article._suggest("storingen", product=self.mixer)
        log_1 = Suggestion._record(self.contact, "storingen", articles, product=self.mixer)
        log_2 = Suggestion._record(self.contact, "piept", articles[:1], product=self.mixer)
        log_1._set_helpful(articles[0])
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Piept", "description": "<p>piept</p>", "partner_id": self.contact.id}
        )
        log_2._set_ticket(ticket)
        logs = log_1 | log_2
        self.assertEqual(log_1.deflection, 1.0)
        self.assertEqual(log_2.deflection, 0.0)
        self.assertEqual(log_1.helpful_article_id, articles[0])
        self.assertAlmostEqual(Suggestion._get_deflection_rate([("id", "in", logs.ids)]), 0.5)
        manager = new_test_user(
            self.env, "pd", groups="bimbonbon_service.group_product_development"
        )
        self.assertEqual(Suggestion.with_user(manager).search([("id", "in", logs.ids)]), logs)
