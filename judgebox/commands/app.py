"""`judgebox` / `judgebox demo`: the desktop app."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from judgebox.gui.app import run

    return run(getattr(args, "file", None))


def run_demo(args: argparse.Namespace) -> int:
    from judgebox.core.demo.event import DEMO_PASSPHRASE, ensure_demo_event, ensure_demo_juror

    path = ensure_demo_event(progress=lambda msg: print(msg, flush=True))
    if args.no_gui:
        from judgebox.core.demo.round import run_demo_round

        return run_demo_round(path)
    from judgebox.gui.app import run

    print(f"Demo: passphrase of the demo juror key is '{DEMO_PASSPHRASE}'", flush=True)
    return run(str(path), ensure_identity=ensure_demo_juror)
