"""Paper jurors: a key made for them at the desk, and the transcription of their sheets.

A juror who scores on the printed sheet has no laptop and no key. The desk makes
one for them (kept in the desk folder, encrypted with a passphrase the
coordinator chooses) and registers its public key. Their paper sheet, typed into
a CSV (``entry_id,indicator_id,score[,note]``), is imported with the usual CSV
import, marked *transcribed*, exported as that juror's signed .jbscore (the
revision grows with each transcription) and collected like any other file.
"""

from __future__ import annotations

from pathlib import Path

from judgebox.core.atomic import private_dir
from judgebox.core.desk.collect import CollectReport, collect_files
from judgebox.core.desk.folder import save_desk, slug
from judgebox.core.desk.model import Desk, DeskJuror
from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity import keys

KEYS = "keys"
STORE = "transcription.sqlite"


def paper_key_path(desk: Desk, fingerprint: str) -> Path:
    return desk.folder / KEYS / f"{fingerprint}.key"


def add_paper_juror(desk: Desk, name: str, affiliation: str, passphrase: str) -> DeskJuror:
    """Make and register a key for a juror who scores on paper."""
    if not name.strip():
        raise ValidationError(_("the juror's name is empty"))
    keys.check_new_passphrase(passphrase)
    key = keys.generate_key(name.strip(), affiliation.strip(), "juror")
    fp = key.identity.fingerprint
    private_dir(desk.folder / KEYS, tighten=True)
    keys.save_key(key, paper_key_path(desk, fp), desk.folder / KEYS / f"{fp}.pub", passphrase)
    juror = DeskJuror(name=key.identity.name, fingerprint=fp, affiliation=key.identity.affiliation,
                      public_key=key.identity.public_key, source=_("paper (key kept at the desk)"))
    desk.jurors.append(juror)
    save_desk(desk)
    return juror


def is_paper_juror(desk: Desk, fingerprint: str) -> bool:
    return paper_key_path(desk, fingerprint).is_file()


def transcribe(desk: Desk, fingerprint: str, csv_path: str | Path, passphrase: str):
    """Import a paper sheet's CSV for a paper juror, sign it as theirs and collect it.

    Yields progress; returns (the .jbscore written, the CollectReport).
    """
    from judgebox.core.event.library import open_event
    from judgebox.core.scoring.csv_import import import_scores, parse_score_csv
    from judgebox.core.scoring.export import export_scores
    from judgebox.core.store import open_store

    if not is_paper_juror(desk, fingerprint):
        raise ValidationError(_("juror {fp} has no key kept at this desk (not a paper juror)", fp=fingerprint))
    package = desk.package.get("path", "")
    if not package or not Path(package).is_file():
        raise ValidationError(_("build the event package first: transcribed sheets are scored against it"))
    yield 0, 3, _("Reading the paper sheet")
    key = keys.load_key(paper_key_path(desk, fingerprint), passphrase)
    store = open_store(desk.folder / STORE)
    try:
        opened = open_event(package, store=store)
        rows = parse_score_csv(csv_path, opened.event, opened.rubric)
        import_scores(store, opened.event, fingerprint, rows, True, final=True, who=_("desk transcription"))
        yield 1, 3, _("Signing the transcription")
        out_dir = desk.folder / "transcribed"
        out_dir.mkdir(exist_ok=True)
        made = export_scores(store, opened, key, out_dir / f".{slug(key.identity.name)}.jbscore")
        out = made.path.rename(out_dir / f"{slug(key.identity.name)}-r{made.revision}.jbscore")
    finally:
        store.close()
    yield 2, 3, _("Collecting the transcription")
    report: CollectReport = yield from collect_files(desk, [out])
    return out, report
