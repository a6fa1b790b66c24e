"""``judgebox bundle make|check|preview|from-folder|capture``.

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
    for report in check_many(args.files, rubric):
        reports.append(report)
        if not args.json:
            sys.stdout.write(report.to_text() + "\n")
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, ensure_ascii=False, indent=2)
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
        reason = "; ".join(f.message for f in r.errors)[:300]
        print(_("failed: {bundle}: {reason}", bundle=r.bundle, reason=reason), file=sys.stderr)
    return 1 if failed else 0


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
    print(_("judgebox: website capture is not available in this build (bundle {file} unchanged)",
            file=args.file), file=sys.stderr)
    return 2
