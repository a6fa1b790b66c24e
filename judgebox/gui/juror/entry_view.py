"""The entry's material: slides, documents, links and the administrative check."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from judgebox.core.event.materials import EntryMaterials
from judgebox.core.i18n import _
from judgebox.gui.qt import (
    QDesktopServices,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from judgebox.gui.widgets.page_viewer import PageViewer

LINK_LABELS = {"video": "Video", "website": "Website", "social": "Media sosial"}


def deck_source(materials: EntryMaterials, width: int = 1280):
    """(page source, page count) for the deck; the coordinator's PDF wins when present."""
    if materials.deck_pdf is not None:
        from judgebox.core.pdfpages import iter_pdf_pngs, pdf_page_count

        return partial(iter_pdf_pngs, materials.deck_pdf, width), pdf_page_count(materials.deck_pdf)
    if materials.deck is not None:
        from judgebox.gui.worker_pool import WorkerPool

        count = materials.slide_count
        if count is None:  # (the renderer's reader, imported only then: ~10 ms on the UI thread)
            from judgebox.core.render.api import slide_count

            count = slide_count(materials.deck)
        return partial(WorkerPool.slide_pngs, materials.deck, count, width, materials.deck_sha256), count
    if materials.captures:
        from judgebox.gui.worker_pool import WorkerPool

        captures = materials.captures

        def pages():
            for i, path in enumerate(captures):
                for _j, png, thumb in WorkerPool.document_pngs(path, width):
                    yield i, png, thumb

        return pages, len(captures)
    return None, 0


def document_source(path: Path, width: int = 1280):
    """(page source, page count or None when only the worker can tell)."""
    from judgebox.gui.worker_pool import WorkerPool

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return partial(WorkerPool.document_pngs, path, width), WorkerPool.known_page_count(path, width)
    if suffix in (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"):
        return partial(WorkerPool.document_pngs, path, width), 1
    return None, 0


class EntryView(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.materials: EntryMaterials | None = None
        self.slides = PageViewer()
        self.slides.setObjectName("slides")
        self.addTab(self.slides, _("Slides"))

        docs = QWidget()
        dl = QHBoxLayout(docs)
        self.doc_list = QListWidget()
        self.doc_list.setObjectName("documents")
        self.doc_list.setMinimumWidth(120)  # a 1366 px laptop screen leaves the page little room
        self.doc_list.setUniformItemSizes(True)  # one line each: laid out without asking every item
        self.doc_list.currentRowChanged.connect(self._show_document)
        self.doc_viewer = PageViewer()
        self.doc_viewer.strip_for_one_page = False  # a one-page letter gets the strip's room too
        split = QSplitter(Qt.Orientation.Horizontal)  # the juror can give the page more room
        split.setChildrenCollapsible(False)
        split.addWidget(self.doc_list)
        split.addWidget(self.doc_viewer)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 600])
        dl.addWidget(split)
        self.docs_tab = docs
        self.addTab(docs, _("Documents"))

        links = QWidget()
        self.links_tab = links
        self.links_layout = QVBoxLayout(links)
        self.addTab(links, _("Links"))

        self.check = QTextBrowser()
        self.check.setObjectName("adminCheck")
        self.addTab(self.check, _("Administrative check"))
        # Tabs behind the slides are filled (documents rendered) when they are opened:
        # moving between entries then lays out only what the juror sees, and the worker
        # keeps to the slides.
        self._doc_pending = False
        self._stale_tabs: set[QWidget] = set()
        self.currentChanged.connect(self._on_tab)
        # the website check and site-visit tabs are made when an entry first needs them
        # (their modules cost start-up time most events never use)
        self._capture_findings = None
        self._visit_findings = None

    @property
    def capture_findings(self):
        """Website entries: the capture's baseline check; clicking a finding shows its page."""
        if self._capture_findings is None:
            from judgebox.gui.juror.capture_findings import CaptureFindings

            tab = CaptureFindings()
            tab.pageRequested.connect(lambda n: (self.setCurrentWidget(self.slides), self.slides.go_to(n)))
            self.insertTab(self.indexOf(self.check) + 1, tab, _("Website check"))
            self._capture_findings = tab
        return self._capture_findings

    @property
    def visit_findings(self):
        """The site-visit findings the coordinator added to the event package."""
        if self._visit_findings is None:
            from judgebox.gui.field.findings import VisitFindings

            tab = VisitFindings()
            self.addTab(tab, _("Site visit"))
            self._visit_findings = tab
        return self._visit_findings

    def show_materials(self, materials: EntryMaterials, category=None) -> None:
        self.materials = materials
        if materials.problem:
            self.slides.load(None, 0, materials.problem)
        else:
            try:
                source, count = deck_source(materials)
            except Exception as exc:  # a deck python-pptx refuses: say so, keep scoring possible
                source, count = None, 0
                message = str(exc)
            else:
                message = ""
                if source is None:
                    message = (_("This entry is judged on its website: open it from the Links tab, "
                                 "or ask the coordinator for an offline capture.")
                               if materials.links.get("website") else _("This entry has no deck."))
            self.slides.load(source, count, message)
        first_tab = _("Website") if materials.captures and not materials.deck else _("Slides")
        if self.tabText(0) != first_tab:  # Qt lays the tab bar out and repaints it even for the same text
            self.setTabText(0, first_tab)
        self.doc_list.clear()
        for doc in materials.documents:
            label = doc.name + ("  · " + _("statement letter") if doc.is_statement else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, str(doc.path))
            self.doc_list.addItem(item)
        if materials.documents:
            self.doc_viewer.load(None, 0, "")
            self._doc_pending = True
            self.doc_list.blockSignals(True)
            self.doc_list.setCurrentRow(0)
            self.doc_list.blockSignals(False)
            self._on_tab(self.currentIndex())
        else:
            self._doc_pending = False
            self.doc_viewer.load(None, 0, _("No documents."))
        self._stale_tabs = {self.links_tab, self.check}
        self._on_tab(self.currentIndex())
        if materials.capture is not None or self._capture_findings is not None:
            self.capture_findings.show_record(materials.capture)
            self.setTabVisible(self.indexOf(self.capture_findings), materials.capture is not None)
        if materials.visits or self._visit_findings is not None:
            names = {i.id: i.name for i in category.indicators} if category is not None else {}
            self.visit_findings.set_visits(list(materials.visits), names)
            self.setTabVisible(self.indexOf(self.visit_findings), bool(materials.visits))

    def current_viewer(self) -> PageViewer:
        """The page viewer in view: the document's on the Documents tab, else the slides."""
        return self.doc_viewer if self.currentWidget() is self.docs_tab else self.slides

    def full_screen(self) -> None:
        self.current_viewer().full_screen()

    def go_to_section(self, slides: list[int]) -> None:
        if slides:
            self.setCurrentWidget(self.slides)
            self.slides.go_to(slides[0])

    def _on_tab(self, index: int) -> None:
        tab = self.widget(index)
        if self._doc_pending and tab is self.docs_tab:
            self._show_document(self.doc_list.currentRow())
        if tab in self._stale_tabs and self.materials is not None:
            self._stale_tabs.discard(tab)
            if tab is self.links_tab:
                self._show_links(self.materials)
            else:
                self._show_check(self.materials)

    def _show_document(self, row: int) -> None:
        self._doc_pending = False
        item = self.doc_list.item(row)
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        try:
            source, count = document_source(path)
        except Exception as exc:
            self.doc_viewer.load(None, 0, str(exc))
            return
        if source is None:
            self.doc_viewer.load(None, 0, _("{name} cannot be previewed here; open it with another program.", name=path.name))
        else:
            self.doc_viewer.load(source, count)

    def _show_links(self, materials: EntryMaterials) -> None:
        while self.links_layout.count():
            w = self.links_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        note = QLabel(_("Links open in your browser and need an internet connection."))
        note.setWordWrap(True)
        self.links_layout.addWidget(note)
        for name, urls in materials.links.items():
            for url in urls:
                row = QWidget()
                rl = QHBoxLayout(row)
                rl.setContentsMargins(0, 0, 0, 0)
                label = QLabel(f"<b>{LINK_LABELS.get(name, name)}</b>: {url}")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                button = QPushButton(_("Open"))
                button.clicked.connect(partial(QDesktopServices.openUrl, QUrl(url)))
                rl.addWidget(label, 1)
                rl.addWidget(button)
                self.links_layout.addWidget(row)
        if materials.video_file is not None:
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            from judgebox.core.bundle.video import (
                MAX_VIDEO_SECONDS,
                format_duration,
                video_duration,
            )

            # read from the file itself (its movie header: a few small reads), not from what a record says
            seconds = video_duration(materials.video_file)
            text = _("Video carried in the bundle: {name}", name=materials.video_file.name)
            if seconds is not None:
                text += "  ·  " + _("duration {duration}", duration=format_duration(seconds))
            video_label = QLabel(text)
            video_label.setObjectName("videoFile")
            rl.addWidget(video_label, 1)
            if seconds is not None and seconds > MAX_VIDEO_SECONDS:
                over = QLabel(_("⚠ longer than the 3:00 allowed"))
                over.setObjectName("videoTooLong")
                over.setStyleSheet("color: #b00020; font-weight: bold;")
                rl.addWidget(over)
            play = QPushButton(_("Play"))
            play.clicked.connect(partial(QDesktopServices.openUrl, QUrl.fromLocalFile(str(materials.video_file))))
            rl.addWidget(play)
            self.links_layout.addWidget(row)
        if not materials.links and materials.video_file is None:
            self.links_layout.addWidget(QLabel(_("No links.")))
        self.links_layout.addStretch(1)

    def _show_check(self, materials: EntryMaterials) -> None:
        lines = [f"<p>{line}</p>" for line in materials.findings] or [f"<p>{materials.problem}</p>"]
        if materials.sections:
            rows = "".join(
                f"<tr><td>{sec}</td><td>{', '.join(str(n) for n in nums) or '—'}</td></tr>"
                for sec, nums in materials.sections.items()
            )
            lines.append(f"<h3>{_('Sections and slides')}</h3><table cellpadding=3>{rows}</table>")
        self.check.setHtml("".join(lines))
