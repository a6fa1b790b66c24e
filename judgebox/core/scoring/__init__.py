"""Scoring: the juror's sheet, its rules, CSV import and the signed score file."""
