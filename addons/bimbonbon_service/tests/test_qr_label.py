# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import subprocess
import tempfile
from pathlib import Path

import qrcode
import zxingcpp
from PIL import Image

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import _find_executable, _preexec

from .common import ServiceCommon

BORDER = 4


def png_to_matrix(data_uri):
    """Read the module grid back from the PNG: sample the centre pixel of every module."""
    prefix = "data:image/png;base64,"
    assert data_uri.startswith(prefix)
    image = Image.open(io.BytesIO(base64.b64decode(data_uri[len(prefix) :]))).convert("L")
    width, height = image.size
    assert width == height
    # the quiet zone is BORDER modules wide: find the module size from the first dark pixel
    first_dark = next(x for x in range(width) if image.getpixel((x, x)) < 128)
    box = first_dark // BORDER
    modules = width // box - 2 * BORDER
    return [
        [
            image.getpixel(((BORDER + col) * box + box // 2, (BORDER + row) * box + box // 2)) < 128
            for col in range(modules)
        ]
        for row in range(modules)
    ]


def reference_matrix(text):
    """An independent encoding of ``text`` (no quiet zone), as a list of rows of booleans."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


@tagged("post_install", "-at_install")
class TestQrLabel(ServiceCommon):
    def test_qr_png_decodes_to_registration_url(self):
        expected = f"https://bbb.example.com/r/{self.serial_1.registration_token}"
        matrix = png_to_matrix(self.serial_1._get_registration_qr_data_uri())
        self.assertEqual(matrix, reference_matrix(expected))
        self.assertNotEqual(matrix, reference_matrix(expected[:-1] + "X"))

    def test_qr_png_read_by_a_qr_reader(self):
        """An independent reader (zxing-cpp, as in phone apps) reads the registration URL."""
        for lot in self.serial_1 | self.batch:
            data_uri = lot._get_registration_qr_data_uri()
            image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
            results = zxingcpp.read_barcodes(image)
            self.assertEqual(
                [(r.format, r.text) for r in results],
                [
                    (
                        zxingcpp.BarcodeFormat.QRCode,
                        f"https://bbb.example.com/r/{lot.registration_token}",
                    )
                ],
            )

    def test_label_sheet_report(self):
        lots = self.serial_1 | self.serial_2 | self.batch
        report = self.env.ref("bimbonbon_service.action_report_lot_registration_label")
        html, _ = report._render_qweb_html(report.id, lots.ids)
        html = html.decode()
        for lot in lots:
            self.assertIn(f'data-url="{lot._get_registration_url()}"', html)
            self.assertIn(lot._get_registration_qr_data_uri(), html)
        self.assertEqual(html.count('class="o_qr_label"'), 3)

    def _sheet_html(self, lots):
        report = self.env.ref("bimbonbon_service.action_report_lot_registration_label")
        html, _ = report._render_qweb_html(report.id, lots.ids)
        return html.decode()

    def test_label_sheet_fits_avery_l7160(self):
        """The sheet printed unstyled (no `article` div: the PDF engine dropped the report's
        CSS), one label per row on three pages. Now: A4 stock Avery L7160, 3 x 7 labels of
        63.5 x 38.1 mm, 21 a sheet, the company's name on each label."""
        report = self.env.ref("bimbonbon_service.action_report_lot_registration_label")
        paper = report.paperformat_id
        self.assertEqual(paper.format, "A4")
        # margins + 3 labels + 2 gaps = 210 mm wide, margin + 7 rows = 282.75 mm of 297 high
        self.assertAlmostEqual(paper.margin_left + 3 * 63.5 + 2 * 2.5 + paper.margin_right, 210)
        self.assertAlmostEqual(paper.margin_top + 7 * 38.1, 281.85)
        lots = self.env["stock.lot"].create(
            [{"name": f"KM-S{i:03d}", "product_id": self.mixer.id} for i in range(22)]
        )
        html = self._sheet_html(lots)
        self.assertIn('class="article"', html)
        self.assertEqual(html.count('class="o_qr_label"'), 22)
        self.assertEqual(html.count('class="o_bimbonbon_label_table"'), 2)  # 21 + 1
        self.assertEqual(html.count("page-break-after: always"), 1)
        # 7 rows on the first sheet, the one row used on the second, 3 labels a row
        self.assertEqual(html.count("width: 63.5mm; height: 38.1mm"), (7 + 1) * 3)
        self.assertGreaterEqual(html.count(self.env.company.name), 22)

    def test_label_sheet_in_the_company_language(self):
        """The labels are for the customers: in the company's language, whoever prints."""
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["bimbonbon_service"], ["nl_NL"], overwrite=True
        )
        self.env.company.partner_id.lang = "nl_NL"
        html = self._sheet_html(self.serial_1)
        self.assertIn("Scan om te registreren", html)
        self.assertNotIn("Scan to register", html)

    def test_label_sheet_decodes_at_60_dpi(self):
        """The sheet rasterized at 60 dpi (a cheap phone camera at arm's length, a fax-grade
        scan) still gives every registration URL to a QR reader (zxing-cpp)."""
        lots = self.env["stock.lot"].create(
            [{"name": f"KM-D{i:03d}", "product_id": self.mixer.id} for i in range(6)]
        )
        html = self._sheet_html(lots)
        # printed at 300 dpi (a laser printer; headless Chromium renders CSS at 96 px an inch,
        # scaled by 300 / 96), then scanned at 60 dpi: each pixel the average of its area
        with tempfile.TemporaryDirectory() as tmp:
            page, shot = Path(tmp, "sheet.html"), Path(tmp, "sheet.png")
            page.write_text(html)
            chrome = subprocess.run(
                [
                    _find_executable(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    f"--user-data-dir={tmp}",
                    f"--force-device-scale-factor={300 / 96}",
                    "--window-size=760,300",  # CSS px: 195.5 mm wide, two rows of 38.1 mm
                    f"--screenshot={shot}",
                    page.as_uri(),
                ],
                capture_output=True,
                check=False,
                timeout=120,
                # Chromium needs more address space than Odoo's memory limit allows
                preexec_fn=_preexec,  # noqa: PLW1509
            )
            self.assertTrue(shot.exists(), chrome.stderr[-1500:])
            printed = Image.open(shot).convert("L")
        scale = 60 / 300
        image = printed.resize(
            (round(printed.width * scale), round(printed.height * scale)), Image.Resampling.BOX
        )
        # the 30 mm code is about 71 pixels wide at 60 dpi: 1.7 pixels a module
        codes = zxingcpp.read_barcodes(image)
        for code in codes:
            width = code.position.top_right.x - code.position.top_left.x
            # 33 of the 41 modules of 30 mm: 24 mm, 57 pixels
            self.assertTrue(50 < width < 30 / 25.4 * 60, width)
        found = {r.text for r in codes}
        self.assertEqual(found, {lot._get_registration_url() for lot in lots})

    def test_labels_use_a_lasting_address(self):
        """Labels took web.base.url, which Odoo rewrites at each administrator login unless
        frozen: a label printed today pointed wherever an admin last logged in from."""
        ICP = self.env["ir.config_parameter"].sudo()
        report = self.env.ref("bimbonbon_service.action_report_lot_registration_label")
        token = self.serial_1.registration_token
        ICP.set_param("web.base.url", "http://192.168.1.20:8069")  # an admin logged in at home
        self.assertEqual(
            self.serial_1._get_registration_url(), f"https://bbb.example.com/r/{token}"
        )
        # no label address and web.base.url not frozen: nothing is printed, with a message
        ICP.set_param("bimbonbon_service.label_base_url", "")
        self.assertFalse(self.serial_1._get_registration_url())
        with self.assertRaises(UserError):
            report._render_qweb_html(report.id, self.serial_1.ids)
        # a frozen web.base.url is a lasting address too
        ICP.set_param("web.base.url.freeze", "True")
        self.assertEqual(
            self.serial_1._get_registration_url(), f"http://192.168.1.20:8069/r/{token}"
        )
        report._render_qweb_html(report.id, self.serial_1.ids)

    def test_print_labels_of_receipt(self):
        receipt_type = self.env.ref("stock.picking_type_in")
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": receipt_type.default_location_dest_id.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.mixer.id,
                            "product_uom_qty": 2,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": receipt_type.default_location_dest_id.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        for lot in self.serial_1 | self.serial_2:
            self.env["stock.move.line"].create(
                {
                    "move_id": move.id,
                    "picking_id": picking.id,
                    "product_id": self.mixer.id,
                    "lot_id": lot.id,
                    "quantity": 1,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                }
            )
        action = picking.action_print_registration_labels()
        self.assertEqual(action["report_name"], "bimbonbon_service.report_lot_registration_label")
        self.assertEqual(set(action["context"]["active_ids"]), {self.serial_1.id, self.serial_2.id})
