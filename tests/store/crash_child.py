"""Helper for test_crash.py: save scores and say so only after each save has returned.

Usage: python crash_child.py DB EVENT RUN scores|import

scores: forever, alternately a new score (a juror of its own) and an overwrite of
        one shared score, printing "saved N JUROR ENTRY INDICATOR VALUE" after
        Store.set_score returns.
import: one import of every indicator of every entry, printing "importing" before
        and "imported N" after Store.import_scores returns.
The parent SIGKILLs this process at a random moment.
"""

from __future__ import annotations

import sys

from judgebox.core.store import ImportedScore, open_store


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def targets(store, event_id: str) -> list[tuple[str, str, int, int]]:
    rules = store.rules(event_id)
    return [(entry, ind, lo, hi)
            for entry, category in rules.entry_category.items()
            for ind, (lo, hi) in rules.ranges[category].items()]


def scores(store, event_id: str, run: int) -> None:
    cells = targets(store, event_id)
    n = 0
    while True:
        entry, indicator, lo, hi = cells[(n * 7) % len(cells)]
        value = lo + (n * 7 + run) % (hi - lo + 1)
        juror = f"u{run}-{n}" if n % 2 == 0 else f"shared{run}"
        if n % 2:
            entry, indicator, lo, hi = cells[0]
            value = lo + (n + run) % (hi - lo + 1)
        store.set_score(event_id, juror, entry, indicator, value, "crash-test")
        say(f"saved {n} {juror} {entry} {indicator} {value}")
        n += 1


def big_import(store, event_id: str, run: int) -> None:
    rows = [ImportedScore(e, i, hi) for e, i, _lo, hi in targets(store, event_id)]
    say("importing")
    summary = store.import_scores(event_id, f"imp{run}", rows, who="crash-test", transcribed=True)
    say(f"imported {summary.scores}")


if __name__ == "__main__":
    db, event, run, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    st = open_store(db)
    st.rules(event)  # parse the rubric before saying ready
    say("ready")
    (scores if mode == "scores" else big_import)(st, event, run)
