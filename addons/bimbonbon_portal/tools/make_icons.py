# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Draw the BimBonBon app icons (a yellow bonbon on black) used by the web app manifest.

Run from the repository root: ``.venv/bin/python addons/bimbonbon_portal/tools/make_icons.py``.
The icons are "maskable": the motif stays inside the central safe zone (80 %), so phones may
crop them to a circle or a rounded square.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLACK = (17, 17, 17, 255)
YELLOW = (255, 210, 0, 255)
SIZES = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180}
SUPERSAMPLE = 4


def draw_icon(size):
    big = size * SUPERSAMPLE
    img = Image.new("RGBA", (big, big), BLACK)
    draw = ImageDraw.Draw(img)
    unit = big / 100
    # The sweet: an ellipse in the middle
    draw.ellipse([30 * unit, 34 * unit, 70 * unit, 66 * unit], fill=YELLOW)
    # The twisted wrapper ends, left and right
    for tip, end in ((32, 14), (68, 86)):
        draw.polygon(
            [(tip * unit, 50 * unit), (end * unit, 36 * unit), (end * unit, 64 * unit)], fill=YELLOW
        )
    # A black stripe across the sweet
    draw.line([(44 * unit, 36 * unit), (40 * unit, 64 * unit)], fill=BLACK, width=int(4 * unit))
    draw.line([(60 * unit, 36 * unit), (56 * unit, 64 * unit)], fill=BLACK, width=int(4 * unit))
    return img.resize((size, size), Image.LANCZOS)


def main():
    target = Path(__file__).resolve().parent.parent / "static" / "src" / "img"
    target.mkdir(parents=True, exist_ok=True)
    for name, size in SIZES.items():
        draw_icon(size).save(target / name, optimize=True)


if __name__ == "__main__":
    main()
