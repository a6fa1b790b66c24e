"""The juror's window: entries, the entry's material, the scoring panel."""
