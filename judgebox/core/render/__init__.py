"""Slide renderer: .pptx parts (package.py) -> PDF (reportlab) -> PNG (PDFium); no Qt, no LibreOffice."""
