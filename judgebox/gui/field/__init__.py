"""Field mode (visitasi lapangan): the visit form, photos, the signed visit file."""
