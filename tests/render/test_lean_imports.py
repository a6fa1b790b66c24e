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


def test_pymupdf_loads_its_table_finder_only_when_used():
    code = ("import sys\nfrom judgebox.core.render.lean import defer_unused_pymupdf\n"
            "defer_unused_pymupdf()\nimport pymupdf\n"
            "assert 'pymupdf._table_headers' not in sys.modules, 'the table finder was imported'\n"
            "assert type(sys.modules['tarfile']).__name__ == '_StandIn'\n"
            "doc = pymupdf.open(); page = doc.new_page(); page.insert_text((50, 50), 'Skor | Bobot')\n"
            "assert page.find_tables().tables == []\n"
            "assert 'pymupdf._table_headers' in sys.modules\n"
            "import io, tarfile\nbuf = io.BytesIO()\ntarfile.open(fileobj=buf, mode='w').close()\n"
            "assert buf.getvalue()\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "ok", proc.stderr
