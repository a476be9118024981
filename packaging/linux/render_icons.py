"""Renders the SVG application icon to the hicolor PNG sizes with Qt's own SVG renderer.

Run at build time by packaging/build_deb.sh, in the build environment (it has PySide6):
    python render_icons.py resources/llamadesk.svg <share>/icons/hicolor llamadesk
writes <size>x<size>/apps/llamadesk.png for each size and scalable/apps/llamadesk.svg.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

#: The sizes desktops look for (freedesktop icon theme spec; GNOME, KDE, Xfce menus and docks).
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, hicolor: Path, name: str) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not an SVG image Qt can draw")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = hicolor / f"{size}x{size}" / "apps" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"render_icons: could not write {path}")
        written.append(path)
    scalable = hicolor / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    del app
    return [*written, scalable]


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit("usage: render_icons.py ICON.svg HICOLOR_DIR NAME")
    for written_path in render(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]):
        print(written_path)
