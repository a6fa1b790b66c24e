"""The visit form of one entry: date, place, team; the claims; free notes; photos."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.visit.model import Claim, Visit
from judgebox.gui.field.claims import ClaimRow
from judgebox.gui.field.photos import PhotoGrid
from judgebox.gui.qt import (
    QDate,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)


class VisitForm(QScrollArea):
    """Shows one Visit and writes edits back into it; the window saves."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.visit: Visit | None = None
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(14, 10, 14, 14)
        self.title = QLabel()
        self.title.setObjectName("entryTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.layout_.addWidget(self.title)

        facts = QGroupBox(_("The visit"))
        form = QFormLayout(facts)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("Address or name of the place visited"))
        self.team = QLineEdit()
        self.team.setPlaceholderText(_("Names of the field team, separated by commas"))
        form.addRow(_("Date:"), self.date)
        form.addRow(_("Place:"), self.place)
        form.addRow(_("Field team:"), self.team)
        self.layout_.addWidget(facts)
        for w in (self.place, self.team):
            w.editingFinished.connect(self.changed.emit)
        self._date_touched = False  # a visit without a date keeps none until one is picked
        self.date.dateChanged.connect(self._date_changed)

        self.claims_box = QGroupBox(_("Claims checked on the ground"))
        self.claims_layout = QVBoxLayout(self.claims_box)
        self.layout_.addWidget(self.claims_box)
        self.rows: dict[str, ClaimRow] = {}

        notes_box = QGroupBox(_("Other findings"))
        nl = QVBoxLayout(notes_box)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(_("Anything else the team found"))
        self.notes.setFixedHeight(90)
        nl.addWidget(self.notes)
        # free text has no "editing finished": save shortly after typing stops
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(700)
        self._notes_timer.timeout.connect(self.changed.emit)
        self.notes.textChanged.connect(self._notes_timer.start)
        self.layout_.addWidget(notes_box)

        photos_box = QGroupBox(_("Photos"))
        pl = QVBoxLayout(photos_box)
        self.photos = PhotoGrid()
        self.photos.changed.connect(self.changed.emit)
        pl.addWidget(self.photos)
        self.layout_.addWidget(photos_box)
        self.layout_.addStretch(1)

    def load(self, visit: Visit, claims: list[Claim], title: str, photo_loader) -> None:
        self.visit = visit
        self.title.setText(title)
        for w in (self.date, self.place, self.team, self.notes):
            w.blockSignals(True)
        self._date_touched = False
        self.date.setDate(QDate.fromString(visit.date, "yyyy-MM-dd") if visit.date else self._default_date())
        self.place.setText(visit.place)
        self.team.setText(", ".join(visit.team))
        self.notes.setPlainText(visit.notes)
        for w in (self.date, self.place, self.team, self.notes):
            w.blockSignals(False)
        self._notes_timer.stop()
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        for claim in claims:
            row = ClaimRow(claim)
            check = visit.check(claim.indicator)
            row.set_value(check.status if check else "", check.note if check else "")
            row.changed.connect(self.changed.emit)
            self.claims_layout.addWidget(row)
            self.rows[claim.indicator] = row
        self.photos.set_photos(visit.photos, photo_loader)
        self.verticalScrollBar().setValue(0)

    def _date_changed(self, _date) -> None:
        self._date_touched = True
        self.changed.emit()

    def _default_date(self):
        """The day of the earliest photo, else today (shown, not stored, until picked)."""
        taken = sorted(p.taken for p in (self.visit.photos if self.visit else []) if p.taken)
        return QDate.fromString(taken[0][:10], "yyyy-MM-dd") if taken else QDate.currentDate()

    def show_default_date(self) -> None:
        if self.visit is not None and not self.visit.date and not self._date_touched:
            self.date.blockSignals(True)
            self.date.setDate(self._default_date())
            self.date.blockSignals(False)

    def collect(self) -> Visit | None:
        """Copy what the form shows into the visit (photos are shared, captions already in)."""
        v = self.visit
        if v is None:
            return None
        if self._date_touched or v.date:
            v.date = self.date.date().toString("yyyy-MM-dd")
        v.place = self.place.text().strip()
        v.team = [n.strip() for n in self.team.text().split(",") if n.strip()]
        v.notes = self.notes.toPlainText().strip()
        for indicator, row in self.rows.items():
            status, note = row.status(), row.note.text().strip()
            if status or note or v.check(indicator) is not None:
                v.set_check(indicator, status, note)
        return v

    def focus_first(self) -> None:
        self.place.setFocus(Qt.FocusReason.OtherFocusReason)
