"""Local store: one SQLite file per profile, through SQLAlchemy, crash-safe.

``open_store()`` gives a :class:`Store` over ``paths.database_path()``; every
``set_*`` call is committed durably (WAL, ``synchronous=FULL``) before it returns.
Layout: ``db`` (engine, pragmas, transactions), ``schema`` (ORM models of the
current tables), ``migrations`` (versioned SQL steps), ``rules`` (what may be
stored for an event), ``*_repo`` (SQL per concern), ``records`` (plain data out).
"""

from judgebox.core.store.records import ImportedScore, SavedAt
from judgebox.core.store.rules import EntryLockedError
from judgebox.core.store.store import Store, open_store

__all__ = ["EntryLockedError", "ImportedScore", "SavedAt", "Store", "open_store"]
