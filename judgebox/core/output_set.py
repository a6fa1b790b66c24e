"""Files written together, all or none: results.json, the minutes, the recaps.

Each output is first written whole to a temporary name beside its target. Only
when every writer succeeded are the targets replaced: the old targets are moved
aside first, so a target that cannot be replaced (on Windows, a berita acara
still open in a PDF viewer) puts every old file back and leaves the previous set
as it was. A failure names the output and why.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _


class OutputSet:
    def __init__(self) -> None:
        self._token = secrets.token_hex(4)
        #: (temporary path, target)
        self._staged: list[tuple[Path, Path]] = []
        self._folders: list[Path] = []

    def stage(self, target: str | Path) -> Path:
        """The temporary path to write ``target`` to (same folder, same suffix: writers see the real kind)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.stem}.{self._token}.part{target.suffix}")
        self._staged.append((tmp, target))
        return tmp

    def stage_folder(self, target: str | Path) -> Path:
        """A temporary folder whose files, once written, replace their namesakes in ``target``."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{self._token}.part")
        tmp.mkdir()
        self._folders.append(tmp)
        self._staged.append((tmp, target))
        return tmp

    def _pairs(self) -> Iterator[tuple[Path, Path]]:
        for tmp, target in self._staged:
            if tmp in self._folders:
                for f in sorted(tmp.iterdir()):
                    yield f, target / f.name
            else:
                yield tmp, target

    def commit(self) -> None:
        """Replace every target, or none (the old files are put back and the error names the target)."""
        pairs = list(self._pairs())
        for _tmp, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
        moved: list[tuple[Path, Path]] = []  # (backup, target)
        placed: list[Path] = []
        current: Path | None = None
        try:
            for _tmp, target in pairs:
                current = target
                if target.exists():
                    backup = target.with_name(f".{target.stem}.{self._token}.old{target.suffix}")
                    os.replace(target, backup)
                    moved.append((backup, target))
            for tmp, target in pairs:
                current = target
                os.replace(tmp, target)
                placed.append(target)
        except OSError as exc:
            for target in placed:
                with contextlib.suppress(OSError):
                    os.unlink(target)
            for backup, target in reversed(moved):
                with contextlib.suppress(OSError):
                    os.replace(backup, target)
            self.discard()
            raise JudgeBoxError(_("could not be replaced ({error}); is it open in another program? "
                                  "Nothing was written: every output is as it was",
                                  error=exc.strerror or str(exc)), file=current) from None
        for backup, _target in moved:
            with contextlib.suppress(OSError):
                os.unlink(backup)
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._staged.clear()

    def discard(self) -> None:
        """Remove what was staged; the targets were never touched."""
        for tmp, _target in self._staged:
            if tmp in self._folders:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self._staged.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        if exc_type is not None or self._staged:
            self.discard()
