"""Regenerate the raster icons (PNG sizes, Windows .ico) from judgebox/resources/icons/judgebox.svg.

Run once after editing the SVG; the results are committed so a build needs no SVG
renderer. Uses QtSvg (in PySide6-Essentials) to rasterise and Pillow to pack the .ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parents[1] / "judgebox" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(ICONS / "judgebox.svg"))
    if not renderer.isValid():
        print("judgebox.svg is not a valid SVG", file=sys.stderr)
        return 1
    pngs = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"judgebox-{size}.png"
        image.save(str(out))
        pngs.append(out)
    big = Image.open(ICONS / "judgebox-256.png")
    big.save(ICONS / "judgebox.ico", sizes=[(s, s) for s in SIZES])
    print(f"wrote {len(pngs)} PNGs and judgebox.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
