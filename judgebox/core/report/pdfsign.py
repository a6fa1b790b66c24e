"""Optional PAdES signature on a printed PDF (the minutes), offline, with pyHanko.

A coordinator with a PKCS#12 certificate (e.g. one issued by BSrE, as on the
national evaluation letters) can sign the berita acara so any PDF reader shows
whether it was changed after signing. Nothing is fetched from the network: no
timestamp server, no revocation lookups; trust is what the caller passes in.
pyHanko is imported lazily: it costs ~0.3 s and only this feature needs it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import IntegrityError, JudgeBoxError, PassphraseError
from judgebox.core.i18n import _


@dataclass(frozen=True)
class SignatureStatus:
    """What a reader of the signed PDF needs to know, in one place."""

    signed: bool
    #: the signed bytes are unchanged (the digest matches)
    intact: bool = False
    #: the cryptographic signature over the digest is valid for the signer's key
    valid: bool = False
    #: the signer's certificate chains to a trust root the caller gave
    trusted: bool = False
    #: the signature covers the whole file (nothing appended after signing)
    whole_file: bool = False
    signer: str = ""
    signed_at: str = ""
    summary: str = ""

    @property
    def ok(self) -> bool:
        """Intact and valid: the document is exactly what the signer signed."""
        return self.signed and self.intact and self.valid


def sign_pdf(pdf_in: Path | str, pdf_out: Path | str, p12_path: Path | str,
             passphrase: str | bytes | None, *, reason: str | None = None,
             location: str | None = None, field_name: str = "TandaTanganKetua") -> Path:
    """Sign ``pdf_in`` with the key in ``p12_path`` (PAdES baseline B) into ``pdf_out``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    p12 = Path(p12_path)
    if not p12.is_file():
        raise JudgeBoxError(_("file not found"), file=p12)
    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # our message, not pyHanko's log
    try:
        signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(p12), passphrase=passphrase)
    except Exception as exc:  # pyHanko raises various errors for a damaged file
        raise PassphraseError(_("cannot open the certificate file: {error}", error=exc), file=p12) from exc
    if signer is None:
        raise PassphraseError(_("the passphrase does not open this certificate file"), file=p12)
    source = Path(pdf_in)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or exc), file=source) from exc
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or _("Minutes of the Jury Assessment"),
        location=location,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        signed = signers.sign_pdf(writer, meta, signer=signer)
    except Exception as exc:
        raise JudgeBoxError(_("cannot sign this PDF: {error}", error=exc), file=source) from exc
    target = Path(pdf_out)
    atomic_write_bytes(target, signed.getvalue())
    return target


def verify_pdf_signature(path: Path | str, trust: Sequence[Path | str] = ()) -> SignatureStatus:
    """Check the PDF's (last) signature offline; ``trust``: PEM/DER certificates to trust."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or exc), file=source) from exc
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        raise IntegrityError(_("not a readable PDF: {error}", error=exc), file=source) from exc
    if not signatures:
        return SignatureStatus(signed=False, summary=_("the PDF is not signed"))
    roots = []
    for t in trust:
        raw = Path(t).read_bytes()
        if pem.detect(raw):
            raw = pem.unarmor(raw)[2]
        roots.append(x509.Certificate.load(raw))
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    sig = signatures[-1]
    try:
        status = validate_pdf_signature(sig, context, skip_diff=False)
    except Exception as exc:  # a mangled signature dictionary or CMS blob
        return SignatureStatus(signed=True, summary=_("the signature cannot be checked: {error}", error=exc))
    cert = status.signing_cert
    signer = cert.subject.human_friendly if cert is not None else ""
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
    whole = str(status.coverage).endswith("ENTIRE_FILE")
    trusted = bool(getattr(status, "trusted", False))
    if not status.intact:
        summary = _("the document was changed after it was signed")
    elif not status.valid:
        summary = _("the signature is not valid")
    elif not whole:
        summary = _("signed, but content was added after the signature")
    elif trusted:
        summary = _("signed by {signer}; intact and trusted", signer=signer)
    else:
        summary = _("signed by {signer}; intact (certificate not in the trusted list)", signer=signer)
    return SignatureStatus(signed=True, intact=bool(status.intact), valid=bool(status.valid),
                           trusted=trusted, whole_file=whole, signer=signer, signed_at=when,
                           summary=summary)
