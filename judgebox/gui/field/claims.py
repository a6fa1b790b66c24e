"""One claim to check on the ground: the indicator, what to look at, three-way result, a note."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.visit.model import STATUS_LABELS, STATUSES, Claim
from judgebox.gui.qt import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    Qt,
    QVBoxLayout,
    Signal,
)

STATUS_COLOURS = {"verified": "#1E7B34", "partly": "#9A6700", "not-verified": "#B42318"}


class ClaimRow(QGroupBox):
    """A rubric indicator as a claim: guidance bullets, verified / partly / not verified, a note."""

    changed = Signal()

    def __init__(self, claim: Claim, parent=None):
        # a group box title takes "&" as a keyboard mnemonic: "Sampah & Energi" showed as
        # "Sampah  Energi"; doubled, it shows as written
        super().__init__(claim.name.replace("&", "&&"), parent)
        self.claim = claim
        self.setObjectName(f"claim-{claim.indicator}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        if claim.guidance:
            bullets = "".join(f"<li>{_esc(g)}</li>" for g in claim.guidance)
            guide = QLabel(f"<ul style='margin:0 0 0 -24px'>{bullets}</ul>")
            guide.setWordWrap(True)
            guide.setTextFormat(Qt.TextFormat.RichText)
            guide.setStyleSheet("color:#555; font-size:9pt;")
            layout.addWidget(guide)
        radios = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.radios: dict[str, QRadioButton] = {}
        for status in STATUSES:
            rb = QRadioButton(_(STATUS_LABELS[status]))
            rb.setObjectName(status)
            rb.setStyleSheet(f"QRadioButton:checked {{ color: {STATUS_COLOURS[status]}; font-weight: bold; }}")
            self.group.addButton(rb)
            self.radios[status] = rb
            radios.addWidget(rb)
            rb.toggled.connect(lambda on: on and self.changed.emit())
        radios.addStretch(1)
        layout.addLayout(radios)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What the team saw (note)"))
        self.note.editingFinished.connect(self.changed.emit)
        layout.addWidget(self.note)

    def status(self) -> str:
        for status, rb in self.radios.items():
            if rb.isChecked():
                return status
        return ""

    def set_value(self, status: str, note: str) -> None:
        self.group.setExclusive(False)
        for s, rb in self.radios.items():
            rb.blockSignals(True)
            rb.setChecked(s == status)
            rb.blockSignals(False)
        self.group.setExclusive(True)
        self.note.setText(note)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
