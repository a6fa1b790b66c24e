"""Optional high-fidelity path: LibreOffice converts the deck to PDF.

Used by ``bundle make`` to store a reference PDF in the bundle when soffice is
installed; preview then prefers that PDF. Runs headless with its own throw-away
profile (a running or broken user profile must not block it) and a timeout.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    candidates += sorted(glob.glob("/opt/libreoffice*/program/soffice"))
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def convert_to_pdf(pptx: Path, out_pdf: Path, timeout: float = 120) -> Path:
    """Convert ``pptx`` to ``out_pdf`` with LibreOffice; JudgeBoxError on any failure."""
    soffice = find_soffice()
    if soffice is None:
        raise JudgeBoxError(_("LibreOffice (soffice) is not installed"), file=pptx)
    pptx = Path(pptx)
    out_pdf = Path(out_pdf)
    with tempfile.TemporaryDirectory(prefix="judgebox-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        outdir.mkdir()
        src = Path(tmp) / ("deck" + (pptx.suffix.lower() or ".pptx"))
        shutil.copyfile(pptx, src)
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise JudgeBoxError(_("LibreOffice did not finish within {seconds} s", seconds=int(timeout)),
                                file=pptx) from None
        except OSError as exc:
            raise JudgeBoxError(_("LibreOffice could not be started: {error}", error=str(exc)), file=pptx) from None
        produced = outdir / (src.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()
            raise JudgeBoxError(
                _("LibreOffice could not convert the deck to PDF: {detail}",
                  detail=detail[-1] if detail else f"exit {proc.returncode}"),
                file=pptx,
            )
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = out_pdf.with_name(f".{out_pdf.name}.tmp")
        shutil.copyfile(produced, tmp_out)
        os.replace(tmp_out, out_pdf)
    return out_pdf
