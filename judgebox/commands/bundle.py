"""``judgebox bundle make|check|preview|from-folder|capture|fetch``.

Imports stay inside the handlers: ``bundle preview`` is timed against LibreOffice,
so it must not pay for reportlab, openpyxl or the check machinery.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from judgebox.core.i18n import _


def run_make(args: argparse.Namespace) -> int:
    from judgebox.core.bundle.make import make_bundle

    info = make_bundle(Path(args.entry), Path(args.deck) if args.deck else None, [Path(d) for d in args.doc],
                       Path(args.out), pdf=not args.no_pdf)
    print(_("wrote {path} ({size} KB, {count} files)", path=info.path, size=max(1, info.size // 1024),
            count=len(info.members)))
    print(f"  sha256 {info.sha256}")
    for name in info.members:
        print(f"  {name}")
    print(f"  {info.pdf_note}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    import json

    from judgebox.core.bundle.check import check_many, default_rubric

    if args.rubric:
        from judgebox.core.rubric.loader import find_rubric, load_rubric

        rubric = load_rubric(find_rubric(args.rubric))
    else:
        rubric = default_rubric()
    reports = []
    captures: list[dict | None] = []
    for report in check_many(args.files, rubric):
        reports.append(report)
        capture = _capture_of(report)
        captures.append(capture.to_dict() if capture is not None else None)
        if not args.json:
            sys.stdout.write(report.to_text())
            if capture is not None:
                sys.stdout.write(capture.text)
            sys.stdout.write("\n")
    if args.json:
        json.dump([r.to_dict() | ({"capture": c} if r.kind == "website" else {}) for r, c in zip(reports, captures, strict=True)],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if args.xlsx:
        from judgebox.core.report.selection_xlsx import write_selection_xlsx

        write_selection_xlsx(reports, Path(args.xlsx), rubric=rubric)
        print(_("wrote {path}", path=args.xlsx), file=sys.stderr if args.json else sys.stdout)
    if args.pdf:
        from judgebox.core.report.selection import write_selection_pdf

        write_selection_pdf(reports, Path(args.pdf), rubric=rubric)
        print(_("wrote {path}", path=args.pdf), file=sys.stderr if args.json else sys.stdout)
    failed = [r for r in reports if not r.passed]
    summary = _("{passed} of {total} bundles pass the administrative check", passed=len(reports) - len(failed),
                total=len(reports))
    print(summary, file=sys.stderr if args.json else sys.stdout)
    for r in failed:
        # an unreadable bundle's message already starts with its name
        reason = "; ".join(f.message.removeprefix(f"{r.bundle}: ") for f in r.errors)[:300]
        print("judgebox: " + _("failed: {bundle}: {reason}", bundle=r.bundle, reason=reason), file=sys.stderr)
    return 1 if failed else 0


class _CaptureSummary:
    def __init__(self, record=None, problem: str = ""):  # noqa: ANN001 - a CaptureRecord
        from judgebox.core.capture import findings_text

        self.record, self.problem = record, problem
        self.text = ("  " + findings_text(record, indent="  ")) if record is not None else f"  {problem}\n"

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self.record) if self.record is not None else {"problem": self.problem}


def _capture_of(report) -> _CaptureSummary | None:  # noqa: ANN001 - a CheckReport
    """The website capture's findings for a website bundle (the capture's own check, stored at capture time)."""
    if report.kind != "website" or not report.entry_id:
        return None
    from judgebox.core.bundle.read import open_bundle
    from judgebox.core.capture import read_capture
    from judgebox.core.errors import JudgeBoxError

    try:
        record = read_capture(open_bundle(report.bundle, any_category=True))
    except JudgeBoxError as exc:
        return _CaptureSummary(problem=_("website capture unreadable: {error}", error=str(exc)))
    if record is None:
        return _CaptureSummary(problem=_("no website capture in this bundle (judgebox bundle capture {file})",
                                         file=report.bundle))
    return _CaptureSummary(record)


def run_preview(args: argparse.Namespace) -> int:
    from judgebox.core.errors import JudgeBoxError

    source = Path(args.file)
    out = Path(args.out)
    if args.width < 16 or args.width > 8000:
        raise JudgeBoxError(_("--width must be between 16 and 8000"))
    if not source.is_file():
        raise JudgeBoxError(_("file not found"), file=str(source))
    if source.suffix.lower() == ".jbx":
        from judgebox.core.bundle.read import member_to_cache, open_bundle

        bundle = open_bundle(source, any_category=True)
        member = bundle.deck_pdf or bundle.deck
        if member is None:
            raise JudgeBoxError(_("the bundle has no deck to preview"), file=str(source))
        source = member_to_cache(bundle, member)
    elif source.suffix.lower() not in (".pptx", ".pdf"):
        raise JudgeBoxError(_("expected a .jbx bundle, a .pptx deck or a .pdf"), file=str(source))
    from judgebox.core.render.api import render_to_pngs

    pngs = render_to_pngs(source, out, width=args.width)
    print(_("{count} slides rendered to {dir}", count=len(pngs), dir=out))
    return 0


def run_from_folder(args: argparse.Namespace) -> int:
    from judgebox.core.bundle.registration import import_registrations

    csv_path = Path(args.registrations) if args.registrations else None
    report = None
    for progress in import_registrations(Path(args.folder), csv_path, Path(args.out),
                                         pdf=not getattr(args, "no_pdf", False)):
        print(f"[{progress.done}/{progress.total}] {progress.message}", flush=True)
        if progress.report is not None:
            report = progress.report
    assert report is not None
    sys.stdout.write(report.to_text())
    return 0 if report.ok else 1


def run_capture(args: argparse.Namespace) -> int:
    from judgebox.core.capture import BundleCapture, capture_bundles, findings_text
    from judgebox.core.capture.baseline import human_bytes
    from judgebox.core.capture.report import pages_text

    result: BundleCapture | None = None
    for progress in capture_bundles([Path(args.file)], engine=getattr(args, "engine", "auto")):
        if isinstance(progress.result, BundleCapture):
            result = progress.result
        else:
            print(f"[{progress.done}/{progress.total}] {progress.message}", flush=True)
    if result is None or not result.ok or result.record is None:
        print(_("judgebox: {error}", error=result.error if result else "?"), file=sys.stderr)
        return 1
    record = result.record
    print(_("engine: {engine}", engine=_(record.engine)))
    print(_("captured {pages} pages ({images} page images, {size}) in {seconds} s", pages=len(record.pages),
            images=len(record.images), size=human_bytes(result.images_bytes), seconds=f"{record.seconds:.1f}"))
    sys.stdout.write(pages_text(record))
    sys.stdout.write(findings_text(record, indent="  "))
    print(_("wrote {path} ({size})", path=result.path, size=human_bytes(result.size)))
    print(f"  sha256 {result.old_sha256} -> {result.sha256}")
    print(_("the bundle changed: rebuild the event package that carries it (judgebox event new ...)"))
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from judgebox.core.bundle.fetch import fetch_bundles
    from judgebox.core.errors import JudgeBoxError

    if not 0 < args.max_mb <= 200:
        raise JudgeBoxError(_("--max-mb must be more than 0 and at most 200"))
    if not 0 < args.timeout <= 24 * 3600:
        raise JudgeBoxError(_("--timeout must be more than 0 seconds and at most a day"))
    changed = failed = 0
    for progress in fetch_bundles(args.files, max_bytes=int(args.max_mb * 2**20), timeout=args.timeout,
                                  force=args.force):
        r = progress.result
        if r is None:
            continue
        if r.status == "failed":
            failed += 1
            print(f"judgebox: {r.message}", file=sys.stderr, flush=True)
            continue
        word = {"fetched": "OK", "unchanged": _("UNCHANGED"), "skipped": _("SKIPPED")}[r.status]
        print(f"{word} {r.path}: {r.message}", flush=True)
        if r.changed:
            changed += 1
            print(f"  sha256 {r.old_sha256} -> {r.sha256}")
        if r.note:
            print(f"  {r.note}")
    if changed:
        print(_("{count} bundle(s) changed: rebuild the event package that carries them (judgebox event new ...)",
                count=changed))
    return 1 if failed else 0
