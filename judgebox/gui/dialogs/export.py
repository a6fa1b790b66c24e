"""Export the signed score file: what is still open, where to write, the passphrase."""

from __future__ import annotations

from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.library import OpenedEvent
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.store import Store
from judgebox.gui import file_dialogs
from judgebox.gui.dialogs.passphrase import ask_key
from judgebox.gui.qt import QMessageBox, QWidget


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-").lower() or "juri"


def run_export(parent: QWidget, store: Store, opened: OpenedEvent, identity: Identity,
               key_path: Path | None, category: str | None = None, out: Path | None = None) -> Path | None:
    """Returns the written file, or None when the juror cancelled or it failed (message shown)."""
    progress = store.progress(opened.event.id, identity.fingerprint, category)
    open_entries = [p for p in progress if p.state not in ("final", "conflict")]
    if open_entries:
        names = "\n".join(f"• {p.name} — {p.label}" for p in open_entries[:15])
        more = "\n…" if len(open_entries) > 15 else ""
        answer = QMessageBox.question(
            parent, _("Export signed scores"),
            _("{n} entries are not final yet:", n=len(open_entries)) + f"\n{names}{more}\n\n" + _("Export anyway? Only final entries count in the merge."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    if out is None:
        default = f"{opened.event.id}-{_safe(identity.name)}{'-' + category if category else ''}.jbscore"
        chosen = file_dialogs.save_file(parent, "export", _("Export signed scores"), default, "JudgeBox (*.jbscore)")
        if not chosen:
            return None
        out = Path(chosen)
    if key_path is None:
        QMessageBox.warning(parent, _("Export signed scores"), _("This profile has no key to sign with."))
        return None
    key = ask_key(parent, key_path, _("Passphrase of your key, to sign the score file:"))
    if key is None:
        return None
    try:
        from judgebox.core.scoring.export import export_scores

        result = export_scores(store, opened, key, out, category)
    except JudgeBoxError as exc:
        QMessageBox.warning(parent, _("Export signed scores"), str(exc))
        return None
    QMessageBox.information(
        parent, _("Export signed scores"),
        _("Written {path}\nrevision {revision}, {entries} entries. Send this file to the coordinator.",
          path=str(result.path), revision=result.revision, entries=result.entries),
    )
    return result.path
