"""Reusable widgets of the juror and coordinator windows."""
