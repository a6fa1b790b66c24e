"""The site-visit findings of one entry, read-only, for the juror's entry page.

The juror window shows this for the entry on screen when the event package carries
``visits/<entry>.json`` (``judgebox.core.visit.package.package_visits``)::

    findings = VisitFindings()
    findings.set_visits(package_visits(opened.package_path).get(entry_id, []), indicator_names)
"""

from __future__ import annotations

from html import escape

from judgebox.core.i18n import _
from judgebox.core.visit.model import STATUS_LABELS
from judgebox.core.visit.package import PackageVisit
from judgebox.gui.field.claims import STATUS_COLOURS
from judgebox.gui.field.photos import THUMB, photo_label
from judgebox.gui.qt import (
    QIcon,
    QImage,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QSize,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def findings_html(visits: list[PackageVisit], names: dict[str, str]) -> str:
    """The checks and notes as HTML (the photos are shown beside it as thumbnails)."""
    parts = []
    for pv in visits:
        v = pv.visit
        head = " · ".join(x for x in (v.date, v.place, ", ".join(v.team)) if x)
        parts.append(f"<h3>{escape(_('Site visit'))}: {escape(head)}</h3>"
                     f"<p style='color:#555'>{escape(_('Signed by'))} {escape(pv.by)} "
                     f"({escape(pv.fingerprint)}), {escape(_('revision {revision}', revision=pv.revision))}</p>")
        rows = []
        for c in v.checks:
            if not (c.status or c.note):
                continue
            label = _(STATUS_LABELS[c.status]) if c.status else _("not checked")
            colour = STATUS_COLOURS.get(c.status, "#444")
            rows.append(f"<tr><td>{escape(names.get(c.indicator, c.indicator))}</td>"
                        f"<td style='color:{colour}'><b>{escape(label)}</b></td><td>{escape(c.note)}</td></tr>")
        if rows:
            parts.append("<table cellpadding='3' border='0'>" + "".join(rows) + "</table>")
        if v.notes:
            parts.append(f"<p><b>{escape(_('Other findings'))}:</b> {escape(v.notes)}</p>")
    return "".join(parts)


class VisitFindings(QWidget):
    """Checks, notes and photo thumbnails of an entry's site visits."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(_("No site visit for this entry."))
        self.text = QTextBrowser()
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB * 3 // 4))
        self.photos.setGridSize(QSize(THUMB + 36, THUMB * 3 // 4 + 62))
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addWidget(self.text, 2)  # the checks read in a few lines; the photos get the rest
        layout.addWidget(self.photos, 3)
        self.set_visits([], {})

    def set_visits(self, visits: list[PackageVisit], indicator_names: dict[str, str]) -> None:
        self.empty.setVisible(not visits)
        self.text.setVisible(bool(visits))
        self.text.setHtml(findings_html(visits, indicator_names))
        self.photos.clear()
        for pv in visits:
            for p in pv.visit.photos:
                img = QImage()
                img.loadFromData(pv.photo_data.get(p.sha256, b""))
                item = QListWidgetItem(photo_label(p))
                if not img.isNull():
                    item.setIcon(QIcon(QPixmap.fromImage(img.scaled(
                        THUMB, THUMB * 3 // 4, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation))))
                self.photos.addItem(item)
        self.photos.setVisible(self.photos.count() > 0)
