"""A real signed event package with real bundles, opened by the real juror window."""

from __future__ import annotations

from pathlib import Path

import pytest

from judgebox.core.identity import keys

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "rahasia-juri-1"


def small_deck(path: Path, sections: list[str]) -> Path:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for title in sections:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(2))
        box.text_frame.text = f"Isi {title}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    prs.save(path)
    return path


def letter(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.drawString(72, 720, "SURAT PERNYATAAN KESANGGUPAN")
    c.showPage()
    c.save()
    return path


SECTIONS = ["Sampul", "Identitas Peserta", "Baseline", "Output 1", "Output 2", "Outcome 1",
            "Outcome 2", "Impact", "Quick Win", "Dokumentasi", "Prestasi", "Terima kasih"]


@pytest.fixture
def event_package(tmp_path_factory) -> Path:
    """Two SmartEco entries (Branding, Environment) with decks and letters, signed."""
    from judgebox.core.bundle.make import make_bundle
    from judgebox.core.event.entries import entry_from_bundle
    from judgebox.core.event.model import Event
    from judgebox.core.event.package import build_event_package
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    work = tmp_path_factory.mktemp("event")
    rubric_path = find_rubric("smarteco-bekasi-2025")
    rubric = load_rubric(rubric_path)
    bundles, entries = {}, []
    for entry_id, cat, name in (("SB-01", "smart-branding", "Komunitas Jelajah"),
                                ("SV-01", "smart-environment", "Bank Sampah Berkah")):
        folder = work / entry_id
        folder.mkdir()
        (folder / "entry.toml").write_text(
            f'id = "{entry_id}"\ncategory = "{cat}"\nparticipant = "{name}"\n'
            f'[links]\nvideo = "https://youtu.be/abc{entry_id}"\n', encoding="utf-8")
        deck = small_deck(folder / "deck.pptx", SECTIONS)
        out = work / f"{entry_id}.jbx"
        make_bundle(folder / "entry.toml", deck, [letter(folder / "surat-pernyataan.pdf")], out, pdf=False)
        bundles[entry_id] = out
        entries.append(entry_from_bundle(out))
    event = Event(id="gui-test", title="Festival Uji", rubric_id=rubric.id, rubric_sha256=rubric.sha256,
                  entries=tuple(entries), organiser="Panitia", start="2025-10-17", end="2025-10-24")
    coordinator = keys.generate_key("Panitia Uji", "pemerintah", "coordinator")
    path = work / "gui-test.jbevent"
    build_event_package(event, rubric_path.read_bytes(), bundles, coordinator, path)
    return path


@pytest.fixture
def juror_key(data_dir):
    from judgebox.gui.dialogs.identity import profile_key_paths

    key = keys.generate_key("Dr. Siti Rahma", "akademisi", "juror")
    key_path, pub_path = profile_key_paths("juror")
    keys.save_key(key, key_path, pub_path, PASSPHRASE)
    return key


@pytest.fixture
def app(qtbot, data_dir, juror_key, event_package, monkeypatch):
    """The real application object with its window on the test event."""
    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer

    monkeypatch.setattr(PageViewer, "inline", True)
    monkeypatch.setattr(TaskRunner, "inline", True)
    from judgebox.gui.worker_pool import WorkerPool

    monkeypatch.setattr(WorkerPool, "in_process", True)
    settings.LANGUAGE.set("en")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(str(event_package))
    qtbot.addWidget(japp.window)
    yield japp
    japp.store.close()
