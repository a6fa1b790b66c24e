"""Site visits (visitasi lapangan): field records, photos, signed visit files."""
