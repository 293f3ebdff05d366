# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Since 19.0.1.1.0 a product notice is mailed to a person of the customer (the recipient's
``contact_id``): its mail template (a noupdate record, which an update leaves alone) is
addressed to that person, and the lines of notices sent before that are not mailed yet go to
the customer's own address, as they would have before. (The new ``company_id`` columns are
filled by the update: the notice's from its default, the recipient's from its notice.)"""


def migrate(cr, version):
    cr.execute(
        """UPDATE mail_template t
              SET use_default_to = FALSE,
                  partner_to = replace(t.partner_to, 'object.partner_id', 'object.contact_id'),
                  lang = replace(t.lang, 'object.partner_id', 'object.contact_id'),
                  body_html = replace(t.body_html::text, 'object.partner_id.name',
                                      'object.contact_id.name')::jsonb
             FROM ir_model_data d
            WHERE d.module = 'bimbonbon_service' AND d.name = 'mail_template_product_notice'
              AND d.model = 'mail.template' AND t.id = d.res_id"""
    )
    cr.execute(
        """UPDATE bimbonbon_product_notice_recipient r SET contact_id = r.partner_id
             FROM res_partner p
            WHERE p.id = r.partner_id AND r.contact_id IS NULL
              AND p.email IS NOT NULL AND p.email != ''"""
    )
