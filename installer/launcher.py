"""Entry point of the frozen build: the same ``judgebox`` command as the pip-installed one."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--judgebox-worker"]:  # judgebox.core.worker_link.WORKER_FLAG
        from judgebox.core.worker_link import serve

        serve()
        sys.exit(0)
    multiprocessing.freeze_support()  # the national report may start worker processes
    # The windowed Windows build (judgebox.exe) has no console: sys.stdout/stderr are None,
    # and a library writing to them would fail. judgebox-cli.exe keeps its console.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    from judgebox.cli import run

    run()
