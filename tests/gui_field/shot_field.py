"""Screenshot of the field form with realistic data (run under Xvfb): /tmp/shots/field-*.png

    Xvfb :98 -screen 0 1600x1000x24 &  DISPLAY=:98 .venv/bin/python tests/gui_field/shot_field.py
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = Path("/tmp/shots")


def main() -> None:
    spec = importlib.util.spec_from_file_location("visitkit", HERE.parent / "visit" / "visitkit.py")
    kit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kit)
    work = Path(tempfile.mkdtemp(prefix="shot-field-"))
    from judgebox.core import i18n, paths

    paths.set_data_dir(work / "profile")
    i18n.set_language(os.environ.get("SHOT_LANG", "id"))
    from judgebox.core.event.library import open_event
    from judgebox.gui.app import make_qapp
    from judgebox.gui.field.window import FieldWindow
    from judgebox.gui.tasks import TaskRunner

    event_path, _c, _r = kit.make_event(work)
    opened = open_event(event_path)
    dcim = work / "DCIM"
    dcim.mkdir()
    colours = [(40, 120, 60), (150, 90, 40), (90, 90, 160), (160, 60, 90), (60, 140, 150)]
    for i, colour in enumerate(colours):
        kit.camera_jpeg(dcim / f"IMG_20251021_{91502 + i * 713}.jpg", taken=f"2025:10:21 09:{15 + i * 7}:02",
                        lat=None if i == 4 else -6.2383 - i * 0.0008, lon=106.9756 + i * 0.0005,
                        colour=colour, noise=i % 2 == 1, size=(1600, 1200))
    TaskRunner.inline = True
    app = make_qapp()
    w = FieldWindow(opened)
    w.resize(1560, 960)
    w.show()
    w.select_entry("SE-01")
    f = w.form
    from judgebox.gui.qt import QDate

    f.date.setDate(QDate(2025, 10, 21))
    f.place.setText("Bank Sampah Berkah, Jl. Raya Jatiasih No. 12, Kel. Jatiasih")
    f.team.setText("Budi Santoso, Sari Dewi, Rahmat Hidayat")
    f.rows["baseline"].radios["verified"].setChecked(True)
    f.rows["baseline"].note.setText("Data timbangan awal 2023 ada dan sesuai paparan")
    f.rows["output"].radios["partly"].setChecked(True)
    f.rows["output"].note.setText("Baru 2 dari 4 unit komposter yang berjalan")
    f.rows["outcome"].radios["verified"].setChecked(True)
    f.rows["impact"].radios["not-verified"].setChecked(True)
    f.rows["impact"].note.setText("Belum ada data penurunan sampah ke TPA Burangkeng")
    f.notes.setPlainText("Buku tabungan 312 nasabah aktif diperiksa; pengurus kooperatif.")
    w.save()
    w.import_photos([str(dcim)])
    for i, cap in enumerate(("Pos penimbangan", "Gudang pemilahan", "Komposter unit 1", "Buku tabungan nasabah")):
        f.photos.set_caption(i, cap)
    f.photos.list.setCurrentRow(1)
    OUT.mkdir(parents=True, exist_ok=True)
    for _ in range(5):
        app.processEvents()
    w.grab().save(str(OUT / "field-form-top.png"))
    f.verticalScrollBar().setValue(f.verticalScrollBar().maximum())
    for _ in range(5):
        app.processEvents()
    w.grab().save(str(OUT / "field-form-photos.png"))
    # export (the key's passphrase is given here; the window asks for it otherwise)
    _kp, key = kit.save_key(work, "Budi Santoso", "field")
    w.export(out=str(work / "budi.jbvisit"), key=key)
    for _ in range(5):
        app.processEvents()
    w.grab().save(str(OUT / "field-exported.png"))
    # what a juror sees once the coordinator put the visit into the package
    import time

    from judgebox.core.event.package import build_event_package, read_event_package
    from judgebox.core.identity import keys
    from judgebox.core.visit.package import add_visits_to_package, package_visits
    from judgebox.gui.field.findings import VisitFindings

    pkg = read_event_package(event_path)
    coordinator = keys.generate_key("Panitia SmartEco", role="coordinator")
    base = work / "base.jbevent"
    build_event_package(pkg.event, pkg.rubric_bytes, {}, coordinator, base)
    time.sleep(1.1)
    add_visits_to_package(base, [work / "budi.jbvisit"], coordinator, work / "updated.jbevent")
    view = VisitFindings()
    names = {i.id: i.name for i in opened.rubric.category("smart-environment").indicators}
    view.set_visits(package_visits(work / "updated.jbevent")["SE-01"], names)
    view.resize(900, 640)
    view.show()
    for _ in range(5):
        app.processEvents()
    view.grab().save(str(OUT / "field-findings-juror.png"))
    print("\n".join(str(p) for p in sorted(OUT.glob("field-*.png"))))
    sys.exit(0)


if __name__ == "__main__":
    main()
