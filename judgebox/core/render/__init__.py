"""Slide renderer: .pptx parts (package.py) -> PDF (reportlab) -> PNG (PyMuPDF); no Qt, no LibreOffice."""
