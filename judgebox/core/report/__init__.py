"""Printed reports: berita acara (minutes), score sheets, XLSX/CSV recaps, national report."""
