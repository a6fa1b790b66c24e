"""Local store: one SQLite file per profile, through SQLAlchemy, crash-safe."""
