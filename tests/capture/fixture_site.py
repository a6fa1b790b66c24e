"""A small agency website served from 127.0.0.1 (an ephemeral port), for capture tests.

Never anything but loopback: the one off-site address (a redirect target) is
``example.invalid``, which the capture must record and not fetch.
"""

from __future__ import annotations

import http.server
import threading
import time
from datetime import date, timedelta
from pathlib import Path

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def indo(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def _page(title: str, body: str, nav: bool = True) -> str:
    menu = ""
    if nav:
        menu = """<nav class="main-menu"><ul>
<li><a href="/">Beranda</a></li>
<li><a href="/profil/visi-misi">Visi dan Misi</a></li>
<li><a href="/profil/struktur">Struktur Organisasi</a></li>
<li><a href="/layanan">Layanan Publik</a></li>
<li><a href="/berita">Berita</a></li>
<li><a href="/faq">FAQ</a></li>
<li><a href="/kontak">Hubungi Kami</a></li>
<li><a href="/dokumen/laporan-2025.pdf">Laporan Kinerja</a></li>
<li><a href="/mitra">Mitra</a></li>
<li><a href="/lambat">Statistik</a></li>
<li><a href="/besar">Arsip</a></li>
</ul></nav>"""
    return (f"<!doctype html><html lang='id'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>body{{font-family:sans-serif;margin:24px}} nav li{{display:inline;margin-right:12px}}</style>"
            f"</head><body><header><h1>Dinas Komunikasi dan Informatika Kota Contoh</h1>{menu}</header>"
            f"<main>{body}</main><footer><p>© 2025 Pemerintah Kota Contoh</p></footer></body></html>")


def agency_pages(today: date, news_age_days: int = 3) -> dict[str, str]:
    newest = today - timedelta(days=news_age_days)
    older = newest - timedelta(days=9)
    oldest = newest - timedelta(days=20)
    return {
        "/": _page("Beranda - Diskominfo Kota Contoh", """
<h2>Selamat datang</h2><p>Portal resmi Dinas Komunikasi dan Informatika.</p>
<p><a href="/berita/rapat">Rapat koordinasi smart city</a> <a href="/halaman-hilang">Agenda lama</a></p>
<div id="live-chat-widget" class="chat-widget">Chat dengan kami</div>"""),
        "/profil/visi-misi": _page("Visi dan Misi", "<h2>Visi</h2><p>Kota cerdas.</p><h2>Misi</h2><p>Melayani.</p>"),
        "/profil/struktur": _page("Struktur Organisasi", "<h2>Bagan</h2><p>Kepala Dinas, Sekretaris.</p>"),
        "/layanan": _page("Layanan Publik", "<h2>Daftar layanan</h2><ul><li>Permohonan informasi</li></ul>"
                          "<h3>Survei Kepuasan Masyarakat</h3><form><input type='radio' name='q' value='1'>"
                          "<input type='radio' name='q' value='2'><button>Kirim</button></form>"),
        "/berita": _page("Berita Terkini", f"""
<h2>Berita</h2><ul>
<li><a href="/berita/rapat">Rapat koordinasi smart city</a> <span class='date'>{indo(newest)}</span></li>
<li>Sosialisasi aplikasi — {older.isoformat()}</li>
<li>Pelatihan ASN — {oldest.day:02d}/{oldest.month:02d}/{oldest.year}</li>
</ul><p>Agenda mendatang: {indo(today + timedelta(days=30))}</p>"""),
        "/berita/rapat": _page("Rapat koordinasi smart city", f"<p>Diterbitkan {indo(newest)}.</p>"),
        "/faq": _page("Tanya Jawab (FAQ)", "<h2>Pertanyaan yang sering diajukan</h2><p>Bagaimana ...?</p>"),
        "/kontak": _page("Hubungi Kami", "<h2>Formulir pengaduan</h2><form method='post'><input name='nama'>"
                         "<input name='email' type='email'><textarea name='isi'></textarea>"
                         "<button>Kirim</button></form>"),
    }


def bare_pages() -> dict[str, str]:
    """A site with none of the mandatory elements, no news and no interactivity."""
    return {
        "/": _page("Selamat Datang", "<h2>Halo</h2><p>Situs sedang dibangun.</p><p><a href='/tentang'>Tentang</a>"
                   "</p>", nav=False),
        "/tentang": _page("Tentang", "<p>Kantor kecamatan.</p>", nav=False),
    }


def many_pages(count: int) -> dict[str, str]:
    """A site of ``count`` linked pages with some text each (the benchmark)."""
    links = "".join(f"<li><a href='/hal/{i}'>Halaman {i}</a></li>" for i in range(1, count))
    pages = {"/": _page("Beranda", f"<h2>Daftar halaman</h2><nav class='menu'><ul>{links}</ul></nav>", nav=False)}
    for i in range(1, count):
        text = "".join(f"<p>Paragraf {j} halaman {i}: pelayanan publik kota cerdas yang inklusif.</p>"
                       for j in range(40))
        pages[f"/hal/{i}"] = _page(f"Halaman {i}", f"<h2>Halaman {i}</h2>{text}<p><a href='/'>Beranda</a></p>",
                                   nav=False)
    return pages


def self_signed(folder: Path) -> tuple[str, str]:
    """(certificate, key) PEM files for 127.0.0.1, signed by themselves."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


class Site:
    """Serve ``pages`` (path -> HTML) plus the special routes; use as a context manager."""

    def __init__(self, pages: dict[str, str], *, slow_seconds: float = 3.0, huge_bytes: int = 3 * 1024 * 1024,
                 tls_dir: Path | None = None):
        self.pages = pages
        self.slow_seconds = slow_seconds
        self.huge_bytes = huge_bytes
        self.hits: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", head=False,
                      extra: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def do_HEAD(self):
                self.do_GET(head=True)

            def do_GET(self, head: bool = False):
                path = self.path.split("?")[0]
                site.hits.append(path)
                try:
                    if path in site.pages:
                        self._send(200, site.pages[path].encode(), head=head)
                    elif path == "/mitra":
                        self._send(302, b"", extra={"Location": "http://example.invalid/"}, head=head)
                    elif path == "/profil":
                        self._send(301, b"", extra={"Location": "/profil/visi-misi"}, head=head)
                    elif path == "/dokumen/laporan-2025.pdf":
                        self._send(200, b"%PDF-1.4\n% fixture\n" + b"0" * 5000, "application/pdf", head=head)
                    elif path == "/lambat":
                        time.sleep(site.slow_seconds)
                        self._send(200, b"<html><title>Lambat</title><p>akhirnya</p></html>", head=head)
                    elif path == "/besar":
                        self.send_response(200)
                        self.send_header("Content-Type", "text/html")
                        self.end_headers()
                        if head:
                            return
                        self.wfile.write(b"<html><head><title>Arsip besar</title></head><body>")
                        chunk = b"<p>" + b"arsip " * 170 + b"</p>\n"
                        sent = 0
                        while sent < site.huge_bytes:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    else:
                        self._send(404, b"<html><title>404</title><p>tidak ditemukan</p></html>", head=head)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls_dir is not None:  # HTTPS with a self-signed certificate (one no client trusts)
            import ssl

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*self_signed(tls_dir))
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


#: keep Chromium off every network but the fixture's loopback server
LOOPBACK_ONLY = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-proxy-server")


def write_bundle(folder: Path, url: str, *, category: str = "smart-governance", name: str = "gov.jbx") -> Path:
    from judgebox.core.bundle.make import make_bundle

    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / "entry.toml"
    entry.write_text(f'id = "G01"\ncategory = "{category}"\nparticipant = "Diskominfo Kota Contoh"\n'
                     f'[links]\nwebsite = "{url}"\n'
                     f'social = ["https://instagram.com/kotacontoh", "https://x.com/kotacontoh"]\n',
                     encoding="utf-8")
    letter = folder / "Surat Pernyataan.pdf"
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Surat Pernyataan")
    doc.save(str(letter))
    return make_bundle(entry, None, [letter], folder / name, pdf=False).path
