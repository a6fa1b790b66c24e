"""The ``judgebox`` command: argument parsing over the core (docs/architecture.md, "The command line").

Handlers live in ``judgebox.commands.<area>`` and are imported only for the verb
being run, so ``judgebox merge`` does not pay for Qt, reportlab or python-pptx
unless it needs them. Every handler returns an exit status; a JudgeBoxError
becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from judgebox import __version__

OPENABLE = (".jbevent", ".jbscore", ".jbvisit", ".jbx")

# verb path -> "module:function" (lazy)
HANDLERS: dict[tuple[str, ...], str] = {}
#: verbs whose process has nothing left to flush or close when they return (their files are
#: written whole, tmp + rename): the console script then skips the interpreter's teardown,
#: ~50 ms of freeing a rendered deck's objects in a command timed against LibreOffice
LEAVE_AT_ONCE = frozenset({("bundle", "preview")})


def _add(sub: argparse._SubParsersAction, path: tuple[str, ...], target: str, help: str, **kw):
    parser = sub.add_parser(path[-1], help=help, description=help, **kw)
    parser.set_defaults(_verb=path)
    # the global options also after the verb (`judgebox event open X --data-dir D`), a common slip
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    HANDLERS[path] = target
    return parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="judgebox", description="Offline judging for smart-city competitions.")
    p.add_argument("--version", action="version", version=f"JudgeBox {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="profile folder (database, keys, cache)")
    p.add_argument("--lang", choices=("id", "en"), help="language of messages (default: id)")
    sub = p.add_subparsers(dest="verb", metavar="VERB")

    app = _add(sub, ("app",), "judgebox.commands.app:run_app", "start the desktop app")
    app.add_argument("file", nargs="?", help="a .jbevent/.jbscore/.jbvisit/.jbx file to open")
    demo = _add(sub, ("demo",), "judgebox.commands.app:run_demo", "start the desktop app on a generated demo event")
    demo.add_argument("--no-gui", action="store_true", help="run the demo judging round on the command line")

    # rubric
    rubric = sub.add_parser("rubric", help="rubrics").add_subparsers(dest="sub", metavar="ACTION", required=True)
    rc = _add(rubric, ("rubric", "check"), "judgebox.commands.rubric:run_check", "validate a rubric TOML file")
    rc.add_argument("file")
    rc.add_argument("--json", action="store_true", help="print the parsed rubric as JSON")

    # keys
    keys = sub.add_parser("keys", help="juror keys").add_subparsers(dest="sub", metavar="ACTION", required=True)
    kn = _add(keys, ("keys", "new"), "judgebox.commands.keys:run_new", "make a juror key pair")
    kn.add_argument("--name", required=True)
    kn.add_argument("--affiliation", default="")
    kn.add_argument("--out", required=True, metavar="DIR")
    kn.add_argument("--role", choices=("juror", "coordinator", "field"), default="juror")

    # event
    event = sub.add_parser("event", help="event packages").add_subparsers(dest="sub", metavar="ACTION", required=True)
    en = _add(event, ("event", "new"), "judgebox.commands.event:run_new", "build and sign an event package")
    en.add_argument("--rubric", required=True, metavar="FILE")
    en.add_argument("--title", required=True)
    en.add_argument("--out", required=True, metavar="EVENT.jbevent")
    en.add_argument("--entries", metavar="CSV", help="entries.csv: id,category,name")
    en.add_argument("--id", dest="event_id", help="event id (default: from the title)")
    en.add_argument("--organiser", default="")
    en.add_argument("--start", default="", help="YYYY-MM-DD")
    en.add_argument("--end", default="", help="YYYY-MM-DD")
    en.add_argument("--key", metavar="KEYFILE", help="coordinator key (default: the profile's, made on first use)")
    en.add_argument("--coordinator-name", metavar="NAME",
                    help="your name on the profile's coordinator key, when it is made now (asked otherwise)")
    en.add_argument("--jury", metavar="ROSTER",
                    help="the appointed jury and field team, signed into the event (docs/trust.md)")
    en.add_argument("bundles", nargs="*", metavar="BUNDLE.jbx")
    eo = _add(event, ("event", "open"), "judgebox.commands.event:run_open", "verify an event package and open it in this profile")
    eo.add_argument("file", metavar="EVENT.jbevent")

    # score
    score = sub.add_parser("score", help="scores").add_subparsers(dest="sub", metavar="ACTION", required=True)
    si = _add(score, ("score", "import"), "judgebox.commands.score:run_import", "import scores from CSV (entry_id,indicator_id,score[,note])")
    si.add_argument("--key", required=True, metavar="KEYFILE")
    si.add_argument("--event", required=True, metavar="EVENT")
    si.add_argument("--csv", required=True, metavar="FILE")
    si.add_argument("--transcribed", action="store_true", help="mark the scores as transcribed from paper")
    si.add_argument("--final", action="store_true", help="mark the imported entries final")
    se = _add(score, ("score", "export"), "judgebox.commands.score:run_export", "write the signed score file")
    se.add_argument("--key", required=True, metavar="KEYFILE")
    se.add_argument("--event", required=True, metavar="EVENT")
    se.add_argument("--out", required=True, metavar="FILE.jbscore")
    se.add_argument("--category", help="only this category")

    ss = _add(score, ("score", "send"), "judgebox.commands.desk:run_send",
              "send your latest signed export to the coordinator's desk over the room's network")
    ss.add_argument("--key", required=True, metavar="KEYFILE")
    ss.add_argument("--event", required=True, metavar="EVENT")
    ss.add_argument("--to", required=True, metavar="HOST:PORT")
    ss.add_argument("--code", metavar="CODE", help="the pairing code the desk shows")

    # desk
    desk = sub.add_parser("desk", help="the coordinator's desk").add_subparsers(dest="sub", metavar="ACTION",
                                                                                required=True)
    dv = _add(desk, ("desk", "serve"), "judgebox.commands.desk:run_serve",
              "open the collection point for the jurors' signed files on the room's network")
    dv.add_argument("--event", required=True, metavar="EVENT")
    dv.add_argument("--listen", default="0.0.0.0:8765", metavar="HOST:PORT")
    dv.add_argument("--key", metavar="KEYFILE", help="coordinator key (default: the profile's)")
    dt = _add(desk, ("desk", "status"), "judgebox.commands.desk:run_status",
              "who has sent what: each juror's latest accepted revision and final entries")
    dt.add_argument("--event", required=True, metavar="EVENT")
    dt.add_argument("--json", action="store_true")

    # visit
    visit = sub.add_parser("visit", help="site visits").add_subparsers(dest="sub", metavar="ACTION", required=True)
    va = _add(visit, ("visit", "add"), "judgebox.commands.visit:run_add", "record a site visit")
    va.add_argument("--event", required=True, metavar="EVENT")
    va.add_argument("--entry", required=True, metavar="ENTRY_ID")
    va.add_argument("--note", default="")
    va.add_argument("--photo", action="append", default=[], metavar="FILE")
    va.add_argument("--check", action="append", default=[], metavar="INDICATOR=STATUS",
                    help="a claim checked: indicator id = verified|partly|not-verified")
    va.add_argument("--date", default="")
    va.add_argument("--place", default="")
    va.add_argument("--team", action="append", default=[], metavar="NAME")
    vp = _add(visit, ("visit", "package"), "judgebox.commands.visit:run_package",
              "re-sign the event package with the verified visit findings, for the jurors")
    vp.add_argument("--event", required=True, metavar="EVENT.jbevent")
    vp.add_argument("--key", metavar="KEYFILE", help="coordinator key (default: the profile's)")
    vp.add_argument("--roster", metavar="ROSTER")
    vp.add_argument("--out", required=True, metavar="NEW.jbevent")
    vp.add_argument("files", nargs="+", metavar="FILE.jbvisit")
    ve = _add(visit, ("visit", "export"), "judgebox.commands.visit:run_export", "write the signed visit file")
    ve.add_argument("--key", required=True, metavar="KEYFILE")
    ve.add_argument("--event", required=True, metavar="EVENT")
    ve.add_argument("--out", required=True, metavar="FILE.jbvisit")

    # verify / merge
    vf = _add(sub, ("verify",), "judgebox.commands.merge:run_verify", "verify signed score and visit files")
    vf.add_argument("--roster", metavar="ROSTER", help="the trusted keys, for an event without a jury")
    vf.add_argument("--event", metavar="EVENT", help="the event (and its jury) the files belong to")
    vf.add_argument("--signer", action="append", default=[], metavar="FINGERPRINT",
                    help="a coordinator key trusted besides the profile's own")
    vf.add_argument("files", nargs="+", metavar="FILE", help=".jbscore, .jbvisit, results.json or berita acara PDF")
    mg = _add(sub, ("merge",), "judgebox.commands.merge:run_merge", "verify, merge and rank")
    mg.add_argument("--event", required=True, metavar="EVENT.jbevent")
    mg.add_argument("--roster", metavar="ROSTER", help="the trusted keys, for an event without a jury")
    mg.add_argument("--signer", action="append", default=[], metavar="FINGERPRINT",
                    help="a coordinator key trusted besides the profile's own")
    mg.add_argument("--key", metavar="KEYFILE", help="coordinator key that signs the results (default: the profile's)")
    mg.add_argument("--accept-rejections", action="store_true",
                    help="write the results although files were rejected (the berita acara records it)")
    mg.add_argument("--out", required=True, metavar="results.json")
    mg.add_argument("--xlsx", metavar="FILE")
    mg.add_argument("--csv", metavar="FILE")
    mg.add_argument("--minutes", metavar="FILE.pdf")
    mg.add_argument("--method", choices=("mean", "median", "trimmed", "zscore"), help="override the rubric's aggregation")
    mg.add_argument("--previous", metavar="results.json", help="last year's results (improvement index)")
    mg.add_argument("--report", metavar="DIR", help="national evaluation: one PDF per region plus the all-regions table")
    mg.add_argument("--decisions", metavar="FILE.json",
                    help="the jury's decisions on standing ties: [{category, entries (in decided order), reason}]")
    mg.add_argument("files", nargs="+", metavar="FILE")

    # bundle
    bundle = sub.add_parser("bundle", help="entry bundles").add_subparsers(dest="sub", metavar="ACTION", required=True)
    bm = _add(bundle, ("bundle", "make"), "judgebox.commands.bundle:run_make", "make an entry bundle")
    bm.add_argument("--entry", required=True, metavar="entry.toml")
    bm.add_argument("--deck", metavar="DECK.pptx")
    bm.add_argument("--doc", action="append", default=[], metavar="FILE")
    bm.add_argument("--out", required=True, metavar="FILE.jbx")
    bm.add_argument("--no-pdf", action="store_true", help="do not store a LibreOffice PDF rendering of the deck")
    bf = _add(bundle, ("bundle", "from-folder"), "judgebox.commands.bundle:run_from_folder",
              "turn a registration folder (one sub-folder per participant + CSV) into bundles")
    bf.add_argument("folder")
    bf.add_argument("--registrations", metavar="CSV")
    bf.add_argument("--out", required=True, metavar="DIR")
    bf.add_argument("--no-pdf", action="store_true", help="do not store LibreOffice PDF renderings of the decks")
    bc = _add(bundle, ("bundle", "capture"), "judgebox.commands.bundle:run_capture", "website categories: offline copy of the site")
    bc.add_argument("file", metavar="FILE.jbx")
    bc.add_argument("--engine", choices=("auto", "chromium", "html"), default="auto",
                    help="page rendering: headless Chromium when found (auto), or text only (html)")
    bv = _add(bundle, ("bundle", "fetch"), "judgebox.commands.bundle:run_fetch",
              "download each entry's linked video into its bundle (needs the internet)")
    bv.add_argument("files", nargs="+", metavar="FILE.jbx")
    bv.add_argument("--max-mb", type=float, default=200.0, metavar="MB",
                    help="largest video fetched (default and most: 200, what a juror's JudgeBox opens)")
    bv.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                    help="longest one download may take (default 600); no data for 60 s (or half of it) also stops it")
    bv.add_argument("--force", action="store_true", help="fetch again even when the bundle carries the video")
    bk = _add(bundle, ("bundle", "check"), "judgebox.commands.bundle:run_check", "administrative check of bundles")
    bk.add_argument("files", nargs="+", metavar="FILE.jbx")
    bk.add_argument("--rubric", metavar="FILE", help="rubric (default: the shipped SmartEco rubric)")
    bk.add_argument("--xlsx", metavar="FILE", help="summary of many bundles as XLSX")
    bk.add_argument("--pdf", metavar="FILE", help="summary as a PDF for the selection meeting")
    bk.add_argument("--json", action="store_true")
    bp = _add(bundle, ("bundle", "preview"), "judgebox.commands.bundle:run_preview", "render one PNG per slide")
    bp.add_argument("file", metavar="FILE.jbx|DECK.pptx")
    bp.add_argument("--out", required=True, metavar="DIR")
    bp.add_argument("--width", type=int, default=1280)
    return p


def _console_never_fails() -> None:
    """Output that the console's code page cannot show comes out as '?', never as a crash.

    On Windows, output to a pipe or file (a coordinator's script, ``> log.txt``) is encoded
    in the ANSI code page (cp1252), which lacks many characters names and titles can hold.
    """
    with contextlib.suppress(AttributeError, ValueError):  # no console (windowed app), or replaced
        if sys.stdout.encoding.lower().replace("-", "") != "utf8":
            sys.stdout.reconfigure(errors="replace")


def _resolve(target: str) -> Callable[[argparse.Namespace], int]:
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def run() -> None:
    """The ``judgebox`` console script."""
    code, verb = _main(None)
    if verb in LEAVE_AT_ONCE:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):  # a reader gone, or no console
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status."""
    return _main(argv)[0]


def _main(argv: Sequence[str] | None) -> tuple[int, tuple[str, ...]]:
    if getattr(sys, "frozen", False):  # PyInstaller: let the slide worker process start
        import multiprocessing

        multiprocessing.freeze_support()
    _console_never_fails()
    argv = list(sys.argv[1:] if argv is None else argv)
    # A bare file argument (double-click on a .jbevent) opens the app on it,
    # also after the global options (`judgebox --data-dir D x.jbevent`).
    i = 0
    while i < len(argv) and argv[i] in ("--data-dir", "--lang"):
        i += 2
    if i < len(argv) and not argv[i].startswith("-") and os.path.splitext(argv[i])[1] in OPENABLE:
        argv = [*argv[:i], "app", *argv[i:]]
    parser = build_parser()
    args = parser.parse_args(argv)
    from judgebox.core import i18n, paths

    if args.lang:
        i18n.set_language(args.lang)
    verb = getattr(args, "_verb", ("app",))
    if not hasattr(args, "file") and verb == ("app",):
        args.file = None
    from judgebox.core.errors import JudgeBoxError

    try:
        if args.data_dir:
            _check_data_dir(args.data_dir)
            paths.set_data_dir(args.data_dir)
        _check_outputs_are_not_inputs(args, verb)
        return int(_resolve(HANDLERS[verb])(args) or 0), verb
    except JudgeBoxError as exc:
        print(f"judgebox: {exc}", file=sys.stderr)
        return 1, verb
    except BrokenPipeError:  # `judgebox … | head`: the reader has gone; stop quietly (Python docs' recipe)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1, verb
    except OSError as exc:  # a file the handler did not expect to fail: still one line, no traceback
        print(f"judgebox: {os_error_message(exc)}", file=sys.stderr)
        return 1, verb
    except KeyboardInterrupt:
        print(file=sys.stderr)  # end the half-typed prompt line; no traceback
        return 130, verb


#: options naming files a verb reads (``csv`` is an output of ``merge`` only)
_INPUT_OPTS = ("file", "files", "event", "key", "csv", "entries", "rubric", "roster", "jury", "deck", "doc", "entry",
               "registrations", "bundles", "previous", "decisions", "photo")
_OUTPUT_OPTS = ("out", "xlsx", "pdf", "minutes", "csv")


def _check_outputs_are_not_inputs(args: argparse.Namespace, verb: tuple[str, ...]) -> None:
    """Refuse `--out X` when X is also read by the same command: the input would be lost."""
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.i18n import _

    outputs = [(name, getattr(args, name, None)) for name in _OUTPUT_OPTS if name != "csv" or verb == ("merge",)]
    inputs: list[str] = []
    for name in _INPUT_OPTS:
        if name == "csv" and verb == ("merge",):
            continue
        value = getattr(args, name, None)
        inputs.extend(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    existing = [i for i in inputs if os.path.isfile(i)]
    for name, out in outputs:
        if not isinstance(out, str) or not os.path.isfile(out):
            continue
        for given in existing:
            if os.path.samefile(out, given):
                raise JudgeBoxError(_("{option} is also an input file of this command; choose another name "
                                      "so it is not overwritten", option="--" + name), file=out)


def _check_data_dir(folder: str) -> None:
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.i18n import _

    if os.path.exists(folder) and not os.path.isdir(folder):
        raise JudgeBoxError(_("is a file, not a folder"), file=folder, where="--data-dir")


def os_error_message(exc: OSError) -> str:
    """'FILE: problem' for an OSError, in the user's language (the OS's own text as a last resort)."""
    import errno

    from judgebox.core.i18n import _

    problems = {
        errno.ENOENT: _("no such file or folder"),
        errno.EISDIR: _("is a folder, not a file"),
        errno.ENOTDIR: _("part of the path is a file, not a folder"),
        errno.EEXIST: _("already exists (and is not a folder)"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is full"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.EIO: _("input/output error (damaged disk or removed drive?)"),
    }
    problem = problems.get(exc.errno) or _("cannot read or write: {error}", error=exc.strerror or str(exc))
    # os.replace(tmp, target) names the temporary file first: the user knows the target
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if isinstance(name, str) and os.path.basename(name).startswith(".") and name.endswith(".tmp"):
        name = os.path.dirname(name) or "."  # atomic write's temporary file: the folder is what matters
    return f"{name}: {problem}" if name is not None else problem


if __name__ == "__main__":
    raise SystemExit(main())
