"""The scoring panel, built from a rubric category.

It only shows and collects: every edit is emitted as a signal, and the window
turns it into an undoable command that the core store saves. Values set from
outside (loading an entry, undo) do not echo back as edits.
"""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.rubric.model import Category, Indicator
from judgebox.core.scoring.total import category_total, format_total
from judgebox.gui.qt import (
    QCheckBox,
    QColor,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPalette,
    QPlainTextEdit,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.widgets.score_input import ScoreSpinBox

TEXT_FIELDS = ("strengths", "weaknesses", "recommendations")


def text_field_label(field: str) -> str:
    return {
        "strengths": _("Strengths"),
        "weaknesses": _("Weaknesses"),
        "recommendations": _("Recommendations"),
    }[field]


class _IndicatorRow(QWidget):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(parent)
        self.indicator = indicator
        layout = QVBoxLayout(self)
        # room at the sides for the focus ring around the score box at the row's right edge
        layout.setContentsMargins(3, 4, 3, 4)
        head = QHBoxLayout()
        # plain text in a bold font: a rich-text label lays out a whole QTextDocument
        # every time the form's layout asks for its height
        title = QLabel(indicator.name)
        title.setTextFormat(Qt.TextFormat.PlainText)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        title.setWordWrap(True)
        self.range_label = QLabel(_("range {lo}–{hi}", lo=indicator.min, hi=indicator.max))
        self.range_label.setObjectName("rangeLabel")
        self.spin = ScoreSpinBox(indicator.min, indicator.max)
        self.spin.setObjectName(f"score-{indicator.id}")
        self.spin.setMinimumWidth(72)
        self.spin.setToolTip(_("Type a whole number from {lo} to {hi}; Tab moves on", lo=indicator.min, hi=indicator.max))
        head.addWidget(title, 1)
        head.addWidget(self.range_label)
        head.addWidget(self.spin)
        layout.addLayout(head)
        if indicator.guidance:
            guide = QLabel("\n".join(f"• {g}" for g in indicator.guidance))
            guide.setTextFormat(Qt.TextFormat.PlainText)
            guide.setWordWrap(True)
            guide.setObjectName("guidance")
            # greyed by its palette, not a style sheet (a label with its own style sheet is
            # polished, laid out and painted through Qt's much slower style-sheet style); two
            # thirds of the way from the background to the text: quieter than the scores,
            # still easy to read (palette(mid) was ~2:1 contrast), in light and dark themes
            palette = guide.palette()
            text, back = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
            palette.setColor(QPalette.ColorRole.WindowText, QColor(*(round(t * 2 / 3 + b / 3) for t, b in (
                (text.red(), back.red()), (text.green(), back.green()), (text.blue(), back.blue())))))
            guide.setPalette(palette)
            layout.addWidget(guide)
        # why a typed score is not stored, in words, right under its box (hidden while fine)
        self.problem = QLabel()
        self.problem.setObjectName(f"problem-{indicator.id}")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#c53030"))
        self.problem.setPalette(palette)
        self.problem.hide()
        self.spin.problem_changed.connect(self._show_problem)
        layout.addWidget(self.problem)
        self.note = QLineEdit()
        self.note.setObjectName(f"note-{indicator.id}")
        self.note.setPlaceholderText(_("Note on {name}", name=indicator.name))
        layout.addWidget(self.note)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class ScoringPanel(QWidget):
    """Indicators with their ranges, notes, free texts, total and conflict declaration."""

    score_edited = Signal(str, object)  # indicator id, int | None
    note_edited = Signal(str, str)  # indicator id, text
    text_edited = Signal(str, str)  # field, text
    conflict_toggled = Signal(bool)
    indicator_focused = Signal(str)  # indicator id -> viewer shows its slides

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category: Category | None = None
        self.rows: dict[str, _IndicatorRow] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        #: category id -> (category, its form, rows), for the categories not shown
        self._bodies: dict[str, tuple] = {}
        self._shown: QWidget | None = None  # the current category's form
        self._unshown: set[str] = set()  # categories whose form was never shown nor laid out
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel()
        self.header.setWordWrap(True)
        outer.addWidget(self.header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # one form per category, built on first use and kept, all in one container where
        # only the current one is shown: moving between entries of different categories
        # only hides one and shows another (building one stalled the UI ~30 ms; handing the
        # scroll area another widget had every label of the form laid out again, ~10 ms)
        self.forms = QWidget()
        self._forms_layout = QVBoxLayout(self.forms)
        # strengths / weaknesses / recommendations are the same for every category: one
        # set below the forms (three text editors per form were a third of building one)
        self.assessment = QGroupBox(_("Assessment"))
        fields = QFormLayout(self.assessment)
        previous = None
        for field in TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(field)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            edit.textChanged.connect(lambda f=field: self._on_text(f))
            edit.installEventFilter(self)
            self.texts[field] = edit
            fields.addRow(text_field_label(field), edit)
            if previous is not None:
                QWidget.setTabOrder(previous, edit)
            previous = edit
        self._forms_layout.addWidget(self.assessment)
        self._forms_layout.addStretch(1)
        self.scroll.setWidget(self.forms)
        outer.addWidget(self.scroll, 1)
        foot = QVBoxLayout()  # the total on its own line, whole width; the declaration below
        self.conflict = QCheckBox(_("Conflict of interest: I do not score this entry"))
        self.conflict.setObjectName("conflict")
        self.conflict.toggled.connect(self._on_conflict)
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # wraps rather than widening the panel: "… · 1 not saved (out of range)" on one line
        # pushed the window past a 1366 px screen's edge, Finalize with it
        self.total_label.setWordWrap(True)
        foot.addWidget(self.total_label)
        foot.addWidget(self.conflict)
        outer.addLayout(foot)
        self._loading = False
        #: widgets Tab reaches after the free texts (the window's Finalize button)
        self.tab_after: list[QWidget] = []

    # -- building -------------------------------------------------------------------
    def set_category(self, category: Category) -> None:
        """Show ``category``'s indicators (its form is built once, then kept)."""
        if self.category is category:
            return
        self._loading = True  # the form going away must not report its focus loss as an edit
        try:
            kept = self._bodies.get(category.id)
            if kept is None or kept[0] is not category:
                kept = self._bodies[category.id] = (category, *self._build(category))
            _cat, body, self.rows = kept
            if self._shown is not body:
                if self._shown is not None:
                    self._shown.hide()
                body.show()
                self._shown = body
                self._unshown.discard(category.id)
                self._chain_tabs()
                self.scroll.verticalScrollBar().setValue(0)  # another form: from its top
            self.category = category
        finally:
            self._loading = False
        self._update_total()

    def _chain_tabs(self) -> None:
        """Tab from the last note: Strengths, Weaknesses, Recommendations, then ``tab_after``
        (the window's Finalize). Qt's setTabOrder(a, b) takes b out of its place in the
        chain, so the whole run is chained again each time."""
        chain = ([list(self.rows.values())[-1].note] if self.rows else []) + \
            [self.texts[f] for f in TEXT_FIELDS] + list(self.tab_after)
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def prepare(self, category: Category) -> bool:
        """One step of readying ``category``'s form ahead of need, in idle time: build it,
        then lay it out once. True if a step was done now (call again for the next)."""
        if self.category is category:
            return False
        kept = self._bodies.get(category.id)
        if kept is None or kept[0] is not category:
            self._bodies[category.id] = (category, *self._build(category))
            return True
        if category.id in self._unshown:
            self._lay_out_hidden(category.id, kept[1])
            return True
        return False

    def form_width(self) -> int:
        """The width a category's form gets in the container."""
        margins = self._forms_layout.contentsMargins()
        return self.forms.width() - margins.left() - margins.right()

    def _lay_out_hidden(self, category_id: str, body: QWidget) -> None:
        """Show the form once at the width it will have and hide it again before anything
        is painted: Qt's first showing of a widget tree (resize events, every label's text
        laid out) then happens in idle time, not as the juror opens an entry (~7 ms)."""
        self._unshown.discard(category_id)
        body.show()
        width = self.form_width()
        body.setGeometry(0, 0, width, body.heightForWidth(width))
        body.layout().activate()
        body.hide()

    def _build(self, category: Category) -> tuple[QWidget, dict]:
        """(form, rows) for ``category``, added (hidden) to the container of forms."""
        rows: dict[str, _IndicatorRow] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)  # the container's margins frame it
        for group in category.groups:
            # a one-indicator group (SmartEco) needs no second heading
            box = QGroupBox(group.name.replace("&", "&&") if len(group.indicators) > 1 else "")
            box_layout = QVBoxLayout(box)
            for ind in group.indicators:
                row = _IndicatorRow(ind)
                rows[ind.id] = row
                row.spin.valueChanged.connect(lambda _v, i=ind.id: self._on_score(i))
                row.spin.problem_changed.connect(lambda _t: self._update_total())
                row.note.editingFinished.connect(lambda i=ind.id: self._on_note(i))
                row.spin.installEventFilter(self)
                row.note.installEventFilter(self)
                box_layout.addWidget(row)
            layout.addWidget(box)
        old = self._bodies.get(category.id)
        if old is not None:  # the same category id of another rubric (a new event package)
            if old[1] is self._shown:
                self._shown = None
            old[1].deleteLater()
        body.hide()  # shown when its category is: hidden, it takes no room in the container
        self._forms_layout.insertWidget(self._forms_layout.indexOf(self.assessment), body)
        self._unshown.add(category.id)
        previous = None
        for row in rows.values():  # score, note, next score, ...
            for widget in (row.spin, row.note):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        return body, rows

    # -- loading values (no signals) --------------------------------------------------
    def load(self, scores: dict[str, int], notes: dict[str, str], texts: dict[str, str], conflict: bool, locked: bool, header: str = "") -> None:
        self._loading = True
        try:
            self.header.setText(header)
            for ind_id, row in self.rows.items():
                row.spin.set_score(scores.get(ind_id))
                row.note.setText(notes.get(ind_id, ""))
            for field, edit in self.texts.items():
                edit.blockSignals(True)
                edit.setPlainText(texts.get(field, ""))
                edit.blockSignals(False)
            self.conflict.blockSignals(True)
            self.conflict.setChecked(conflict)
            self.conflict.blockSignals(False)
            self.set_locked(locked or conflict, allow_conflict_toggle=not locked or conflict)
        finally:
            self._loading = False
        self._update_total()

    def set_score(self, indicator_id: str, value: int | None) -> None:
        row = self.rows.get(indicator_id)
        if row:
            row.spin.set_score(value)
            self._update_total()

    def set_text(self, field: str, text: str) -> None:
        edit = self.texts.get(field)
        if edit is not None and edit.toPlainText() != text:
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)

    def set_note(self, indicator_id: str, text: str) -> None:
        row = self.rows.get(indicator_id)
        if row:
            row.note.setText(text)

    def set_locked(self, locked: bool, allow_conflict_toggle: bool = True) -> None:
        for row in self.rows.values():
            row.spin.setEnabled(not locked)
            row.note.setEnabled(not locked)
        for edit in self.texts.values():
            edit.setReadOnly(locked)
        self.conflict.setEnabled(allow_conflict_toggle)

    def first_input(self) -> QWidget | None:
        return next(iter(self.rows.values())).spin if self.rows else None

    def commit_pending(self) -> None:
        """Report a score or note typed but not yet confirmed (no Enter, Tab or click
        elsewhere) as an edit now: the window calls this before it moves to another entry,
        which would otherwise drop it (it is not this form's to report once the entry changed)."""
        for ind_id, row in self.rows.items():
            if row.spin.hasFocus():
                row.spin.interpretText()  # a valid typed number: valueChanged -> score_edited
            if row.note.isModified():
                row.note.setModified(False)
                self._on_note(ind_id)

    # -- values -----------------------------------------------------------------------
    def scores(self) -> dict[str, int]:
        return {i: r.spin.score() for i, r in self.rows.items() if r.spin.score() is not None}

    def total(self) -> tuple[float, float]:
        """(live total, maximum): the category total of the scores stored."""
        if self.category is None:
            return 0.0, 0.0
        result = category_total(self.category, self.scores())
        return result.total, result.maximum

    def problems(self) -> dict[str, str]:
        """Indicator id -> why the number shown in its box is not stored."""
        return {i: r.spin.problem() for i, r in self.rows.items() if r.spin.problem()}

    def _update_total(self) -> None:
        if self.category is None:
            self.total_label.setText("")
            return
        result = category_total(self.category, self.scores())
        text = _("Total {total} of {max} · {done}/{count} scored", total=format_total(self.category, result.total),
                 max=format_total(self.category, result.maximum), done=result.scored, count=result.count)
        if self.problems():
            text += " · " + _("{count} not saved (out of range)", count=len(self.problems()))
        self.total_label.setText(text)

    # -- edits --------------------------------------------------------------------------
    def _on_score(self, ind_id: str) -> None:
        self._update_total()
        if not self._loading:
            self.score_edited.emit(ind_id, self.rows[ind_id].spin.score())

    def _on_note(self, ind_id: str) -> None:
        if not self._loading:
            self.note_edited.emit(ind_id, self.rows[ind_id].note.text())

    def _on_text(self, field: str) -> None:
        if not self._loading:
            self.text_edited.emit(field, self.texts[field].toPlainText())

    def _on_conflict(self, checked: bool) -> None:
        if not self._loading:
            self.conflict_toggled.emit(checked)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        from judgebox.gui.qt import QEvent, QKeySequence

        if event.type() == QEvent.Type.ShortcutOverride and obj is not None and not isinstance(obj, ScoreSpinBox) \
                and any(event.matches(k) for k in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)):
            # Ctrl+Z in a note or a text box undoes the last change of the panel (the window's
            # undo stack), as it does in a score box, not the box's own typing history (which
            # an earlier Tab left empty, so Ctrl+Z did nothing there). A note typed but not
            # confirmed is saved first, so that it is the change undone.
            self.commit_pending()
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusIn:
            for ind_id, row in self.rows.items():
                if row.spin is obj:
                    self.indicator_focused.emit(ind_id)
                    self.scroll.ensureWidgetVisible(row)
                    break
        return super().eventFilter(obj, event)
