"""The berita acara carries the results' seal, so a printed PDF can be checked too.

Every report printed from signed results keeps the results' seal (the
coordinator's DSSE envelope over the event id and the results' sha256) in the
PDF's Keywords, and prints the verification code derived from that signature on
every page. ``verify_minutes`` checks the seal against the trusted coordinator
keys and that every page shows its code; with the results file beside it, the
caller compares the codes. Results edited after signing cannot be printed again
(``write_minutes`` refuses them), and cannot be given a valid seal without the key.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection
from pathlib import Path

from judgebox.core.errors import IntegrityError, JudgeBoxError
from judgebox.core.i18n import _

_PREFIX = "judgebox-seal:"


def short_code(verification: str, length: int = 16) -> str:
    """First ``length`` hex digits in groups of four: "3f2a 91c0 …" — easy to read aloud."""
    v = (verification or "").strip().lower()[:length]
    return " ".join(v[i : i + 4] for i in range(0, len(v), 4))


def seal_keywords(results: dict) -> str:
    """The PDF Keywords that carry the results' seal ("" for unsigned results)."""
    envelope = results.get("signature")
    if not isinstance(envelope, dict):
        return ""
    data = json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return _PREFIX + base64.b64encode(data).decode("ascii")


def check_printable(results: dict) -> None:
    """Refuse to print signed results that were changed after signing (their code would lie)."""
    if isinstance(results.get("signature"), dict):
        from judgebox.core.merge.results import verify_results

        verify_results(results, _("the results"))


def _read_pdf(path: Path) -> tuple[str, list[str]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise JudgeBoxError(_("not a readable PDF: {error}", error=str(exc)[:120]), file=path) from None
    try:
        keywords = pdf.get_metadata_dict().get("Keywords", "")
        pages = []
        for page in pdf:
            text = page.get_textpage()
            pages.append(text.get_text_range())
            text.close()
            page.close()
        return keywords, pages
    finally:
        pdf.close()


def verify_minutes(path: str | Path, *, trusted: Collection[str] | None = None):
    """The seal a berita acara PDF carries, checked; raises when it is missing, untrusted or not printed."""
    from judgebox.core.merge.results import open_seal

    path = Path(path)
    keywords, pages = _read_pdf(path)
    if not keywords.startswith(_PREFIX):
        raise IntegrityError(_("the PDF carries no results seal: it was not printed from signed results"),
                             file=path)
    try:
        envelope = json.loads(base64.b64decode(keywords[len(_PREFIX):], validate=True))
    except ValueError:
        raise IntegrityError(_("the PDF's results seal is damaged"), file=path) from None
    seal = open_seal(envelope, str(path), trusted=trusted)
    printed = short_code(seal.code)
    missing = [n + 1 for n, text in enumerate(pages) if printed not in " ".join(text.split())]
    if missing:
        raise IntegrityError(_("page {pages} does not show the verification code {code} of its seal",
                               pages=", ".join(map(str, missing[:10])), code=printed), file=path)
    return seal
