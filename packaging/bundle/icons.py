"""Renders the SVG application icon for each system, with Qt's own SVG renderer (build time).

Run with a Python that has PySide6 (the build environment):
    python icons.py hicolor ICON.svg SHARE/icons/hicolor NAME   # Linux: PNGs + scalable SVG
    python icons.py ico ICON.svg OUT.ico                          # Windows: one .ico, all sizes
    python icons.py iconset ICON.svg OUT.iconset                  # macOS: for `iconutil -c icns`
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

#: The sizes desktops look for (freedesktop icon theme spec; GNOME, KDE, Xfce menus and docks).
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
#: Windows Explorer, taskbar and Start menu at 100-200% scaling.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: What iconutil expects in an .iconset: base size and whether it is the @2x variant.
ICONSET = [(size, scale) for size in (16, 32, 128, 256, 512) for scale in (1, 2)]


def png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        png.app = QGuiApplication([sys.argv[0]])  # type: ignore[attr-defined]  # kept alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons: {svg} is not an SVG image Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"icons: could not encode the {size}px icon as PNG")
    return bytes(data.data())


def hicolor(svg: Path, theme: Path, name: str) -> list[Path]:
    written = []
    for size in HICOLOR_SIZES:
        path = theme / f"{size}x{size}" / "apps" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(svg, size))
        written.append(path)
    scalable = theme / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return [*written, scalable]


def ico(svg: Path, out: Path) -> list[Path]:
    """A .ico holding PNG images (read by Windows Vista and later)."""
    images = [png(svg, size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, image in zip(ICO_SIZES, images, strict=True):
        side = size if size < 256 else 0  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        payload += image
        offset += len(image)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + entries + payload)
    return [out]


def iconset(svg: Path, folder: Path) -> list[Path]:
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for size, scale in ICONSET:
        path = folder / (f"icon_{size}x{size}" + ("@2x" if scale == 2 else "") + ".png")
        path.write_bytes(png(svg, size * scale))
        written.append(path)
    return written


def main(argv: list[str]) -> None:
    kinds = {"hicolor": (hicolor, 3), "ico": (ico, 2), "iconset": (iconset, 2)}
    if not argv or argv[0] not in kinds or len(argv) - 1 != kinds[argv[0]][1]:
        raise SystemExit(__doc__)
    make, _ = kinds[argv[0]]
    for path in make(Path(argv[1]), Path(argv[2]), *argv[3:]):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
