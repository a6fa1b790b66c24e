"""PySide6 desktop application; calls the core, never the reverse."""
