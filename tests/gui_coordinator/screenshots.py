"""Screenshots of the coordinator window on realistic data (not a test).

    Xvfb :99 -screen 0 1600x1000x24 &
    DISPLAY=:99 .venv/bin/python tests/gui_coordinator/screenshots.py /tmp/shots

Builds a desk in a temporary profile: SmartEco rubric, bundles for the Smart
Living entries (one without its statement letter, so it fails the check), CSV
entries for Smart Economy, three jurors (two .pub, one typed fingerprint), a
conflict, the signed files (one juror's older draft revision, a damaged file,
a stranger's file), a tie decision; then grabs each tab, in Indonesian.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(out_dir: str) -> None:
    from judgebox.core import i18n, paths

    tmp = Path(tempfile.mkdtemp(prefix="jb-shots-"))
    paths.set_data_dir(tmp / "profile")
    i18n.set_language(sys.argv[2] if len(sys.argv) > 2 else "id")
    dd = _load("deskdata", HERE.parent / "desk" / "deskdata.py")
    guiconf = _load("guiconf", HERE.parent / "gui" / "conftest.py")

    from judgebox.core.bundle.make import make_bundle
    from judgebox.core.desk import collect, prepare, results
    from judgebox.core.identity import keys

    desk, jurors, _pkg = dd.make_desk(tmp, register=("Dr. Siti Rahma", "Ir. Bambang Wijaya"))
    citra = jurors["Citra Lestari, M.Si"]
    prepare.add_juror_fingerprint(desk, citra.identity.name, citra.identity.fingerprint, "masyarakat")
    bundles = []
    for eid, cat, name, org in dd.ENTRIES[:4]:
        folder = tmp / eid
        folder.mkdir()
        (folder / "entry.toml").write_text(f'id = "{eid}"\ncategory = "{cat}"\nparticipant = "{name}"\n'
                                           f'organisation = "{org}"\n[links]\nvideo = "https://youtu.be/x{eid}"\n',
                                           encoding="utf-8")
        deck = guiconf.small_deck(folder / "deck.pptx", guiconf.SECTIONS)
        docs = [] if eid == "LIV-04" else [guiconf.letter(folder / "surat-pernyataan.pdf")]
        make_bundle(folder / "entry.toml", deck, docs, tmp / f"{eid}.jbx", pdf=False)
        bundles.append(tmp / f"{eid}.jbx")
    list(prepare.add_bundles(desk, bundles))
    prepare.set_selection(desk, "LIV-01", "lolos")
    prepare.set_selection(desk, "LIV-02", "lolos")
    prepare.set_selection(desk, "LIV-03", "lolos", "video 3 menit 10 detik, diterima")
    prepare.set_selection(desk, "LIV-04", "lolos", "surat pernyataan menyusul, disetujui panitia")
    prepare.set_conflict(desk, "ECO-02", jurors["Ir. Bambang Wijaya"].identity.fingerprint)
    coordinator = keys.generate_key("Panitia SmartEco", "pemerintah", "coordinator")
    package = tmp / "smarteco.jbevent"
    list(prepare.build_package(desk, coordinator, package))

    inbox = tmp / "inbox"
    inbox.mkdir()
    files = []
    siti_store = tmp / "siti.sqlite"
    files.append(dd.export_scores(package, jurors["Dr. Siti Rahma"], {"LIV-01": (15, 22, 16, 17, 12)},
                                  inbox / "siti-r1.jbscore", final=False, store_path=siti_store))
    files.append(dd.export_scores(package, jurors["Dr. Siti Rahma"], dd.SCORES["Dr. Siti Rahma"],
                                  inbox / "siti-r2.jbscore", store_path=siti_store))
    bambang = {k: v for k, v in dd.SCORES["Ir. Bambang Wijaya"].items() if k not in ("ECO-02", "ECO-03")}
    files.append(dd.export_scores(package, jurors["Ir. Bambang Wijaya"], bambang, inbox / "bambang.jbscore"))
    files.append(dd.export_scores(package, citra, dd.SCORES["Citra Lestari, M.Si"], inbox / "citra.jbscore"))
    stranger = keys.generate_key("Juri Tamu", "akademisi")
    files.append(dd.export_scores(package, stranger, {"ECO-01": (12, 18, 12, 12, 9)}, inbox / "juri-tamu.jbscore"))
    bad = inbox / "citra-rusak.jbscore"
    bad.write_bytes(files[3].read_bytes()[:-60])
    files.append(bad)
    list(collect.collect_files(desk, files))
    from judgebox.core.desk import transcribe

    paper = transcribe.add_paper_juror(desk, "Hj. Nurhayati, S.Sos", "masyarakat", "sandi-kertas-1")
    prepare.assign(desk, "smart-living", [j.fingerprint for j in desk.jurors])
    prepare.assign(desk, "smart-economy", [j.fingerprint for j in desk.jurors[:3]])
    sheet = tmp / "nurhayati.csv"
    sheet.write_text("entry_id,indicator_id,score\n" + "".join(
        f"{e},{ind},{v}\n" for e, vals in (("LIV-01", (14, 21, 16, 18, 12)), ("LIV-02", (12, 19, 14, 17, 10)),
                                          ("LIV-03", (12, 19, 14, 17, 10)))
        for ind, v in zip(dd.IND, vals, strict=True)), encoding="utf-8")
    list(transcribe.transcribe(desk, paper.fingerprint, sheet, "sandi-kertas-1"))

    from judgebox.gui.app import make_qapp
    from judgebox.gui.coordinator.window import CoordinatorWindow

    app = make_qapp()
    win = CoordinatorWindow(desk)
    win.resize(1560, 940)
    win.show()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        win.grab().save(str(out / f"coordinator-{name}.png"))

    shot("persiapan")
    win.show_tab(1)
    shot("pengumpulan")
    win.show_tab(2)
    win.results.category.setCurrentIndex(win.results.category.findData("smart-living"))
    shot("hasil-seri")
    results.add_decision(desk, "smart-living", ["LIV-03", "LIV-02"],
                         "LIV-03 melibatkan lebih banyak warga; diputuskan rapat pleno dewan juri")
    win.results.refresh()
    win.results.resolve_tie  # noqa: B018 - the dialog itself is grabbed below from a fresh tie
    shot("hasil-keputusan")
    win.results.category.setCurrentIndex(win.results.category.findData("smart-economy"))
    shot("hasil-metode")
    # the tie dialog on its own
    results.remove_decision(desk, "smart-living", ["LIV-03", "LIV-02"])
    win.results.refresh()
    win.results.category.setCurrentIndex(win.results.category.findData("smart-living"))
    dialog = win.results.resolve_tie()
    dialog.reason.setPlainText("LIV-03 melibatkan lebih banyak warga; diputuskan rapat pleno dewan juri")
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(out / "coordinator-dialog-seri.png"))
    dialog.reject()
    print(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
