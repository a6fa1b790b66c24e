"""``judgebox verify`` and ``judgebox merge``: check signed files, merge, rank, print.

Imports stay lean (no Qt, no report libraries unless --minutes/--xlsx/--csv/--report
ask for them): the whole ``judgebox merge`` of a national round must run in
half a second. ``JUDGEBOX_TIMING=1`` prints the time split on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _


def _one_line(exc: JudgeBoxError) -> str:
    return ": ".join(p for p in (exc.where, exc.problem) if p)


def load_event(spec: str):
    """(Event, Rubric) from a .jbevent path, or from an event opened in this profile by its id.

    A path is read with ``read_event_for_merge``: signature, event.toml and rubric.toml
    verified, the bundles (which verify and merge never read) not re-hashed.
    """
    path = Path(spec)
    if path.is_file():
        from judgebox.core.merge.eventsource import read_event_for_merge

        event, rubric, _signer = read_event_for_merge(path)
        return event, rubric
    if path.suffix.lower() == ".jbevent" or "/" in spec or os.sep in spec:
        raise JudgeBoxError(_("file not found"), file=spec)
    from judgebox.core.event.library import opened_event
    from judgebox.core.store import open_store

    with open_store() as store:
        opened = opened_event(store, spec)
    return opened.event, opened.rubric


def _load_roster(spec: str | None):
    if not spec:
        return None
    from judgebox.core.identity.roster import load_roster

    return load_roster(spec)


# ------------------------------------------------------------------ verify


def run_verify(args: argparse.Namespace) -> int:
    """One line per file: OK with who signed it, or FAILED with the reason. Exit 1 if any failed."""
    from judgebox.core.scoring.verify import verify_file

    roster = _load_roster(getattr(args, "roster", None))
    event = rubric = None
    if getattr(args, "event", None):
        event, rubric = load_event(args.event)
    failed = 0
    for f in args.files:
        try:
            vf = verify_file(f, roster=roster, event=event, rubric=rubric)
        except JudgeBoxError as exc:
            failed += 1
            print(_("FAILED {file}: {reason}", file=f, reason=_one_line(exc)))
            continue
        sheet = vf.sheet
        count = len(sheet.entries) if hasattr(sheet, "entries") else _visit_count(sheet)
        print(_("OK {file}: {name} {fingerprint} revision {revision}, {count} entries",
                file=f, name=vf.identity.name, fingerprint=vf.identity.fingerprint,
                revision=vf.revision, count=count))
    return 1 if failed else 0


def _visit_count(content) -> int:
    if isinstance(content, dict):
        for key in ("visits", "entries", "records"):
            if isinstance(content.get(key), list):
                return len(content[key])
    for key in ("visits", "entries", "records"):
        if isinstance(getattr(content, key, None), list):
            return len(getattr(content, key))
    return 0


# ------------------------------------------------------------------ merge

#: option -> (module, function) of the report writers, imported only when asked for
WRITERS = {
    "minutes": ("judgebox.core.report.minutes", "write_minutes"),
    "xlsx": ("judgebox.core.report.xlsx", "write_xlsx"),
    "csv": ("judgebox.core.report.csvout", "write_csv"),
    "report": ("judgebox.core.report.national", "write_national_report"),
}


def _writer(option: str):
    """The report writer for ``option``, or None when this build does not have it yet."""
    module, func = WRITERS[option]
    try:
        return getattr(importlib.import_module(module), func)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
    except AttributeError:
        return None


def _call_writer(writer, results: dict, target: Path, *extra) -> None:
    """Call a writer in the language of this run when it takes one (the CLI's --lang)."""
    import inspect

    from judgebox.core import i18n

    if "lang" in inspect.signature(writer).parameters:
        writer(results, target, *extra, lang=i18n.language())
    else:
        writer(results, target, *extra)


def run_merge(args: argparse.Namespace) -> int:
    """Verify, merge and rank; write results.json (and the asked-for reports); print the ranking."""
    from judgebox.core.merge.files import merge_files
    from judgebox.core.merge.results import read_results, write_results

    _check_outputs(args)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    event, rubric = load_event(args.event)
    roster = _load_roster(getattr(args, "roster", None))
    previous = read_results(args.previous) if getattr(args, "previous", None) else None
    decisions = None
    if getattr(args, "decisions", None):
        from judgebox.core.merge.decisions import read_decisions

        decisions = read_decisions(args.decisions)
    timings["load"] = time.perf_counter() - t0
    try:
        results = merge_files(event, rubric, args.files, roster=roster, method=getattr(args, "method", None),
                              decisions=decisions, timings=timings)
    except JudgeBoxError as exc:
        if decisions and exc.file is None:  # a decision that does not fit the ranking
            raise type(exc)(exc.problem, file=args.decisions, where=exc.where) from None
        raise
    write_results(results, args.out, timings=timings)
    _safe_print(print_results, results)
    status = 0
    if not results["jurors"]:
        print(_("judgebox: no score file could be used; results.json lists why each was rejected"),
              file=sys.stderr)
        status = 1
    for option in ("minutes", "xlsx", "csv", "report"):
        target = getattr(args, option, None)
        if not target:
            continue
        writer = _writer(option)
        if writer is None:
            print(_("judgebox: --{option} is not available yet in this version", option=option), file=sys.stderr)
            status = 1
            continue
        t2 = time.perf_counter()
        try:
            if option == "report":
                _call_writer(writer, results, Path(target), previous)
            else:
                _call_writer(writer, results, Path(target))
        except JudgeBoxError as exc:
            print(f"judgebox: {exc}", file=sys.stderr)
            status = 1
        timings[option] = time.perf_counter() - t2
    if os.environ.get("JUDGEBOX_TIMING") == "1":
        timings["total"] = time.perf_counter() - t0
        print("timing: " + " ".join(f"{k}={v * 1000:.1f}ms" for k, v in timings.items()), file=sys.stderr)
    return status


def _safe_print(func, *args) -> None:
    """Printing into a closed pipe (``judgebox merge ... | head``) is not an error of the merge."""
    try:
        func(*args)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _starts_with(prefix: bytes):
    def check(path: Path) -> bool:
        try:
            with open(path, "rb") as fh:
                return fh.read(len(prefix)) == prefix
        except OSError:
            return False

    return check


def _is_results(path: Path) -> bool:
    import json

    try:
        return json.loads(path.read_bytes()).get("format") == "judgebox.results"
    except (OSError, ValueError, AttributeError):
        return False


def _is_recap_csv(path: Path) -> bool:
    from judgebox.core.report.csvout import COLUMNS

    return _starts_with(("\ufeff" + ",".join(COLUMNS)).encode("utf-8"))(path)


def _check_outputs(args: argparse.Namespace) -> None:
    """Every file merge writes replaces only an older file of its own kind (never a score CSV)."""
    from judgebox.commands.event import check_output

    inputs = [args.event, *args.files, getattr(args, "roster", None)]
    for option, kind, looks_right in (
        ("out", "results.json", _is_results),
        ("minutes", ".pdf", _starts_with(b"%PDF")),
        ("xlsx", ".xlsx", _starts_with(b"PK")),
        ("csv", ".csv", _is_recap_csv),
    ):
        target = getattr(args, option, None)
        if target:
            check_output(Path(target), inputs, kind=kind, looks_right=looks_right)


def print_results(results: dict, out=None) -> None:
    """The ranking per category, with flags, as a coordinator reads it on a terminal."""
    from judgebox.core.merge.display import flag_label, format_score, method_label

    out = out or sys.stdout
    decimals = int(results.get("rubric", {}).get("decimals", 2))
    w = out.write
    for r in results.get("rejected", []):
        w(_("REJECTED {file}: {reason}", file=r["file"], reason=r["reason"]) + "\n")
    for s in results.get("superseded", []):
        w(_("superseded {file}: {reason}", file=s["file"], reason=s["reason"]) + "\n")
    for j in results.get("jurors", []):
        w(_("used {file}: {name} {fingerprint} revision {revision}", file=j["file"], name=j["name"],
            fingerprint=j["fingerprint"], revision=j["revision"]) + "\n")
    for cat in results.get("categories", []):
        w("\n" + _("{name} ({id}) — method: {method}", name=cat["name"], id=cat["id"],
                   method=method_label(results.get("method", ""))) + "\n")
        ag = cat.get("agreement")
        if ag:
            w("  " + _("agreement: Kendall's W {w}, {kind} {icc} ({jurors} jurors, {entries} entries)",
                       w=format_score(ag["kendall_w"], 2), kind=ag.get("icc_kind", "ICC"),
                       icc=format_score(ag["icc"], 2), jurors=ag["jurors"], entries=ag["entries"]) + "\n")
        else:
            w("  " + _("agreement: not applicable (needs two jurors who scored every entry)") + "\n")
        for e in cat["entries"]:
            rank = "-" if e["rank"] is None else str(e["rank"])
            w(f"  {rank:>3}  {e['id']:<20} {format_score(e['final'], decimals):>10}  {e['name']}\n")
            for f in e["flags"]:
                w(f"         ! {flag_label(f['kind'])}: {f['message']}\n")
        for f in cat.get("flags", []):
            w(f"  ! {flag_label(f['kind'])}: {f['message']}\n")
        for d in cat.get("decisions", []):
            w(f"  * {d['decision']}" + (f" ({d['reason']})" if d.get("reason") else "") + "\n")

