"""The juror's main window.

Left: entries by category with their state. Centre: the entry's slides,
documents, links and administrative check. Right: the presentation timer and
the scoring panel. Every edit goes through an undo command that saves to the
core store at once; the status bar says "Saved hh:mm:ss" only after the store
returned, i.e. after the change is on disk.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from judgebox.core import settings
from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.library import OpenedEvent
from judgebox.core.event.materials import section_slides
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.store import Store
from judgebox.gui import file_dialogs
from judgebox.gui.juror.entry_list import EntryList
from judgebox.gui.juror.entry_view import EntryView
from judgebox.gui.juror.undo import EditCommand
from judgebox.gui.menus import language_menu
from judgebox.gui.qt import (
    QAction,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.screen import fit_window
from judgebox.gui.tasks import TaskRunner
from judgebox.gui.widgets.focus_ring import follow_focus
from judgebox.gui.widgets.scoring_panel import TEXT_FIELDS, ScoringPanel
from judgebox.gui.widgets.timer import PresentationTimer
from judgebox.gui.worker_pool import WorkerPool

FILE_FILTER = "JudgeBox (*.jbevent)"
PREPARE_AFTER_MS = 400  # idle work starts once the window is up and the first entry shown
#: idle work waits until the juror has not moved between entries for this long: a step of
#: it run in the same turn of the event loop as an entry coming up made one stall of both
QUIET_MS = 250


class JurorWindow(QMainWindow):
    """One event, one juror. The window shows and collects; the store decides."""

    language_requested = Signal(str)
    event_requested = Signal(str)  # path of a .jbevent to open
    scores_saved = Signal(str)  # entry id: a score, note, text or status of it was saved

    def __init__(self, store: Store, identity: Identity, key_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.identity = identity
        self.key_path = key_path
        self.opened: OpenedEvent | None = None
        self.entry_id: str | None = None
        self.undo = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self.materials = None
        self._entry_shown_at = 0.0  # time.monotonic() of the last entry shown
        self.setAcceptDrops(True)
        self.setWindowTitle("JudgeBox")
        fit_window(self, 1400, 860)

        self.entries = EntryList()
        self.entries.entry_selected.connect(self.show_entry)
        self.view = EntryView()
        self.timer = PresentationTimer(settings.PRESENTATION_MINUTES.get(), settings.QUESTION_MINUTES.get())
        self.panel = ScoringPanel()
        self.panel.score_edited.connect(lambda ind, v: self._edit(f"score:{ind}", v))
        self.panel.note_edited.connect(lambda ind, t: self._edit(f"note:{ind}", t))
        self.panel.text_edited.connect(lambda f, t: self._edit(f"text:{f}", t))
        self.panel.conflict_toggled.connect(self._on_conflict)
        self.panel.indicator_focused.connect(self._on_indicator_focused)
        self.finalize_button = QPushButton(_("Finalize entry (Ctrl+Enter)"))
        self.finalize_button.setObjectName("finalize")
        self.finalize_button.clicked.connect(self.finalize_entry)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        rl.addWidget(self.timer)
        rl.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finalize_button)
        rl.addLayout(buttons)

        split = QSplitter()
        split.addWidget(self.entries)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([280, 760, 420])
        split.setStretchFactor(1, 1)
        self._split, self._split_balanced = split, False
        from judgebox.gui.dialogs.help import first_steps_text

        # a first start shows no event yet: the first steps, where the event will be
        self.welcome = QLabel(first_steps_text())
        self.welcome.setObjectName("welcome")
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setMaximumWidth(760)
        self.welcome.setWordWrap(True)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.addWidget(self.welcome, 0, Qt.AlignmentFlag.AlignCenter)
        cl.addWidget(split, 1)
        self.split = split
        split.hide()
        self.setCentralWidget(central)

        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.signer_label = QLabel()
        self.statusBar().addWidget(self.signer_label)
        self._build_menus()
        # Tab goes score -> note -> ... -> Strengths -> Weaknesses -> Recommendations ->
        # Finalize (the panel orders its own part); the entry list is left to the mouse
        self.panel.tab_after = [self.finalize_button, self.panel.conflict]
        self.panel._chain_tabs()
        follow_focus(self)
        self.glance = None  # "my category at a glance", made on first use
        self._pushing = None  # the entry an edit is being pushed for (see edit_entry)
        self._restore_page = 0  # the slide to show once the entry's materials are in

    # -- menus & shortcuts ------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.open_action = self._action(file_menu, _("&Open event…"), self.choose_event, QKeySequence.StandardKey.Open)
        self.export_action = self._action(file_menu, _("&Export signed scores…"), self.export_scores, QKeySequence("Ctrl+E"))
        self._action(file_menu, _("Export scores of this &category…"), lambda: self.export_scores(category_only=True))
        self._action(file_menu, _("&Print my score sheet (PDF)…"), self.print_score_sheet, QKeySequence.StandardKey.Print)
        self._action(file_menu, _("&Send to the coordinator's desk…"), self.send_to_desk)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(_("&Edit"))
        undo = self.undo.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, _("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        entry = bar.addMenu(_("E&ntry"))
        self._action(entry, _("&Next entry"), lambda: self.entries.step(1), QKeySequence("Alt+Down"))
        self._action(entry, _("&Previous entry"), lambda: self.entries.step(-1), QKeySequence("Alt+Up"))
        self._action(entry, _("&Score (first indicator)"), self.focus_scoring, QKeySequence("Ctrl+1"))
        self._action(entry, _("&Finalize entry"), self.finalize_entry, QKeySequence("Ctrl+Return"))
        self._action(entry, _("&Reopen entry"), self.reopen_entry)
        self._action(entry, _("Start/pause &timer"), self.timer.toggle, QKeySequence("Ctrl+T"))
        self._action(entry, _("Timer &durations…"), self.configure_timer)
        self._action(entry, _("My category at a &glance…"), self.show_glance, QKeySequence("Ctrl+G"))
        self._action(entry, _("Slides &full screen"), self.view.full_screen, QKeySequence("F11"))

        self.language_actions = language_menu(self, bar, self.language_requested)

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence("F1"))
        self._action(help_menu, _("First &steps"), self.show_guide)
        self._action(help_menu, _("My &fingerprint"), self.show_fingerprint)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    # -- event -----------------------------------------------------------------------
    def choose_event(self) -> None:
        path = file_dialogs.open_file(self, "event", _("Open event"), FILE_FILTER)
        if path:
            self.event_requested.emit(path)

    def set_event(self, opened: OpenedEvent, entry_id: str | None = None) -> None:
        self.opened = opened
        self.undo.clear()
        self.setWindowTitle(f"JudgeBox — {opened.event.title}")
        from judgebox.core.trust.policy import standing

        counts, sentence = standing(opened.event, self.identity.fingerprint)
        self.signer_label.setText(_("Event signed by {name} ({fingerprint})", name=opened.signer.name,
                                    fingerprint=opened.signer.fingerprint) + " — " + sentence)
        self.signer_label.setStyleSheet("" if counts else "color: #b71c1c; font-weight: bold;")
        self.welcome.hide()
        self.split.show()
        if not settings.GUIDE_SHOWN.get():  # said once; Help → First steps keeps it
            settings.GUIDE_SHOWN.set(True)
            self.statusBar().showMessage(_("New to JudgeBox? Help → First steps; F1 lists the keyboard shortcuts."), 30000)
        progress = self.store.progress(opened.event.id, self.identity.fingerprint)
        self.entries.populate(opened.rubric, progress)
        ids = self.entries.entry_ids()
        if ids:
            self.entries.select(entry_id if entry_id in ids else ids[0])
        # the other categories' scoring forms are built and laid out while the juror looks
        # at the first entry, a step per turn of the event loop: a first visit then only
        # shows its form
        pending = [c for c in opened.rubric.categories if any(e.category == c.id for e in opened.event.entries)]
        QTimer.singleShot(PREPARE_AFTER_MS, self, lambda: self._prepare_forms(opened, pending))

    def _prepare_forms(self, opened: OpenedEvent, pending: list) -> None:
        quiet = (time.monotonic() - self._entry_shown_at) * 1000
        if quiet < QUIET_MS and self.opened is opened:
            QTimer.singleShot(int(QUIET_MS - quiet) + 1, self, lambda: self._prepare_forms(opened, pending))
            return
        while pending and self.opened is opened:
            if self.panel.prepare(pending[0]):  # one step per turn of the event loop
                QTimer.singleShot(0, self, lambda: self._prepare_forms(opened, pending))
                return
            pending.pop(0)

    def stop_background_work(self, msecs: int = 3000) -> None:
        """Wait for this window's threads (the app is quitting; the worker is already stopped,
        so what they wait for fails at once)."""
        self.view.slides.stop(msecs)
        self.view.doc_viewer.stop(msecs)
        self.tasks.close(msecs)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._split_balanced:
            self._split_balanced = True
            QTimer.singleShot(0, self, self._balance_split)

    def _balance_split(self) -> None:
        """Once the window has its size: the entry list and the scoring panel get what they
        need and the slides the rest (QSplitter shares out by proportion: on a 1366 px
        laptop screen that gave the list room the slide needed)."""
        total = sum(self._split.sizes())
        panel = max(self._split.widget(2).minimumSizeHint().width(), 420)
        entries = max(200, min(280, total // 6))
        if total - entries - panel >= 360:
            self._split.setSizes([entries, total - entries - panel, panel])

    def refresh_progress(self) -> None:
        if self.opened:
            self.entries.update_progress(self.store.progress(self.opened.event.id, self.identity.fingerprint))

    # -- entry -----------------------------------------------------------------------
    def show_entry(self, entry_id: str) -> None:
        assert self.opened is not None
        ref = self.opened.event.entry(entry_id)
        if ref is None:
            return
        if self.entry_id is not None and self.entry_id != entry_id:
            self.panel.commit_pending()  # still saved for the entry it was typed for
        self.entry_id = entry_id
        self._entry_shown_at = time.monotonic()
        category = self.opened.rubric.category(ref.category)
        self.panel.set_category(category)
        self._load_scores()
        self.timer.reset()
        self.materials = None
        self.view.slides.load(None, 0, _("Opening the entry…"))
        # The scores show first; the materials on a later turn of the event loop, so that
        # the UI thread never works on both in one stretch (they stalled it ~90 ms). A 1 ms
        # timer, not a 0 ms one: Qt runs a 0 ms one as a posted event, in the same pass as
        # this entry's repaint and before any timer, so the form's first paint and the
        # materials made one stall (worst per run 42-49 ms against 31-47 now).
        if self.tasks.inline:
            self._open_materials(entry_id)
        else:
            QTimer.singleShot(1, self, lambda e=entry_id: self._open_materials(e))

    def _open_materials(self, entry_id: str) -> None:
        if entry_id != self.entry_id:
            return  # the juror has moved on
        # Unpacking and checking the bundle reads the deck: off the UI thread, once.
        opened = self.opened
        known = WorkerPool.known_materials(opened, entry_id)
        if known is not None:
            self._materials_ready(entry_id, known)
            return
        self.tasks.run(WorkerPool.entry_materials, opened, entry_id,
                       on_done=lambda m, e=entry_id: self._materials_ready(e, m),
                       on_error=lambda exc, tb, e=entry_id: self._materials_failed(e, exc))

    def _materials_ready(self, entry_id: str, materials) -> None:
        if entry_id != self.entry_id:
            return  # the juror has moved on
        self.materials = materials
        self.view.show_materials(materials, self.panel.category)
        page, self._restore_page = self._restore_page, 0
        if page:
            self.view.slides.go_to(page)

    def _materials_failed(self, entry_id: str, exc: BaseException) -> None:
        if entry_id == self.entry_id:
            self.view.slides.load(None, 0, str(exc))

    def _load_scores(self) -> None:
        assert self.opened is not None and self.entry_id is not None
        ref = self.opened.event.entry(self.entry_id)
        es = self.store.entry_scores(self.opened.event.id, self.identity.fingerprint, self.entry_id)
        header = f"<b>{ref.name}</b>" + (f" — {ref.organisation}" if ref.organisation else "")
        status = {"final": _("final"), "conflict": _("conflict of interest")}.get(es.status, "")
        if status:
            header += f"  <i>({status})</i>"
        self.panel.load(
            dict(es.scores), dict(es.notes),
            {f: getattr(es, f) for f in TEXT_FIELDS},
            conflict=es.status == "conflict", locked=es.status == "final", header=header,
        )
        self.finalize_button.setEnabled(es.status == "draft")

    def focus_scoring(self) -> None:
        first = self.panel.first_input()
        if first is not None:
            first.setFocus()

    def _on_indicator_focused(self, indicator_id: str) -> None:
        if not self.opened or not self.entry_id:
            return
        ind = self.panel.category.indicator(indicator_id) if self.panel.category else None
        if ind is not None and ind.section and self.materials is not None:
            self.view.go_to_section(section_slides(self.materials, ind.section))

    # -- edits (undoable, saved at once) ---------------------------------------------
    def _current_value(self, field: str, entry_id: str | None = None):
        es = self.store.entry_scores(self.opened.event.id, self.identity.fingerprint, entry_id or self.entry_id)
        kind, _sep, name = field.partition(":")
        if kind == "score":
            return es.scores.get(name)
        if kind == "note":
            return es.notes.get(name, "")
        return getattr(es, name)

    def _edit(self, field: str, value) -> None:
        if not self.opened or not self.entry_id:
            return
        self.edit_entry(self.entry_id, field, value)

    def edit_entry(self, entry_id: str, field: str, value) -> None:
        """An undoable edit of ``entry_id`` (the entry shown, or one edited in the category
        at a glance, which stays where it is while the grid is edited)."""
        old = self._current_value(field, entry_id)
        if old == value:
            return
        label = field.partition(":")[2]
        self._pushing = entry_id
        try:
            self.undo.push(EditCommand(self._apply, entry_id, field, old, value, label))
        finally:
            self._pushing = None

    def _apply(self, entry_id: str, field: str, value) -> None:
        """Save one field through the store, then mirror it on screen."""
        ev, fpr, who = self.opened.event.id, self.identity.fingerprint, self.identity.name
        kind, _sep, name = field.partition(":")
        try:
            if kind == "score":
                saved = self.store.set_score(ev, fpr, entry_id, name, value, who)
            elif kind == "note":
                saved = self.store.set_note(ev, fpr, entry_id, name, value or "", who)
            else:
                saved = self.store.set_texts(ev, fpr, entry_id, who=who, **{name: value or ""})
        except JudgeBoxError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            if entry_id == self.entry_id:
                self._load_scores()
            return
        if entry_id != self.entry_id:
            if self._pushing != entry_id:  # undo, redo: show the entry whose score changed
                self.entries.select(entry_id)
        elif kind == "score":
            self.panel.set_score(name, value)
        elif kind == "note":
            self.panel.set_note(name, value or "")
        else:
            self.panel.set_text(name, value or "")
        self._show_saved(saved.at)
        self.refresh_progress()
        self.scores_saved.emit(entry_id)

    def _show_saved(self, at_iso: str) -> None:
        try:
            local = datetime.fromisoformat(at_iso.replace("Z", "+00:00")).astimezone()
        except ValueError:
            local = datetime.now()
        self.saved_label.setText(_("Saved {time}", time=local.strftime("%H:%M:%S")))

    def _on_conflict(self, checked: bool) -> None:
        if checked:
            answer = QMessageBox.question(
                self, _("Conflict of interest"),
                _("Declare a conflict of interest for this entry? You will not score it, and your scores for it will not count."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._load_scores()
                return
        self._set_status("conflict" if checked else "draft")

    def _set_status(self, status: str) -> bool:
        try:
            saved = self.store.set_status(self.opened.event.id, self.identity.fingerprint, self.entry_id, status, self.identity.name)
        except JudgeBoxError as exc:
            QMessageBox.warning(self, "JudgeBox", str(exc))
            self._load_scores()
            return False
        self.undo.clear()  # a status change is a decision, confirmed explicitly
        self._show_saved(saved.at)
        self._load_scores()
        self.refresh_progress()
        self.scores_saved.emit(self.entry_id)
        return True

    # -- finalize & export -----------------------------------------------------------
    def finalize_entry(self) -> None:
        if not self.opened or not self.entry_id:
            return
        from judgebox.gui.dialogs.finalize import FinalizeDialog

        es = self.store.entry_scores(self.opened.event.id, self.identity.fingerprint, self.entry_id)
        if es.status != "draft":
            return
        dialog = FinalizeDialog(self.panel.category, self.opened.event.entry(self.entry_id), es, self)
        if dialog.exec() and self._set_status("final"):
            self.statusBar().showMessage(_("Entry finalized."), 5000)

    def reopen_entry(self) -> None:
        if self.opened and self.entry_id:
            self._set_status("draft")

    def send_to_desk(self) -> None:
        """The latest signed export to the coordinator's collection point (judgebox.gui.juror.send_dialog)."""
        from judgebox.gui.juror.send_dialog import send_to_desk

        if self.opened is not None:
            send_to_desk(self, self.store, self.opened, self.identity)

    def export_scores(self, category_only: bool = False) -> None:
        if not self.opened:
            return
        from judgebox.gui.dialogs.export import run_export

        category = None
        if category_only and self.entry_id:
            category = self.opened.event.entry(self.entry_id).category
        run_export(self, self.store, self.opened, self.identity, self.key_path, category)
        self.refresh_progress()

    def print_score_sheet(self) -> None:
        if not self.opened:
            return
        from judgebox.core.report.scoresheet import write_score_sheet

        default = f"lembar-nilai-{self.opened.event.id}.pdf"
        path = file_dialogs.save_file(self, "sheet", _("Print my score sheet"), default, "PDF (*.pdf)")
        if not path:
            return
        from judgebox.core.scoring.export import export_state

        sheet = self.store.sheet(self.opened.event.id, self.identity)
        exported = export_state(self.store, self.opened.event.id, self.identity)
        try:
            write_score_sheet(self.opened.rubric, self.opened.event, Path(path), juror=self.identity, sheet=sheet,
                              exported=exported)
        except JudgeBoxError as exc:
            QMessageBox.warning(self, "JudgeBox", str(exc))
            return
        self.statusBar().showMessage(_("Score sheet written to {path}", path=path), 8000)

    def configure_timer(self) -> None:
        from judgebox.gui.qt import QInputDialog

        pres, ok = QInputDialog.getInt(self, _("Timer durations"), _("Presentation (minutes)"),
                                       settings.PRESENTATION_MINUTES.get(), 1, 120)
        if not ok:
            return
        questions, ok = QInputDialog.getInt(self, _("Timer durations"), _("Questions (minutes)"),
                                            settings.QUESTION_MINUTES.get(), 0, 120)
        if not ok:
            return
        settings.PRESENTATION_MINUTES.set(pres)
        settings.QUESTION_MINUTES.set(questions)
        self.timer.configure(pres, questions)

    def show_shortcuts(self) -> None:
        from judgebox.gui.dialogs.help import ShortcutSheet

        ShortcutSheet(self).exec()

    def show_guide(self) -> None:
        from judgebox.gui.dialogs.help import FirstSteps

        FirstSteps(self).exec()

    def show_glance(self) -> None:
        """One category's entries x indicators with my scores, totals and ranking so far."""
        if not self.opened or not self.entry_id:
            return
        from judgebox.gui.juror.glance import CategoryGlance

        self.panel.commit_pending()
        category = self.panel.category
        if self.glance is None:
            self.glance = CategoryGlance(self)
        self.glance.show_category(category)
        self.glance.show()
        self.glance.raise_()
        self.glance.activateWindow()

    def state(self) -> dict:
        """Where the juror is (entry, tab, page, timer), for the window that replaces this one."""
        typed = {i: r.spin.text() for i, r in self.panel.rows.items() if r.spin.problem()}
        return {"entry": self.entry_id, "tab": self.view.currentIndex(), "page": self.view.slides.current,
                "timer": self.timer.state(), "typed": typed}

    def restore_state(self, state: dict) -> None:
        if state.get("timer"):
            self.timer.restore(state["timer"])
        if state.get("tab") is not None:
            self.view.setCurrentIndex(state["tab"])
        page = state.get("page") or 0
        if page:
            if self.materials is not None:
                self.view.slides.go_to(page)
            else:  # the slides are still on their way: shown when they are in
                self._restore_page = page
        for indicator, text in (state.get("typed") or {}).items():
            row = self.panel.rows.get(indicator)
            if row is not None:  # a number out of range stays shown (and marked), still unsaved
                row.spin.setText(text)
                row.spin.interpretText()

    def show_fingerprint(self) -> None:
        from judgebox.gui.dialogs.identity import show_fingerprint
        from judgebox.gui.qt import QDialog, QDialogButtonBox

        dialog = QDialog(self)
        dialog.setWindowTitle(_("My fingerprint"))
        layout = QVBoxLayout(dialog)
        text, qr = QLabel(), QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        show_fingerprint(text, qr, self.identity)
        layout.addWidget(QLabel(f"<b>{self.identity.name}</b> — {self.identity.affiliation}"))
        layout.addWidget(text)
        layout.addWidget(qr)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.exec()

    # -- drag and drop ---------------------------------------------------------------
    def dragEnterEvent(self, event):  # noqa: N802
        if any(u.toLocalFile().endswith(".jbevent") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".jbevent"):
                self.event_requested.emit(url.toLocalFile())
                break
