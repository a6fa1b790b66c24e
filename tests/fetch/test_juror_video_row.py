"""The juror's entry page: the video carried in the bundle, its duration, and a warning past 3:00."""

from __future__ import annotations

import pytest

from judgebox.core import i18n
from judgebox.core.bundle.fetch import fetch_video
from judgebox.core.bundle.read import extract_to_cache, open_bundle
from judgebox.core.event.materials import EntryMaterials

pytestmark = pytest.mark.gui


def _page(qtbot, bundle_path):
    from judgebox.gui.juror.entry_view import EntryView
    from judgebox.gui.qt import QLabel

    bundle = open_bundle(bundle_path, any_category=True)
    folder = extract_to_cache(bundle)
    view = EntryView()
    qtbot.addWidget(view)
    view.show_materials(EntryMaterials(bundle.manifest.id, links=dict(bundle.manifest.links),
                                       video_file=folder / bundle.video))
    view.setCurrentWidget(view.links_tab)
    labels = {w.objectName(): w.text() for w in view.links_tab.findChildren(QLabel) if w.objectName()}
    return view, labels


@pytest.mark.parametrize("lang, clip, shown, warned", [
    ("id", "long", "durasi 4:00", "lebih panjang dari 3:00"),
    ("en", "long", "duration 4:00", "longer than the 3:00 allowed"),
    ("id", "short", "durasi 0:10", None),
])
def test_the_fetched_video_shows_its_duration(qtbot, loopback, clips, make_jbx, lang, clip, shown, warned):
    loopback.routes["/v.mp4"] = ("file", clips[clip], "video/mp4")
    jbx = make_jbx(loopback.url("/v.mp4"))
    fetch_video(jbx)
    i18n.set_language(lang)
    _view, labels = _page(qtbot, jbx)
    assert "video.mp4" in labels["videoFile"] and shown in labels["videoFile"]
    if warned:
        assert warned in labels["videoTooLong"]
    else:
        assert "videoTooLong" not in labels
