"""Build each addon's README.rst from its readme/*.md fragments (OCA layout).

OCA's oca-gen-addon-readme does this for OCA repositories; ours is the same idea without the
OCA badges. Run by `make readme`; pylint-odoo's missing-readme check wants the result.
"""

import ast
import pathlib
import sys

FRAGMENTS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def build(addon: pathlib.Path) -> str:
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), "", manifest.get("summary", ""), ""]
    out += [".. contents::", "   :local:", ""]
    for name, heading in FRAGMENTS:
        fragment = addon / "readme" / name
        if not fragment.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        # The fragments are Markdown; a literal block keeps them readable in Odoo's Apps
        # screen without a Markdown-to-RST converter (docutils would choke on tables).
        body = fragment.read_text().strip().splitlines()
        out += ["::", ""] + [f"    {line}" if line else "" for line in body] + [""]
    out += ["Authors", "=======", "", "* " + manifest["author"], ""]
    return "\n".join(out)


def main(root="addons"):
    for manifest in sorted(pathlib.Path(root).glob("*/__manifest__.py")):
        addon = manifest.parent
        (addon / "README.rst").write_text(build(addon))


if __name__ == "__main__":
    main(*sys.argv[1:])
