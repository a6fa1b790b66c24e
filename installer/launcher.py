"""Entry point of the frozen build: the same ``judgebox`` command as the pip-installed one."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the national report may fork/spawn workers
    from judgebox.cli import main

    sys.exit(main())
