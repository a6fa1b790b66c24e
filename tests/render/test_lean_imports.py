"""Modules deferred to keep start-up lean still load, whole, when something uses them."""

from __future__ import annotations

import subprocess
import sys


def test_python_pptx_imports_without_the_network_stack():
    code = ("import sys\nfrom judgebox.core.render.lean import defer_unused_stdlib\n"
            "defer_unused_stdlib()\nimport pptx\n"
            "assert 'http.client' not in sys.modules, 'urllib.request was imported'\n"
            "import urllib.request\nassert callable(urllib.request.urlopen)\n"
            "from urllib.request import Request\nassert 'http.client' in sys.modules\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_rendering_slides_imports_neither_python_pptx_nor_pymupdf(tmp_path):
    """The preview path reads the package itself and rasterises with PDFium: the two
    heaviest imports of earlier versions stay out of `bundle preview` and the worker."""
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "d.pptx", title="T", participant="P", category="C")
    code = (f"import sys\nfrom judgebox.core.paths import set_data_dir\nset_data_dir({str(tmp_path / 'data')!r})\n"
            "from judgebox.core.render.api import iter_slide_pngs\n"
            f"n = sum(1 for _ in iter_slide_pngs({str(deck)!r}, 320))\n"
            "assert n == 12, n\n"
            "assert 'pptx' not in sys.modules and 'pymupdf' not in sys.modules, 'heavy import'\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1:] == ["ok"], proc.stderr
