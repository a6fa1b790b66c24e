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


def trusted_coordinators(args: argparse.Namespace) -> list[str]:
    """The coordinator keys this run trusts: each --signer, and the profile's own coordinator key."""
    from judgebox.core import paths
    from judgebox.core.errors import ValidationError
    from judgebox.core.identity.keys import normalise_fingerprint, read_public_key

    out = []
    for text in getattr(args, "signer", None) or []:
        fp = normalise_fingerprint(text)
        if fp is None:
            raise ValidationError(_("not a fingerprint: {value} (expected 32 letters A-Z and digits 2-7, "
                                    "e.g. ABCD-EFGH-…)", value=text[:60]), where="--signer")
        out.append(fp)
    own = paths.data_dir() / "keys" / "coordinator.pub"
    if own.is_file():
        out.append(read_public_key(own).fingerprint)
    return out


def load_event(spec: str, trusted: list[str] | None = None):
    """(Event, Rubric, signer) from a .jbevent path, or from an event opened in this profile by its id.

    A path is read with ``read_event_for_merge``: signature, event.toml and rubric.toml
    verified, the bundles (which verify and merge never read) not re-hashed. ``trusted``:
    the coordinator fingerprints accepted as the package's signer (None: any).
    """
    path = Path(spec)
    if path.is_file():
        from judgebox.core.merge.eventsource import read_event_for_merge

        return read_event_for_merge(path, trusted=trusted)
    if path.suffix.lower() == ".jbevent" or "/" in spec or os.sep in spec:
        raise JudgeBoxError(_("file not found"), file=spec)
    from judgebox.core.event.library import opened_event
    from judgebox.core.store import open_store

    with open_store() as store:
        opened = opened_event(store, spec)
    if trusted is not None and opened.signer.fingerprint not in trusted:
        from judgebox.core.trust.manifest import untrusted_coordinator

        raise untrusted_coordinator(opened.signer.fingerprint, spec)
    return opened.event, opened.rubric, opened.signer


def _print_event_signer(signer) -> None:
    print(_("event signed by {name} {fingerprint} (a trusted coordinator key)",
            name=signer.name, fingerprint=signer.fingerprint))


def _load_roster(spec: str | None):
    if not spec:
        return None
    from judgebox.core.identity.roster import load_roster

    return load_roster(spec)


# ------------------------------------------------------------------ verify


def run_verify(args: argparse.Namespace) -> int:
    """One line per file: OK with who signed it, or FAILED with the reason. Exit 1 if any failed.

    Signed score and visit files are checked against the event's jury (or --roster);
    a results.json and a berita acara PDF against the trusted coordinator keys, and
    with each other when both are given.
    """
    from judgebox.core.trust.policy import trust_for

    trusted = trusted_coordinators(args)
    roster = _load_roster(getattr(args, "roster", None))
    event = rubric = None
    if getattr(args, "event", None):
        event, rubric, signer = load_event(args.event, trusted)
        _print_event_signer(signer)
    kinds = {f: _kind(Path(f)) for f in args.files}
    trust = trust_for(event, roster) if "signed" in kinds.values() else None
    ledger = _ledger(event) if event is not None and trust is not None else None
    failed = 0
    seals: dict[str, object] = {}
    # results first, so that a berita acara given beside them is compared with them
    for f in sorted(args.files, key=lambda f: kinds[f] != "results"):
        try:
            if kinds[f] == "results":
                seals[f] = seal = _verify_results_file(f, trusted)
                line = _("OK {file}: results of event {event} signed by {name} {fingerprint} on {when}, code {code}",
                         file=f, event=seal.event_id, name=seal.signer.name, fingerprint=seal.signer.fingerprint,
                         when=seal.generated, code=_short(seal.code))
            elif kinds[f] == "pdf":
                seal = _verify_minutes_file(f, trusted, seals)
                line = _("OK {file}: berita acara of event {event} signed by {name} {fingerprint}, code {code}",
                         file=f, event=seal.event_id, name=seal.signer.name, fingerprint=seal.signer.fingerprint,
                         code=_short(seal.code)) + _matching(seal, seals)
            else:
                line = _verify_signed_file(f, trust, event, rubric, ledger)
        except JudgeBoxError as exc:
            failed += 1
            line = _("FAILED {file}: {reason}", file=f, reason=_one_line(exc))
        print(line)
    return 1 if failed else 0


def _verify_signed_file(f: str, trust, event, rubric, ledger) -> str:
    """A score or visit file, checked as merge checks it (the ledger too, without recording anything)."""
    import hashlib

    from judgebox.core.scoring.verify import verify_bytes
    from judgebox.core.trust.signing import read_file_bytes

    data = read_file_bytes(f)
    vf = verify_bytes(data, f, trust=trust, event=event, rubric=rubric)
    if ledger is not None:
        problem = ledger.conflict(vf.identity.fingerprint, vf.kind, vf.revision, hashlib.sha256(data).hexdigest())
        if problem:
            raise JudgeBoxError(problem)
    sheet = vf.sheet
    count = len(sheet.entries) if hasattr(sheet, "entries") else _visit_count(sheet)
    return _("OK {file}: {name} {fingerprint} revision {revision}, {count} entries",
             file=f, name=vf.identity.name, fingerprint=vf.identity.fingerprint, revision=vf.revision, count=count)


def _kind(path: Path) -> str:
    """"pdf", "results" or "signed" (a score or visit file), from the file's first bytes."""
    if _starts_with(b"%PDF")(path):
        return "pdf"
    return "results" if _is_results(path) else "signed"


def _short(code: str) -> str:
    from judgebox.core.report.attest import short_code

    return short_code(code)


def _verify_results_file(path: str, trusted: list[str]):
    import json

    from judgebox.core.merge.results import verify_results

    try:
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise JudgeBoxError(_("not a results file: {error}", error=str(exc)[:120])) from None
    return verify_results(data, path, trusted=trusted)


def _verify_minutes_file(path: str, trusted: list[str], seals: dict):
    from judgebox.core.report.attest import verify_minutes

    seal = verify_minutes(path, trusted=trusted)
    if seals and not any(s.code == seal.code for s in seals.values()):
        raise JudgeBoxError(_("does not match {results}: it was printed from other results (code {code})",
                              results=", ".join(seals), code=_short(seal.code)))
    return seal


def _matching(seal, seals: dict) -> str:
    same = [f for f, s in seals.items() if s.code == seal.code]
    return "; " + _("matches {results}", results=", ".join(same)) if same else ""


def _ledger(event):
    from judgebox.core.store import open_store
    from judgebox.core.trust.ledger import Ledger

    with open_store() as store:
        return Ledger.load(store, event.id)


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
    """Verify, merge and rank; write results.json (signed) and the asked-for reports, all or none.

    A file refused by the jury, the roles, the ledger or the checks stops the merge
    (exit 1, nothing written) unless the coordinator says --accept-rejections, which
    the results and the minutes then record.
    """
    from judgebox.core.merge.files import merge_files
    from judgebox.core.merge.results import read_results, write_results
    from judgebox.core.output_set import OutputSet
    from judgebox.core.store import open_store
    from judgebox.core.trust.ledger import Ledger
    from judgebox.core.trust.policy import trust_for

    _check_outputs(args)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    trusted = trusted_coordinators(args)
    event, rubric, signer = load_event(args.event, trusted)
    trust = trust_for(event, _load_roster(getattr(args, "roster", None)))
    previous = read_results(args.previous) if getattr(args, "previous", None) else None
    decisions = None
    if getattr(args, "decisions", None):
        from judgebox.core.merge.decisions import read_decisions

        decisions = read_decisions(args.decisions)
    writers = {option: _writer(option) for option in WRITERS if getattr(args, option, None)}
    unavailable = [option for option, writer in writers.items() if writer is None]
    if unavailable:
        raise JudgeBoxError(_("--{option} is not available yet in this version", option=unavailable[0]))
    store = open_store()
    ledger = Ledger.load(store, event.id)
    timings["load"] = time.perf_counter() - t0
    try:
        results = merge_files(event, rubric, args.files, method=getattr(args, "method", None),
                              decisions=decisions, timings=timings, trust=trust, ledger=ledger)
    except JudgeBoxError as exc:
        store.close()
        if decisions and exc.file is None:  # a decision that does not fit the ranking
            raise type(exc)(exc.problem, file=args.decisions, where=exc.where) from None
        raise
    accept = bool(getattr(args, "accept_rejections", False))
    results["event"]["signer"] = {"name": signer.name, "fingerprint": signer.fingerprint}
    results["trust"] = trust.origin
    results["accepted_rejections"] = bool(results["rejected"]) and accept
    _print_event_signer(signer)
    _safe_print(print_results, results)
    if results["rejected"] and not accept:
        store.close()
        print(_("judgebox: {n} file(s) rejected (listed above); nothing was written. Give the right files, or "
                "run again with --accept-rejections to go on without them (the berita acara will say so)",
                n=len(results["rejected"])), file=sys.stderr)
        return 1
    if not results["jurors"]:
        store.close()
        print(_("judgebox: no score file could be used; nothing was written"), file=sys.stderr)
        return 1
    t_key = time.perf_counter()
    key = _coordinator_key(args)  # asked only now: a merge that writes nothing needs no passphrase
    timings["unlock"] = time.perf_counter() - t_key  # the passphrase's deliberate scrypt cost (and any typing)
    try:
        with OutputSet() as outputs:
            write_results(results, outputs.stage(args.out), timings=timings, key=key)
            for option, writer in writers.items():
                target = Path(getattr(args, option))
                t2 = time.perf_counter()
                staged = outputs.stage_folder(target) if option == "report" else outputs.stage(target)
                try:
                    _call_writer(writer, results, staged, *((previous,) if option == "report" else ()))
                except JudgeBoxError as exc:
                    raise JudgeBoxError(_("{output} was not written: {reason}; nothing was written",
                                          output=target, reason=_one_line(exc))) from None
                timings[option] = time.perf_counter() - t2
            outputs.commit()
        store.record_accepted(ledger.entries_for(results["inputs"]))
    finally:
        store.close()
    print(_("results signed by {name} {fingerprint}, code {code}", name=key.identity.name,
            fingerprint=key.identity.fingerprint, code=_short(results["verification"])))
    if os.environ.get("JUDGEBOX_TIMING") == "1":
        timings["total"] = time.perf_counter() - t0
        print("timing: " + " ".join(f"{k}={v * 1000:.1f}ms" for k, v in timings.items()), file=sys.stderr)
    return 0


def _coordinator_key_path(args: argparse.Namespace) -> Path:
    """The key that signs the results: --key, else the profile's coordinator key (never one made here)."""
    from judgebox.core import paths

    if getattr(args, "key", None):
        return Path(args.key)
    path = paths.data_dir() / "keys" / "coordinator.key"
    if not path.is_file():
        # a key made here on the fly would sign results nobody was told to trust
        raise JudgeBoxError(_("this profile has no coordinator key to sign the results: give --key with the "
                              "coordinator's key file"), where="--key")
    return path


def _coordinator_key(args: argparse.Namespace):
    """The coordinator's key, opened now (it signs the results; ``desk serve`` signs its hello with it)."""
    from judgebox.core.identity.keys import load_key, passphrase_from_env_or_prompt

    path = _coordinator_key_path(args)
    return load_key(path, passphrase_from_env_or_prompt(
        _("Passphrase for {path}: ", path=path) if getattr(args, "key", None) else _("Coordinator key passphrase: ")))


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
    for m in results.get("missing", []):
        w(_("MISSING {name} {fingerprint}: appointed, no usable score file", name=m["name"],
            fingerprint=m["fingerprint"]) + "\n")
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

