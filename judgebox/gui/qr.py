"""QR codes as QImages (fingerprints, verification codes)."""

from __future__ import annotations

from judgebox.gui.qt import QColor, QImage, QPainter, Qt


def qr_image(text: str, module_px: int = 6, border: int = 4) -> QImage:
    """Draw ``text`` as a QR code; black modules on white, crisp at any DPI."""
    import qrcode

    qr = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module_px, y * module_px, module_px, module_px, black)
    painter.end()
    return image
