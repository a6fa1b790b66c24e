"""The built-in demo event: six SmartEco categories with realistic entries.

Generated once into the profile's data dir (decks in the required structure with
pictures and tables, statement letters, links), signed by a demo coordinator key,
so a newcomer can open JudgeBox and score at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from judgebox.core import paths

DEMO_PASSPHRASE = "demo-juri-2025"
DEMO_EVENT_ID = "smarteco-bekasi-2025-demo"

#: category -> [(entry id, participant, organisation)]
DEMO_ENTRIES: dict[str, list[tuple[str, str, str]]] = {
    "smart-governance": [
        ("SG-01", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "Pemerintah Kota Bekasi"),
        ("SG-02", "Dinas Kependudukan dan Pencatatan Sipil", "Pemerintah Kota Bekasi"),
    ],
    "smart-branding": [
        ("SB-01", "Komunitas Jelajah Bekasi", "Heritage Walk Bekasi"),
        ("SB-02", "Kampung Tematik Warna-Warni Jatiasih", "RW 05 Jatiasih"),
        ("SB-03", "Bekasi Foto Kreatif", "Komunitas Fotografi"),
    ],
    "smart-economy": [
        ("SE-01", "Literasi UMKM Digital Bekasi Utara", "Koperasi Maju Bersama"),
        ("SE-02", "Startup Lokal Naik Kelas", "Inkubator Patriot"),
        ("SE-03", "Pasar Daring Warga", "Karang Taruna Medan Satria"),
    ],
    "smart-living": [
        ("SL-01", "Sistem Antrean Daring Terpadu", "RS Swasta Harapan Sehat"),
        ("SL-02", "Telekonsultasi 24 Jam", "RS Mitra Keluarga Bekasi"),
    ],
    "smart-society": [
        ("SS-01", "Warga Peduli Lansia", "PKK Kelurahan Margahayu"),
        ("SS-02", "Ruang Belajar Bersama", "Komunitas Sosial Bantargebang"),
        ("SS-03", "Gotong Royong Digital", "Karang Taruna Rawalumbu"),
    ],
    "smart-environment": [
        ("SV-01", "Bank Sampah Berkah", "Bank Sampah RW 08 Pekayon"),
        ("SV-02", "Eco-Brick untuk Sekolah", "Komunitas Peduli Lingkungan"),
        ("SV-03", "Maggot BSF Pengolah Organik", "Kelompok Tani Kota"),
    ],
}


def demo_dir() -> Path:
    d = paths.data_dir() / "demo"
    d.mkdir(parents=True, exist_ok=True)
    return d


def demo_event_path() -> Path:
    return demo_dir() / f"{DEMO_EVENT_ID}.jbevent"


def ensure_demo_event(progress: Callable[[str], None] | None = None) -> Path:
    """The demo package, generated on first use (a few seconds), reused afterwards."""
    out = demo_event_path()
    if out.exists():
        return out
    return make_demo_event(out, progress=progress)


def _statement_pdf(path: Path, participant: str, organisation: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString(w / 2, h - 90, "SURAT PERNYATAAN KESANGGUPAN")
    c.setFont("Helvetica", 11)
    lines = [
        "Yang bertanda tangan di bawah ini:",
        f"Nama kegiatan/komunitas : {participant}",
        f"Organisasi              : {organisation}",
        "",
        "menyatakan sanggup mengikuti seluruh rangkaian Kompetisi Ekosistem Cerdas",
        "Kota Bekasi – SmartEco Bekasi Festival 2025, dan bahwa karya/kegiatan yang",
        "didaftarkan merupakan gagasan orisinal serta belum pernah menjadi juara utama",
        "di lomba serupa.",
        "",
        "Demikian surat pernyataan ini dibuat dengan sebenarnya.",
    ]
    y = h - 140
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.drawString(w - 230, y - 30, "Bekasi, 10 Oktober 2025")
    c.drawString(w - 230, y - 110, "( ........................................ )")
    c.showPage()
    c.save()


def make_demo_event(out: Path, progress: Callable[[str], None] | None = None) -> Path:
    from judgebox.core.bundle.make import make_bundle
    from judgebox.core.demo.deck import make_structured_deck
    from judgebox.core.event.entries import entry_from_bundle
    from judgebox.core.event.model import EntryRef, Event
    from judgebox.core.event.package import build_event_package
    from judgebox.core.identity import keys
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    say = progress or (lambda _m: None)
    rubric_path = find_rubric("smarteco-bekasi-2025")
    rubric = load_rubric(rubric_path)
    coordinator = keys.generate_key("Panitia SmartEco Bekasi (demo)", "pemerintah", "coordinator")
    bundles: dict[str, Path] = {}
    entries: list[EntryRef] = []
    bundle_dir = demo_dir() / "bundles"
    bundle_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="judgebox-demo-") as tmp:
        work = Path(tmp)
        seed = 0
        for cat_id, items in DEMO_ENTRIES.items():
            category = rubric.category(cat_id)
            for entry_id, participant, organisation in items:
                seed += 1
                say(f"demo: {entry_id} {participant}")
                folder = work / entry_id
                folder.mkdir()
                slug = entry_id.lower()
                if category.kind == "website":
                    links = (f'website = "https://{slug}.bekasikota.go.id"\n'
                             f'social = ["https://instagram.com/{slug}_bekasi", "https://youtube.com/@{slug}bekasi"]\n')
                else:
                    links = (f'video = "https://youtu.be/demo{seed:04d}"\n'
                             f'website = "https://{slug}.example.id"\n')
                manifest = folder / "entry.toml"
                manifest.write_text(
                    f'id = "{entry_id}"\ncategory = "{cat_id}"\nparticipant = "{participant}"\n'
                    f'organisation = "{organisation}"\ncontact = "0812-0000-{seed:04d}"\n\n[links]\n{links}',
                    encoding="utf-8",
                )
                deck = None
                docs: list[Path] = []
                if category.kind != "website":
                    deck = make_structured_deck(folder / "deck.pptx", title=participant, participant=organisation,
                                                category=category.name, seed=seed)
                    letter = folder / "surat-pernyataan.pdf"
                    _statement_pdf(letter, participant, organisation)
                    docs.append(letter)
                target = bundle_dir / f"{entry_id}.jbx"
                make_bundle(manifest, deck, docs, target, pdf=False)
                bundles[entry_id] = target
                entries.append(entry_from_bundle(target))
    event = Event(
        id=DEMO_EVENT_ID,
        title="SmartEco Bekasi Festival 2025 (demo)",
        rubric_id=rubric.id,
        rubric_sha256=rubric.sha256,
        entries=tuple(entries),
        organiser="Pemerintah Kota Bekasi — Diskominfostandi",
        start="2025-10-17",
        end="2025-10-24",
        location="Bekasi",
        categories=tuple(DEMO_ENTRIES),
    )
    say("demo: signing the event package")
    build_event_package(event, rubric_path.read_bytes(), bundles, coordinator, out)
    return out


def ensure_demo_juror(key_path: Path, pub_path: Path) -> None:
    """The demo profile's juror key (passphrase DEMO_PASSPHRASE), made if missing."""
    from judgebox.core.identity import keys

    if pub_path.exists():
        return
    key = keys.generate_key("Juri Demo", "akademisi", "juror")
    keys.save_key(key, key_path, pub_path, DEMO_PASSPHRASE)
