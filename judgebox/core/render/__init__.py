"""Slide renderer: python-pptx -> PDF (reportlab) -> PNG (PyMuPDF); no Qt, no LibreOffice."""
