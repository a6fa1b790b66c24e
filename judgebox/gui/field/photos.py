"""The visit's photos as a thumbnail grid: time taken, GPS, and an editable caption."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.visit.model import Photo
from judgebox.gui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.qt import QIcon as _QIcon

THUMB = 168


def photo_label(p: Photo) -> str:
    """Caption, then time and position, as shown under a thumbnail."""
    when = p.taken.replace("T", " ")[:16] if p.taken else _("no time")
    where = f"{p.lat:.5f}, {p.lon:.5f}" if p.lat is not None and p.lon is not None else _("no GPS")
    return "\n".join((p.caption or p.filename, when, where))


class PhotoGrid(QWidget):
    """Thumbnails; selecting one lets its caption be edited; add files/folder; remove."""

    add_files_requested = Signal()
    add_folder_requested = Signal()
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.photos: list[Photo] = []
        self._loader = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_files = QPushButton(_("Add photos…"))
        self.add_folder = QPushButton(_("Add a folder…"))
        self.remove = QPushButton(_("Remove photo"))
        self.count_label = QLabel()
        self.add_files.clicked.connect(self.add_files_requested.emit)
        self.add_folder.clicked.connect(self.add_folder_requested.emit)
        self.remove.clicked.connect(self.remove_selected)
        for b in (self.add_files, self.add_folder, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB * 3 // 4))
        self.list.setGridSize(QSize(THUMB + 36, THUMB * 3 // 4 + 62))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(THUMB * 3 // 4 + 80)
        self.list.currentRowChanged.connect(self._on_select)
        self.list.itemDoubleClicked.connect(lambda item: self.show_large(self.list.row(item)))
        layout.addWidget(self.list)
        caption_row = QHBoxLayout()
        caption_row.addWidget(QLabel(_("Caption:")))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(_("What the photo shows"))
        self.caption.setEnabled(False)
        self.caption.editingFinished.connect(self._caption_edited)
        caption_row.addWidget(self.caption, 1)
        layout.addLayout(caption_row)
        self._update_count()

    def set_photos(self, photos: list[Photo], loader) -> None:
        """``loader(photo) -> JPEG bytes``; thumbnails are made from the display copies."""
        self.photos = photos
        self._loader = loader
        self.list.clear()
        for p in photos:
            item = QListWidgetItem(photo_label(p))
            item.setIcon(self._icon(p))
            item.setToolTip(p.filename)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        self.caption.setEnabled(False)
        self.caption.clear()
        self._update_count()

    def _icon(self, p: Photo):
        img = QImage()
        try:
            img.loadFromData(self._loader(p))
        except Exception:  # noqa: BLE001 - a missing copy shows as an empty tile, not a crash
            img = QImage()
        if img.isNull():
            return _QIcon()
        pix = QPixmap.fromImage(img.scaled(THUMB, THUMB * 3 // 4, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        return _QIcon(pix)

    def _update_count(self) -> None:
        located = sum(1 for p in self.photos if p.lat is not None)
        self.count_label.setText(_("{n} photos, {located} with GPS", n=len(self.photos), located=located))
        self.remove.setEnabled(bool(self.photos))

    def _on_select(self, row: int) -> None:
        ok = 0 <= row < len(self.photos)
        self.caption.setEnabled(ok)
        self.caption.setText(self.photos[row].caption if ok else "")

    def _caption_edited(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.photos) and self.photos[row].caption != self.caption.text():
            self.photos[row].caption = self.caption.text()
            self.list.item(row).setText(photo_label(self.photos[row]))
            self.changed.emit()

    def set_caption(self, row: int, text: str) -> None:
        self.list.setCurrentRow(row)
        self.caption.setText(text)
        self._caption_edited()

    def show_large(self, row: int):
        """The display copy at full size in a dialog (what travels in the visit file)."""
        from judgebox.gui.qt import QDialog, QScrollArea

        if not 0 <= row < len(self.photos):
            return None
        p = self.photos[row]
        img = QImage()
        img.loadFromData(self._loader(p))
        dialog = QDialog(self)
        dialog.setWindowTitle(f"JudgeBox — {p.caption or p.filename}")
        layout = QVBoxLayout(dialog)
        view = QLabel()
        view.setPixmap(QPixmap.fromImage(img))
        view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area = QScrollArea()
        area.setWidget(view)
        area.setWidgetResizable(True)
        layout.addWidget(area, 1)
        layout.addWidget(QLabel(photo_label(p).replace("\n", "  ·  ")))
        dialog.resize(min(img.width() + 40, 1300), min(img.height() + 80, 900))
        dialog.show()
        self._large = dialog
        return dialog

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.photos):
            del self.photos[row]
            self.list.takeItem(row)
            self._update_count()
            self.changed.emit()
