"""File dialogs that open where the person last was.

Every dialog used to start in the home folder (or wherever Qt pleased), so a juror
exporting, printing and opening in turn walked to the same folder every time. Each
kind of dialog (``kind``: "event", "export", "photos" ...) remembers its folder in the
profile's settings; a suggested file name is kept, moved to that folder.
"""

from __future__ import annotations

from pathlib import Path

from judgebox.core import settings
from judgebox.gui.qt import QFileDialog


def last_folder(kind: str) -> Path:
    folder = settings.LAST_FOLDERS.get().get(kind, "")
    path = Path(folder) if folder else None
    return path if path is not None and path.is_dir() else Path.home()


def remember(kind: str, chosen: str | Path) -> None:
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    folders = dict(settings.LAST_FOLDERS.get())
    if folders.get(kind) != str(folder):
        folders[kind] = str(folder)
        settings.LAST_FOLDERS.set(folders)


def _start(kind: str, suggested: str | Path = "") -> str:
    folder = last_folder(kind)
    name = Path(suggested).name if suggested else ""
    return str(folder / name) if name else str(folder)


def open_file(parent, kind: str, title: str, filters: str) -> str:
    path, _f = QFileDialog.getOpenFileName(parent, title, _start(kind), filters)
    remember(kind, path)
    return path


def open_files(parent, kind: str, title: str, filters: str) -> list[str]:
    paths, _f = QFileDialog.getOpenFileNames(parent, title, _start(kind), filters)
    if paths:
        remember(kind, paths[0])
    return paths


def save_file(parent, kind: str, title: str, suggested: str | Path, filters: str) -> str:
    path, _f = QFileDialog.getSaveFileName(parent, title, _start(kind, suggested), filters)
    remember(kind, path)
    return path


def folder(parent, kind: str, title: str) -> str:
    chosen = QFileDialog.getExistingDirectory(parent, title, _start(kind))
    if chosen:
        folders = dict(settings.LAST_FOLDERS.get())
        folders[kind] = str(Path(chosen).parent)
        settings.LAST_FOLDERS.set(folders)
    return chosen
