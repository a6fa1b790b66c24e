"""What keeps the juror window quick: usable before the worker answers, cached slides and
materials shown without it, documents rendered only when looked at, forms kept per
category, and a clean quit whatever is in flight (real worker process)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from judgebox.core import worker
from judgebox.core.i18n import _
from judgebox.gui.juror import entry_view
from judgebox.gui.qt import Qt, QWidget

from .conftest import PASSPHRASE  # noqa: F401  (importlib mode: relative import of conftest)

ROOT = Path(__file__).resolve().parents[2]
QUIT_CHILD = Path(__file__).with_name("quit_child.py")


def _stored(app, entry_id):
    w = app.window
    return app.store.entry_scores(w.opened.event.id, w.identity.fingerprint, entry_id)


def _type_score(qtbot, spin, text):
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


@pytest.fixture
def threaded_app(qtbot, data_dir, juror_key, event_package, monkeypatch):
    """The real app whose entry materials come from a background thread (as in use),
    with the worker's answer held back until the test releases it."""
    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.widgets.page_viewer import PageViewer
    from judgebox.gui.worker_pool import WorkerPool

    monkeypatch.setattr(PageViewer, "inline", True)
    monkeypatch.setattr(WorkerPool, "in_process", True)
    monkeypatch.setattr(WorkerPool, "_materials", {})
    release = threading.Event()
    real = worker.entry_materials

    def held(*args, **kwargs):
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(worker, "entry_materials", held)
    settings.LANGUAGE.set("en")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(str(event_package))
    qtbot.addWidget(japp.window)
    yield japp, release
    release.set()
    japp.window.tasks.wait()
    japp.store.close()


def test_the_window_is_usable_before_the_worker_answers(threaded_app, qtbot):
    app, release = threaded_app
    w = app.window
    assert w.isVisible() and w.entry_id == "SB-01"
    qtbot.wait(50)
    assert w.materials is None and w.view.slides.page_label.text() == "Opening the entry…"
    # scoring does not wait for the slides
    _type_score(qtbot, w.panel.rows["baseline"].spin, "17")
    assert _stored(app, "SB-01").scores["baseline"] == 17
    assert w.saved_label.text().startswith("Saved ")
    release.set()
    qtbot.waitUntil(lambda: w.materials is not None and 0 in w.view.slides.images, timeout=15000)
    assert w.view.slides.count() == 12


def test_a_slide_seen_before_shows_without_the_worker(app, qtbot, monkeypatch):
    w = app.window
    qtbot.waitUntil(lambda: 0 in w.view.slides.images, timeout=15000)  # rendered and cached once
    w.entries.select("SV-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SV-01", timeout=15000)
    asked = []
    real_slide = worker.slide_png
    monkeypatch.setattr(worker, "slide_png", lambda path, i, *a: asked.append(i) or real_slide(path, i, *a))

    def no_worker(*_a):
        raise AssertionError("the worker was asked for materials it had already given")

    monkeypatch.setattr(worker, "entry_materials", no_worker)
    w.entries.select("SB-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SB-01", timeout=15000)
    assert 0 in w.view.slides.images and not w.view.slides.image(0).isNull()
    assert w.view.slides.image(0).width() == 1280
    assert 0 not in asked  # the first slide was read from the render cache by the window


def test_documents_render_when_their_tab_opens(app, qtbot, monkeypatch):
    from judgebox.gui.worker_pool import WorkerPool

    w = app.window
    monkeypatch.setattr(WorkerPool, "_documents", type(WorkerPool._documents)())
    rendered = []
    real = worker.document_pngs
    monkeypatch.setattr(worker, "document_pngs", lambda path, *a: rendered.append(path) or real(path, *a))
    w.entries.select("SV-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SV-01", timeout=15000)
    assert w.view.doc_list.count() == 1 and rendered == []  # listed, not rendered
    w.view.setCurrentWidget(w.view.docs_tab)
    qtbot.waitUntil(lambda: 0 in w.view.doc_viewer.images, timeout=15000)
    letter = str(w.materials.documents[0].path)
    assert rendered == [letter] and letter.endswith("surat-pernyataan.pdf")
    # back to it after another entry (whose letter renders: its tab is open): kept, not rendered again
    w.entries.select("SB-01")
    qtbot.waitUntil(lambda: len(rendered) == 2, timeout=15000)
    w.entries.select("SV-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SV-01", timeout=15000)
    qtbot.waitUntil(lambda: 0 in w.view.doc_viewer.images, timeout=15000)
    assert rendered.count(letter) == 1 and len(rendered) == 2


def test_a_one_page_letter_gets_the_thumbnail_strips_room(app, qtbot, monkeypatch, tmp_path):
    from judgebox.gui.worker_pool import WorkerPool

    w = app.window
    monkeypatch.setattr(WorkerPool, "_documents", type(WorkerPool._documents)())
    w.entries.select("SV-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SV-01", timeout=15000)
    w.view.setCurrentWidget(w.view.docs_tab)
    viewer = w.view.doc_viewer
    qtbot.waitUntil(lambda: 0 in viewer.images and not viewer.strip.isVisible(), timeout=15000)
    assert viewer.count() == 1 and viewer.status.text() == _("Page {n} of {total}", n=1, total=1)
    # a letter of two pages keeps its strip
    import fitz

    two = tmp_path / "two.pdf"
    doc = fitz.open()
    for _page in range(2):
        doc.new_page()
    doc.save(two)
    viewer.load(*entry_view.document_source(two))
    qtbot.waitUntil(lambda: viewer.count() == 2 and 1 in viewer.images, timeout=15000)
    assert viewer.strip.isVisible()
    # the same letter again: its page count is known, the strip is hidden from the start
    viewer.load(*entry_view.document_source(w.materials.documents[0].path))
    assert not viewer.strip.isVisible()


def test_each_categorys_form_is_kept_and_shows_the_entry_on_screen(app, qtbot):
    w = app.window
    branding_row = w.panel.rows["baseline"]
    _type_score(qtbot, branding_row.spin, "11")
    w.entries.select("SV-01")  # smart-environment: another form
    assert w.panel.rows["baseline"] is not branding_row
    assert w.panel.rows["baseline"].spin.score() is None
    _type_score(qtbot, w.panel.rows["baseline"].spin, "9")
    w.entries.select("SB-01")
    assert w.panel.rows["baseline"] is branding_row  # the same widgets, not built again
    assert branding_row.spin.score() == 11
    assert _stored(app, "SB-01").scores["baseline"] == 11 and _stored(app, "SV-01").scores["baseline"] == 9
    branding_form = branding_row.parentWidget().parentWidget()
    assert branding_form.isVisible() and branding_form.parentWidget() is w.panel.forms
    shown = [f for f in w.panel.forms.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
             if f.isVisible()]
    # the other categories' forms are hidden, taking no room
    assert len(shown) == 2 and branding_form in shown and w.panel.assessment in shown
    # the assessment texts (the same for every category) come after the form's last note
    assert w.panel.rows["quick-win"].note.nextInFocusChain() is w.panel.texts["strengths"]


@pytest.mark.slow
def test_quitting_right_after_start_neither_hangs_nor_crashes(event_package, juror_key, data_dir):
    """A materials request in flight when the app quits: the exit waited forever for the
    worker in about one start out of six, and could crash in a thread signalling a window
    already gone."""
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    for _run in range(8):
        proc = subprocess.run([sys.executable, "-X", "faulthandler", str(QUIT_CHILD), str(event_package)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stdout.split() == ["SHOWN", "QUIT"]
        assert "Traceback" not in proc.stderr and "Fatal" not in proc.stderr, proc.stderr[-2000:]


def test_a_page_decoded_off_the_ui_thread_is_the_picture_qt_reads(qapp, tmp_path):
    from PIL import Image, ImageDraw

    from judgebox.gui.qt import QImage
    from judgebox.gui.widgets.page_viewer import THUMB_WIDTH, decode_page

    im = Image.new("RGB", (640, 360), (31, 77, 121))
    ImageDraw.Draw(im).rectangle((400, 100, 600, 300), fill=(240, 200, 10))
    im.save(tmp_path / "page.png")
    png = (tmp_path / "page.png").read_bytes()
    full, thumb = decode_page(png)
    qt = QImage.fromData(png, "PNG")
    assert (full.width(), full.height()) == (640, 360) and thumb.width() == THUMB_WIDTH
    for x, y in ((10, 10), (500, 200), (639, 359)):
        assert full.pixel(x, y) == qt.pixel(x, y)
    broken, _thumb = decode_page(b"not a png")
    assert broken.isNull()


def test_the_other_categories_forms_are_built_while_the_juror_looks(app, qtbot):
    w = app.window
    environment = w.opened.rubric.category("smart-environment")
    qtbot.waitUntil(lambda: environment.id in w.panel._bodies, timeout=5000)  # idle time, after start
    prepared = w.panel._bodies[environment.id][2]["baseline"]
    form = prepared.parentWidget().parentWidget()
    # laid out at the panel's width while hidden: showing it relays nothing out
    qtbot.waitUntil(lambda: form.width() == w.panel.form_width() == w.panel.assessment.width(), timeout=5000)
    assert not form.isVisible() and prepared.spin.width() > 0
    w.entries.select("SV-01")
    assert w.panel.rows["baseline"] is prepared and w.panel.category is environment
    assert form.isVisible() and w.panel.scroll.verticalScrollBar().value() == 0
    assert w.panel.rows["baseline"].indicator.max == environment.indicator("baseline").max


def test_an_entry_seen_in_an_earlier_session_shows_without_the_worker(app, qtbot, monkeypatch):
    from judgebox.gui.worker_pool import WorkerPool

    w = app.window
    qtbot.waitUntil(lambda: 0 in w.view.slides.images, timeout=15000)  # SB-01 opened, kept, rendered
    w.entries.select("SV-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SV-01", timeout=15000)
    monkeypatch.setattr(WorkerPool, "_materials", {})  # a new session: nothing in memory
    monkeypatch.setattr(WorkerPool, "_thumbs", {})

    def no_worker(*_a):
        raise AssertionError("the worker was asked to open a bundle already opened and kept")

    monkeypatch.setattr(worker, "entry_materials", no_worker)
    w.entries.select("SB-01")
    qtbot.waitUntil(lambda: w.materials is not None and w.materials.entry_id == "SB-01", timeout=15000)
    assert w.materials.slide_count == 12 and w.materials.sections.get("baseline") == [3]
    assert w.materials.documents[0].path.name == "surat-pernyataan.pdf"
    assert 0 in w.view.slides.images and w.view.slides.image(0).width() == 1280


def test_kept_materials_are_refused_when_a_file_is_gone_or_outside_the_cache(app, qtbot):
    import json

    from judgebox.core.event.materials import _kept_path, kept

    w = app.window
    qtbot.waitUntil(lambda: w.materials is not None, timeout=15000)
    opened, materials = w.opened, w.materials
    assert kept(opened, "SB-01", "en") == materials
    path = _kept_path(opened, "SB-01", "en")
    doc = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**doc, "deck": "/etc/passwd"}), encoding="utf-8")
    assert kept(opened, "SB-01", "en") is None  # not a file of the cache: the bundle is opened again
    path.write_text(json.dumps({**doc, "slide_count": "12"}), encoding="utf-8")
    assert kept(opened, "SB-01", "en") is None
    path.write_text(json.dumps(doc), encoding="utf-8")
    materials.documents[0].path.unlink()
    assert kept(opened, "SB-01", "en") is None
    assert kept(opened, "SB-01", "id") is None  # texts of another language are not reused


def test_a_deck_seen_in_an_earlier_session_needs_no_worker_at_all(app, qtbot, monkeypatch):
    from judgebox.core.render.cache import cached_slide_png
    from judgebox.gui.worker_pool import WorkerPool

    w = app.window
    qtbot.waitUntil(lambda: len(w.view.slides.images) == 12, timeout=30000)  # rendered and cached
    m = w.materials
    for i in range(12):  # what the worker's answers leave on disk
        WorkerPool._keep_thumb(m.deck_sha256, i, 1280, worker.thumbnail_png(cached_slide_png(m.deck_sha256, i, 1280)))
    monkeypatch.setattr(WorkerPool, "_thumbs", {})  # a new session
    monkeypatch.setattr(WorkerPool, "in_process", False)

    def no_worker(*_a):
        raise AssertionError("the worker was started for a deck whose pictures are all kept")

    monkeypatch.setattr(WorkerPool, "start", classmethod(no_worker))
    pages = list(WorkerPool.slide_pngs(m.deck, 12, 1280, m.deck_sha256))
    assert [p[0] for p in pages] == list(range(12))
    assert all(len(p) == 3 and p[2][:8] == b"\x89PNG\r\n\x1a\n" for p in pages[1:])
    assert pages[5][1] == cached_slide_png(m.deck_sha256, 5, 1280)


def test_paging_to_a_page_not_yet_decoded_never_decodes_on_the_ui_thread(qtbot, tmp_path, monkeypatch):
    """Pages that come with the worker's thumbnails are decoded only when needed, and then
    on the viewer's decoder thread: the window shows the page it had until the new one is
    ready, then the new one, and the neighbours are decoded ahead for paging on."""
    import io
    import threading

    from PIL import Image

    from judgebox.gui.qt import QImage
    from judgebox.gui.widgets import page_jobs, page_viewer
    from judgebox.gui.widgets.page_viewer import PageViewer

    colours = [(200, 30, 30), (30, 160, 40), (30, 60, 200), (220, 180, 20), (120, 40, 160)]

    def png(colour, size=(640, 360)) -> bytes:
        buf = io.BytesIO()
        Image.new("RGB", size, colour).save(buf, "PNG")
        return buf.getvalue()

    pages = [(i, png(c), png(c, (128, 72))) for i, c in enumerate(colours)]
    ui_thread = threading.get_ident()
    decoded_on: list[tuple[int, bool]] = []
    real = page_viewer.decode_page

    def watched(data, **options):
        full, thumb = real(data, **options)
        colour = QImage(full).pixelColor(5, 5).getRgb()[:3]
        decoded_on.append((colours.index(colour), threading.get_ident() == ui_thread))
        return full, thumb

    monkeypatch.setattr(page_viewer, "decode_page", watched)  # the viewer's own (zoom)
    monkeypatch.setattr(page_jobs, "decode_page", watched)  # the page and decode threads'

    viewer = PageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 500)
    viewer.show()
    viewer.load(lambda: iter(pages), len(pages))
    qtbot.waitUntil(lambda: len(viewer.images) == 5 and viewer.page_label.pixmap() is not None
                    and not viewer.page_label.pixmap().isNull(), timeout=5000)

    def shown() -> tuple[int, int, int]:
        pix = viewer.page_label.pixmap()
        return pix.toImage().pixelColor(pix.width() // 2, pix.height() // 2).getRgb()[:3]

    assert shown() == colours[0]
    viewer.go_to(3)  # never decoded yet: page 1 stays up for the moment
    assert viewer.status.text().startswith("Page 4") and shown() == colours[0]
    qtbot.waitUntil(lambda: shown() == colours[3], timeout=5000)
    qtbot.waitUntil(lambda: {2, 4} <= set(viewer._fitted), timeout=5000)  # ahead of paging
    assert decoded_on and not any(on_ui for _page, on_ui in decoded_on)


def test_a_page_fitted_for_a_view_resized_meanwhile_is_fitted_again(qtbot):
    """The decoder fits a page to the view's size when asked; if the view changes size before
    it is done, the page is fitted again instead of the old page staying up."""
    import io

    from PIL import Image

    from judgebox.gui.widgets.page_viewer import PageViewer

    def png(colour):
        buf = io.BytesIO()
        Image.new("RGB", (640, 360), colour).save(buf, "PNG")
        return buf.getvalue()

    viewer = PageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 500)
    viewer.show()
    pages = [(i, png(c), png(c)) for i, c in enumerate([(200, 30, 30), (30, 60, 200), (30, 160, 40)])]
    viewer.load(lambda: iter(pages), 3)
    qtbot.waitUntil(lambda: len(viewer.images) == 3 and viewer.page_label.pixmap() is not None
                    and not viewer.page_label.pixmap().isNull(), timeout=5000)
    viewer.go_to(2)
    viewer.resize(700, 420)  # before the decoder's answer for page 3 is shown
    qtbot.waitUntil(lambda: viewer.page_label.pixmap().toImage().pixelColor(5, 5).getRgb()[:3] == (30, 160, 40),
                    timeout=5000)
    shown, view = viewer.page_label.pixmap(), viewer.scroll.viewport().size()
    assert shown.width() == view.width() or shown.height() == view.height()
