"""Builders for real decks, PDFs, MP4 headers and hand-crafted (hostile) zips."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

GOOD_TITLES = [
    "Komunitas Hijau Bekasi",  # cover
    "Identitas Peserta",
    "Baseline: Kondisi Awal",
    "Output (1/2)",
    "Output (2/2)",
    "Outcome 1",
    "Outcome 2",
    "Impact",
    "Quick Win",
    "Dokumentasi Kegiatan",
    "Prestasi & Pengakuan Masyarakat",
    "Terima kasih",  # closing
]


def make_deck(path: Path, titles: list[str]) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for title in titles:
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = "Kegiatan warga untuk lingkungan yang lebih bersih."
    prs.save(str(path))
    return path


def make_pdf(path: Path, pages: int = 1, text: str = "Surat Pernyataan Kesanggupan") -> Path:
    import pymupdf

    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), text)
    doc.save(str(path))
    doc.close()
    return path


def make_mp4(path: Path, seconds: float, timescale: int = 600) -> Path:
    """ftyp + moov/mvhd (version 0): just what a duration reader needs."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom", b"mp41")
    body = struct.pack(">B3sIIII", 0, b"\0\0\0", 0, 0, timescale, int(round(seconds * timescale)))
    body += b"\0" * (100 - len(body))
    mvhd = struct.pack(">I4s", 8 + len(body), b"mvhd") + body
    free = struct.pack(">I4s", 16, b"free") + b"\0" * 8
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    path.write_bytes(ftyp + free + moov)
    return path


def write_entry(path: Path, *, id: str = "E01", category: str = "smart-environment",
                participant: str = "Komunitas Hijau", video: str | None = "https://youtu.be/abc123",
                extra: str = "") -> Path:
    lines = [f'id = "{id}"', f'category = "{category}"', f'participant = "{participant}"',
             'organisation = "Bank Sampah RW 05"', extra, "[links]"]
    if video is not None:
        lines.append(f'video = "{video}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def craft_zip(path: Path, members: list[dict]) -> Path:
    """Write a zip by hand, so headers can say what a hostile file would say.

    member keys: name (str), data (compressed bytes), method (0/8), size (declared
    uncompressed), crc, external_attr, flags.
    """
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m["name"].encode("utf-8")
        data = m.get("data", b"")
        method = m.get("method", 0)
        size = m.get("size", len(data))
        crc = m.get("crc", zlib.crc32(data) if method == 0 else 0)
        flags = m.get("flags", 0x800)
        attr = m.get("external_attr", 0o100644 << 16)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, len(data), size,
                           len(name), 0) + name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 20, flags, method, 0, 0x21, crc,
                               len(data), size, len(name), 0, 0, 0, 0, attr, offset) + name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def zero_deflate(total: int, chunk: int = 1 << 20) -> bytes:
    """A raw deflate stream that inflates to ``total`` zero bytes, built without materialising them."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"\0" * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    reps, rest = divmod(total, chunk)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(b"\0" * rest) + tail.flush(zlib.Z_FINISH)
    return block * reps + end
