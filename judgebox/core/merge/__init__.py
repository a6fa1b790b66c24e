"""Merge: verify signed files, combine jurors, rank, measure agreement."""
