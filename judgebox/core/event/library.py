"""The events a profile has opened: verify a .jbevent once, keep it, find it again by id.

``open_event`` verifies the package (signature, every member's hash), checks its
rubric, stores event + rubric + entries in the profile's database and keeps a copy
of the package in ``data_dir/events/<id>.jbevent`` (bundles are read from there).
Opening the same package again changes nothing. A different package for an event
already open is refused, unless it is a newer one signed by the same coordinator:
then it replaces the old one and every score already given is kept.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from judgebox.core import paths
from judgebox.core.atomic import atomic_open
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.rubric.model import Rubric
from judgebox.core.store import Store, open_store
from judgebox.core.store.rules import EventRules


@dataclass(frozen=True)
class OpenedEvent:
    event: Event
    rubric: Rubric
    signer: Identity
    #: the profile's own copy of the package
    package_path: Path
    #: False when the package was already open (nothing changed)
    changed: bool = False
    #: True when a newer package of the same coordinator replaced an older one
    replaced: bool = False


def events_dir() -> Path:
    path = paths.data_dir() / "events"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def _store(store: Store | None) -> Iterator[Store]:
    if store is not None:
        yield store
        return
    own = open_store()
    try:
        yield own
    finally:
        own.close()


def _check_categories(event: Event, rubric: Rubric, source: str) -> None:
    known = {c.id for c in rubric.categories}
    for entry in event.entries:
        if entry.category not in known:
            raise ValidationError(
                _("entry '{entry}' is in category '{category}', which the rubric does not define",
                  entry=entry.id, category=entry.category),
                file=source, where="event.toml",
            )


def open_event(path: str | Path, *, store: Store | None = None) -> OpenedEvent:
    """Verify and open ``path`` in this profile (idempotent); see the module docstring."""
    source = str(path)
    if Path(path).is_dir():
        raise JudgeBoxError(_("is a folder, not an event package"), file=source)
    if not Path(path).is_file():
        raise JudgeBoxError(_("file not found"), file=source)
    with _store(store) as st:
        # The very package already opened (verified then, copied into the profile):
        # no need to read and verify it again, which costs the app's start-up.
        package_sha, memo = _package_digest(st, Path(path), source)
        for summary in st.events():
            stored = st.stored_event(summary.id)
            if stored is not None and stored.package_sha256 == package_sha and Path(stored.package_path).is_file():
                if memo is not None:
                    with suppress(JudgeBoxError):  # only a shortcut for the next start
                        st.set_setting(*memo)
                return opened_event(st, summary.id)
        if memo is None:  # a new package: its real digest, not the shortcut's
            package_sha = _package_digest(st, Path(path), source, fresh=True)[0]
    # reading and verifying a package needs more modules than finding it already open
    from judgebox.core.event.package import read_event_package
    from judgebox.core.rubric.loader import parse_rubric

    pkg = read_event_package(path)
    rubric = parse_rubric(pkg.rubric_bytes, f"{source}: rubric.toml")
    _check_categories(pkg.event, rubric, source)
    event = pkg.event
    with _store(store) as st:
        old = st.stored_event(event.id)
        copy = events_dir() / f"{event.id}.jbevent"
        if old is not None and old.package_sha256 == package_sha:
            if not copy.is_file():  # the copy was deleted by hand: put it back
                _copy(path, copy)
            return OpenedEvent(event, rubric, pkg.signer, copy)
        replaced = False
        if old is not None:
            _check_replacement(old, pkg, source)
            problems = st.invalid_scores(event.id, EventRules.build(event, rubric))
            if problems:
                raise ValidationError(
                    _("this package changes the rubric so that scores already given no longer "
                      "fit ({problems}); kept the event already open",
                      problems="; ".join(problems[:5])),
                    file=source,
                )
            replaced = True
        with atomic_open(copy) as dst:
            if Path(path).resolve() == copy.resolve():
                dst.write(copy.read_bytes())
            else:
                with open(path, "rb") as src:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
            st.save_event(pkg, package_path=copy, package_sha256=package_sha)
        return OpenedEvent(event, rubric, pkg.signer, copy, changed=True, replaced=replaced)


#: settings key prefix: a package file's size and time when its sha256 was last taken
_DIGEST_MEMO = "package-digest:"


def _package_digest(st: Store, path: Path, source: str,
                    fresh: bool = False) -> tuple[str, tuple[str, str] | None]:
    """(sha256 of the package file, the memo to store when it names a package already open).

    ``judgebox demo`` and a double-clicked package open the same file at every start, and
    hashing megabytes of decks again would sit in every start-up. A file with the same size
    and modification time (ns) as when it was hashed is taken to be the same file. That
    shortcut only ever leads to the profile's own verified copy of an event already open:
    nothing is read from the file named.
    """
    try:
        info = path.stat()
        key = _DIGEST_MEMO + str(path.resolve())
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=source) from None
    stamp = f"{info.st_size}:{info.st_mtime_ns}"
    memo = "" if fresh else st.setting(key) or ""
    if memo.startswith(stamp + " "):
        return memo[len(stamp) + 1:], None
    try:
        sha = sha256_file(path)
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=source) from None
    return sha, (key, f"{stamp} {sha}")


def sha256_file(path: str | Path) -> str:
    """The package's sha256 (as event.package computes it, without importing it)."""
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _copy(src: str | Path, dst: Path) -> None:
    with atomic_open(dst) as out, open(src, "rb") as fh:
        shutil.copyfileobj(fh, out, 1024 * 1024)


def _check_replacement(old, pkg, source: str) -> None:
    """A different package for an open event: only a newer one from the same coordinator."""
    if old.signer.fingerprint != pkg.signer.fingerprint:
        raise JudgeBoxError(
            _("event '{event}' is already open from a package signed by {old_name} ({old_fp}); "
              "this one is signed by {name} ({fp}); kept the event already open",
              event=pkg.event.id, old_name=old.signer.name, old_fp=old.signer.fingerprint,
              name=pkg.signer.name, fp=pkg.signer.fingerprint),
            file=source,
        )
    if not pkg.created or not old.package_created or pkg.created <= old.package_created:
        raise JudgeBoxError(
            _("event '{event}' is already open from another package (made {old_created}); this "
              "one (made {created}) is not newer; kept the event already open",
              event=pkg.event.id, old_created=old.package_created or "?",
              created=pkg.created or "?"),
            file=source,
        )


def opened_event(store: Store, event_id: str) -> OpenedEvent:
    """An event already open in this profile, by id."""
    stored = store.stored_event(event_id)
    if stored is None:
        raise JudgeBoxError(
            _("no event '{event}' is open in this profile (and there is no such file); "
              "open its package first: judgebox event open EVENT.jbevent", event=event_id)
        )
    return OpenedEvent(stored.event, store.rubric(event_id), stored.signer,
                       Path(stored.package_path))


def resolve_event(spec: str | Path, *, store: Store | None = None) -> OpenedEvent:
    """EVENT on the command line: an id opened in this profile, or a .jbevent path (opened now)."""
    text = str(spec)
    candidate = Path(text)
    with _store(store) as st:
        if text and candidate.is_dir() and not st.has_event(text):
            # a folder of that name and no event with that id: say so, not "no such file"
            raise JudgeBoxError(_("is a folder, not an event package"), file=text)
        if candidate.suffix.lower() == ".jbevent" or candidate.is_file():
            if not candidate.is_file():
                raise JudgeBoxError(_("file not found"), file=text)
            return open_event(candidate, store=st)
        return opened_event(st, text)
