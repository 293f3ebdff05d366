# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.rating.models import rating_data

GRADE_MIN = 1
GRADE_MAX = 10
#: a grade from this one up is a "9+": the experience we aim for
GRADE_TOP = 9
#: a grade up to this one gets a follow-up by the team leader
GRADE_FOLLOW_UP = 6


def grade_to_rating(grade):
    """The 1–10 school grade on Odoo's 1/3/5 rating scale (its texts, smileys and stats):
    9 and 10 happy, 7 and 8 neutral, 6 and lower unhappy (they get a follow-up)."""
    if grade >= GRADE_TOP:
        return rating_data.RATING_HAPPY_VALUE
    if grade > GRADE_FOLLOW_UP:
        return rating_data.RATING_NEUTRAL_VALUE
    return rating_data.RATING_UNHAPPY_VALUE


class RatingRating(models.Model):
    """The customer's grade, 1–10, kept next to Odoo's ``rating`` (0–5).

    Odoo's rating framework assumes 1/3/5 throughout: ``rating_apply`` refuses more than 5,
    ``rating_text``, the smiley images, ``rating_get_grades`` and the satisfaction stats read
    4 and up as satisfied. Storing 1–10 in ``rating`` would call a 4 "satisfied" and break the
    images; so the grade has its own field and ``rating`` gets its 1/3/5 equivalent
    (``grade_to_rating``), which keeps every Odoo figure coherent with the grade.
    """

    _inherit = "rating.rating"

    grade = fields.Integer(
        help="The customer's school grade, from 1 (bad) to 10 (excellent).",
        readonly=True,
        aggregator="avg",
    )

    _grade_range = models.Constraint(
        "CHECK (grade IS NULL OR grade = 0 OR (grade >= 1 AND grade <= 10))",
        "A grade is between 1 and 10.",
    )

    def write(self, vals):
        """One grade per ticket: an answered request of a ticket keeps its answer, also
        against Odoo's own rating pages (/rate/<token>/...), which let a customer change it."""
        if {"rating", "feedback", "grade"} & set(vals):
            for rating in self:
                if rating.res_model != "helpdesk.ticket":
                    continue
                if (rating.consumed and {"rating", "feedback"} & set(vals)) or (
                    rating.grade and "grade" in vals
                ):
                    raise UserError(self.env._("This ticket has already been graded."))
        return super().write(vals)
