"""`judgebox` / `judgebox demo`: the desktop app."""

from __future__ import annotations

import argparse


def _core_before_qt() -> None:
    # What the first screen needs from the core, named in one place so start-up's cost is
    # visible: the event library, the store (plain sqlite3 until a schema upgrade or another
    # thread needs SQLAlchemy) and the identity keys. The order against Qt does not matter
    # (judgebox.gui.qt turns PySide6's per-module source scan off).
    import judgebox.core.event.library  # noqa: F401
    import judgebox.core.identity.keys  # noqa: F401
    import judgebox.core.store  # noqa: F401


def _check_display() -> None:
    """Qt aborts the whole process (no message a user can act on) when there is no screen."""
    import os
    import sys

    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.i18n import _

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise JudgeBoxError(_("no graphical display (DISPLAY is not set): the desktop app cannot start here; "
                              "use the command-line verbs (judgebox --help)"))


def _check_file(file: str | None) -> None:
    from pathlib import Path

    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.i18n import _

    if file and Path(file).is_dir():
        raise JudgeBoxError(_("is a folder, not a file"), file=file)
    if file and not Path(file).exists():
        raise JudgeBoxError(_("file not found"), file=file)


def run_app(args: argparse.Namespace) -> int:
    _check_file(getattr(args, "file", None))
    _check_display()
    _core_before_qt()
    from judgebox.gui.app import run

    return run(getattr(args, "file", None))


def run_demo(args: argparse.Namespace) -> int:
    from judgebox.core.demo.event import DEMO_PASSPHRASE, ensure_demo_event, ensure_demo_juror

    if not args.no_gui:
        _check_display()  # before the demo event is generated, not after
    path = ensure_demo_event(progress=lambda msg: print(msg, flush=True))
    if args.no_gui:
        from judgebox.core.demo.round import run_demo_round

        return run_demo_round(path)
    _core_before_qt()
    from judgebox.core.i18n import _
    from judgebox.gui.app import run

    print(_("Demo: the passphrase of the demo juror key is '{passphrase}'", passphrase=DEMO_PASSPHRASE), flush=True)
    return run(str(path), ensure_identity=ensure_demo_juror)
