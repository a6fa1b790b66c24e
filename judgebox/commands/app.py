"""`judgebox` / `judgebox demo`: the desktop app."""

from __future__ import annotations

import argparse


def _core_before_qt() -> None:
    # PySide6 installs an import hook that inspects every module imported after it;
    # the store (SQLAlchemy) and the event library are imported first, so they skip it.
    import judgebox.core.event.library  # noqa: F401
    import judgebox.core.identity.keys  # noqa: F401
    import judgebox.core.store  # noqa: F401


def run_app(args: argparse.Namespace) -> int:
    _core_before_qt()
    from judgebox.gui.app import run

    return run(getattr(args, "file", None))


def run_demo(args: argparse.Namespace) -> int:
    from judgebox.core.demo.event import DEMO_PASSPHRASE, ensure_demo_event, ensure_demo_juror

    path = ensure_demo_event(progress=lambda msg: print(msg, flush=True))
    if args.no_gui:
        from judgebox.core.demo.round import run_demo_round

        return run_demo_round(path)
    _core_before_qt()
    from judgebox.gui.app import run

    print(f"Demo: passphrase of the demo juror key is '{DEMO_PASSPHRASE}'", flush=True)
    return run(str(path), ensure_identity=ensure_demo_juror)
