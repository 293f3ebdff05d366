# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Draw the BimBonBon app icons (a yellow bonbon on black) used by the web app manifest.

Run from the repository root: ``.venv/bin/python addons/bimbonbon_portal/tools/make_icons.py``.
Two kinds, as the manifest lists them: ``icon-<size>.png`` ("any") is a rounded black
square with a slightly larger bonbon, shown as it is; ``icon-maskable-<size>.png``
("maskable") fills the whole square and keeps the motif inside the central safe zone
(80 %), so phones may crop it to a circle or a rounded square. The Apple touch icon is the
maskable one (iOS rounds it itself).
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLACK = (17, 17, 17, 255)
YELLOW = (255, 210, 0, 255)
#: file name: (size, maskable)
ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-192.png": (192, True),
    "icon-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}
SUPERSAMPLE = 4


def draw_icon(size, maskable=True):
    big = size * SUPERSAMPLE
    if maskable:
        img = Image.new("RGBA", (big, big), BLACK)
        unit = big / 100
        offset = 0
    else:
        # transparent corners around a rounded square; the motif 10 % larger
        img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        square = [0, 0, big - 1, big - 1]
        ImageDraw.Draw(img).rounded_rectangle(square, radius=big * 0.22, fill=BLACK)
        unit = big / 90
        offset = -5 * unit
    draw = ImageDraw.Draw(img)

    def xy(x, y):
        return (x * unit + offset, y * unit + offset)

    # The sweet: an ellipse in the middle
    draw.ellipse([*xy(30, 34), *xy(70, 66)], fill=YELLOW)
    # The twisted wrapper ends, left and right
    for tip, end in ((32, 14), (68, 86)):
        draw.polygon([xy(tip, 50), xy(end, 36), xy(end, 64)], fill=YELLOW)
    # A black stripe across the sweet
    draw.line([xy(44, 36), xy(40, 64)], fill=BLACK, width=int(4 * unit))
    draw.line([xy(60, 36), xy(56, 64)], fill=BLACK, width=int(4 * unit))
    return img.resize((size, size), Image.LANCZOS)


def main():
    target = Path(__file__).resolve().parent.parent / "static" / "src" / "img"
    target.mkdir(parents=True, exist_ok=True)
    for name, (size, maskable) in ICONS.items():
        draw_icon(size, maskable).save(target / name, optimize=True)


if __name__ == "__main__":
    main()
