"""The coordinator's desk end to end in the core: prepare, collect, board, merge, decide, write."""

from __future__ import annotations

import json

import pytest

from judgebox.core.desk import collect, prepare, results
from judgebox.core.desk.folder import open_desk
from judgebox.core.errors import ValidationError


def run(gen):
    """Drive a progress generator; return its value and check the progress is sane."""
    steps = []
    try:
        while True:
            steps.append(next(gen))
    except StopIteration as stop:
        assert steps and all(0 <= d <= t for d, t, _m in steps)
        return stop.value


def board_snapshot(desk):
    b = collect.board(desk)
    return {k: (c.state, c.revision) for k, c in b.cells.items()}, [(f.original, f.state) for f in b.files]


def test_desk_survives_reopening(tmp_path, dd):
    desk, _jurors, package = dd.make_desk(tmp_path)
    prepare.set_selection(desk, "LIV-04", "lolos", "dokumen lengkap")
    again = open_desk("smarteco-uji")
    assert again.entry("LIV-04").selection == "lolos" and again.entry("LIV-04").note == "dokumen lengkap"
    assert [j.name for j in again.jurors] == list(dd.AFFILIATIONS)
    assert again.package["path"] == str(package.resolve())
    ev = prepare.desk_event(again)
    assert ev.categories == ("smart-economy", "smart-living")
    assert len(ev.entries) == 7


def test_collecting_twice_changes_nothing(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    files = dd.all_files(package, jurors, tmp_path / "in")
    first = run(collect.collect_files(desk, files))
    assert len(first.added) == 3 and not first.already
    before = board_snapshot(desk)
    copies = tmp_path / "copies"
    copies.mkdir()
    for f in files:  # same content under other names
        (copies / ("copy-" + f.name)).write_bytes(f.read_bytes())
    second = run(collect.collect_files(desk, [*files, *copies.iterdir()]))
    assert second.added == [] and len(second.already) == 6
    desk = open_desk("smarteco-uji")
    assert len(desk.collected) == 3
    assert board_snapshot(desk) == before
    b = collect.board(desk)
    assert b.counts() == {"verified": 21}
    assert all(j.revision for j in b.jurors)
    # the ledger has each file once, however often it is collected
    assert sorted((r.name, r.revision) for r in b.ledger) == sorted((j.name, j.revision) for j in b.jurors)


def test_board_shows_missing_and_rejected_with_reason(tmp_path, dd):
    # Citra is not registered at the desk: her file is refused, naming the roster
    desk, jurors, package = dd.make_desk(tmp_path, register=("Dr. Siti Rahma", "Ir. Bambang Wijaya"))
    siti = dd.export_scores(package, jurors["Dr. Siti Rahma"],
                            {k: v for k, v in dd.SCORES["Dr. Siti Rahma"].items() if k != "ECO-03"},
                            tmp_path / "siti.jbscore")
    citra = dd.export_scores(package, jurors["Citra Lestari, M.Si"], dd.SCORES["Citra Lestari, M.Si"],
                             tmp_path / "citra.jbscore")
    garbage = tmp_path / "rusak.jbscore"
    garbage.write_bytes(b"{not json")
    report = run(collect.collect_files(desk, [siti, citra, garbage, tmp_path / "entries.csv"]))
    # the summary counts what happened: one new and verified, two kept but rejected, one not collected
    assert report.added == [str(siti)] and len(report.rejected) == 2 and len(report.refused) == 1
    b = collect.board(desk)
    states = {f.original: f for f in b.files}
    assert states["siti.jbscore"].state == "verified"
    assert states["citra.jbscore"].state == "rejected"
    assert "not in the jury of event smarteco-uji" in states["citra.jbscore"].reason
    assert states["rusak.jbscore"].state == "rejected" and states["rusak.jbscore"].reason
    siti_fp = jurors["Dr. Siti Rahma"].identity.fingerprint
    citra_fp = jurors["Citra Lestari, M.Si"].identity.fingerprint
    bambang_fp = jurors["Ir. Bambang Wijaya"].identity.fingerprint
    assert b.cell(siti_fp, "ECO-03").state == "missing"
    assert b.cell(siti_fp, "ECO-01").state == "verified"
    assert b.cell(bambang_fp, "LIV-01").state == "missing"
    cell = b.cell(citra_fp, "LIV-01")
    assert cell.state == "rejected" and "not in the jury" in cell.reason
    # registering her afterwards turns the same collected file into a verified one
    pub = tmp_path / "citra.pub"
    from judgebox.core.identity.keys import write_public_key
    write_public_key(jurors["Citra Lestari, M.Si"].identity, pub)
    prepare.add_juror_pub(desk, pub)
    assert collect.board(desk).cell(citra_fp, "LIV-01").state == "verified"


def test_typed_fingerprint_pins_the_juror(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path, register=())
    key = jurors["Ir. Bambang Wijaya"]
    with pytest.raises(ValidationError, match="not a fingerprint"):
        prepare.add_juror_fingerprint(desk, "Bambang", "ABCD-1234")
    prepare.add_juror_fingerprint(desk, "Ir. Bambang Wijaya", key.identity.fingerprint.lower().replace("-", " "),
                                  "dunia usaha")
    f = dd.export_scores(package, key, dd.SCORES["Ir. Bambang Wijaya"], tmp_path / "b.jbscore")
    run(collect.collect_files(desk, [f]))
    assert collect.board(desk).files[0].state == "verified"


def test_later_revision_wins_on_the_board(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    key = jurors["Dr. Siti Rahma"]
    store = tmp_path / "siti.sqlite"
    scores = dict(dd.SCORES["Dr. Siti Rahma"])
    r1 = dd.export_scores(package, key, {"LIV-01": scores["LIV-01"]}, tmp_path / "r1.jbscore", final=False,
                          store_path=store)
    r2 = dd.export_scores(package, key, scores, tmp_path / "r2.jbscore", store_path=store)
    run(collect.collect_files(desk, [r2, r1]))
    b = collect.board(desk)
    fp = key.identity.fingerprint
    revisions = {f.original: f.revision for f in b.files}
    assert revisions["r2.jbscore"] > revisions["r1.jbscore"]
    assert b.cell(fp, "LIV-04").state == "verified" and b.cell(fp, "LIV-04").revision == revisions["r2.jbscore"]
    assert {f.original: f.state for f in b.files} == {"r1.jbscore": "superseded", "r2.jbscore": "verified"}


def test_tie_decision_changes_the_ranking_and_is_recorded(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    run(collect.collect_files(desk, dd.all_files(package, jurors, tmp_path / "in")))
    before = results.merge_desk(desk).category("smart-living")
    ranks = {e["id"]: e["rank"] for e in before["entries"]}
    assert ranks["LIV-02"] == ranks["LIV-03"] == 2
    assert any(f["kind"] == "tie" for e in before["entries"] if e["id"] == "LIV-03" for f in e["flags"])
    reason = "LIV-03 melibatkan warga lebih luas (keputusan rapat pleno juri)"
    results.add_decision(desk, "smart-living", ["LIV-03", "LIV-02"], reason)
    after = results.merge_desk(open_desk("smarteco-uji"))
    cat = after.category("smart-living")
    ranks = {e["id"]: e["rank"] for e in cat["entries"]}
    assert (ranks["LIV-03"], ranks["LIV-02"]) == (2, 3)
    assert [d["reason"] for d in cat["decisions"] if d["kind"] == "tie"] == [reason]
    assert after.unapplied == []
    with pytest.raises(ValidationError, match="reason"):
        results.add_decision(desk, "smart-living", ["LIV-03", "LIV-02"], "  ")


def test_method_comparison_shows_rank_moves(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    run(collect.collect_files(desk, dd.all_files(package, jurors, tmp_path / "in")))
    moves = results.compare_methods(desk)
    eco = {m.entry_id: m for m in moves["smart-economy"]}
    # Citra alone loves ECO-03: the median ignores her, the mean does not
    assert eco["ECO-03"].ranks["mean"] == 2 and eco["ECO-03"].ranks["median"] == 3
    assert eco["ECO-03"].moved("mean", "median") == -1
    assert eco["ECO-02"].moved("mean", "median") == 1
    mean = results.merge_desk(desk, "mean").category("smart-economy")
    median = results.merge_desk(desk, "median").category("smart-economy")
    assert mean["entries"][1]["id"] == "ECO-03" and median["entries"][1]["id"] == "ECO-02"
    assert mean["agreement"]["kendall_w"] is not None


def test_write_reports_minutes_carry_the_decision(tmp_path, dd):
    import fitz
    from openpyxl import load_workbook

    desk, jurors, package = dd.make_desk(tmp_path)
    run(collect.collect_files(desk, dd.all_files(package, jurors, tmp_path / "in")))
    reason = "presentasi LIV-02 lebih lengkap datanya"
    results.add_decision(desk, "smart-living", ["LIV-02", "LIV-03"], reason)
    key = keys_for_test()
    paths = run(results.write_reports(desk, tmp_path / "ba.pdf", tmp_path / "rekap.xlsx", key=key))
    res = json.loads(paths[0].read_text())
    assert res["verification"] and res["categories"] and res["event"]["signer"]["name"] == "Panitia"
    text = " ".join(page.get_text() for page in fitz.open(paths[1]))
    assert reason in " ".join(text.split())
    assert load_workbook(paths[2]).sheetnames
    from judgebox.core.merge.results import verify_results
    from judgebox.core.report.attest import verify_minutes

    trusted = [key.identity.fingerprint]
    assert verify_minutes(paths[1], trusted=trusted).code == verify_results(res, "r", trusted=trusted).code
    # the ledger now holds every file used, so an older revision later is refused at the desk
    assert len(collect.board(desk).ledger) == 3


def test_write_reports_with_a_rejected_file_only_when_accepted(tmp_path, dd):
    from judgebox.core.identity.keys import generate_key

    desk, jurors, package = dd.make_desk(tmp_path)
    files = dd.all_files(package, jurors, tmp_path / "in")
    stranger = dd.export_scores(package, generate_key("Orang Lain"), dd.SCORES["Dr. Siti Rahma"],
                                tmp_path / "lain.jbscore")
    report = run(collect.collect_files(desk, [*files, stranger]))
    assert [p for p, _why in report.rejected] == [str(stranger)]
    pdf = tmp_path / "ba.pdf"
    with pytest.raises(ValidationError, match="1 file"):
        run(results.write_reports(desk, pdf, None, key=keys_for_test()))
    assert not pdf.exists() and not (desk.folder / "results.json").exists()
    paths = run(results.write_reports(desk, pdf, None, key=keys_for_test(), accept_rejections=True))
    res = json.loads(paths[0].read_text())
    assert res["accepted_rejections"] is True and res["rejected"][0]["file"] == "lain.jbscore"


def test_build_refuses_undecided_failed_entries_and_prints_sheets(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    desk.entry("LIV-04").check = {"passed": False, "errors": ["surat pernyataan tidak ada"], "warnings": []}
    with pytest.raises(ValidationError, match="LIV-04"):
        run(prepare.build_package(desk, jurors["Dr. Siti Rahma"], tmp_path / "x.jbevent"))
    prepare.set_selection(desk, "LIV-04", "tidak-lolos", "tanpa surat pernyataan")
    assert "LIV-04" not in {e.id for e in prepare.desk_event(desk).entries}
    fp = jurors["Dr. Siti Rahma"].identity.fingerprint
    prepare.assign(desk, "smart-living", [fp])
    sheets = run(prepare.print_score_sheets(desk, tmp_path / "sheets"))
    names = sorted(p.name for p in sheets)
    assert len(names) == 1 + 3  # living: Siti only; economy: every juror
    assert all(p.stat().st_size > 1000 for p in sheets)


def test_conflict_is_left_out(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    fp = jurors["Citra Lestari, M.Si"].identity.fingerprint
    prepare.set_conflict(desk, "ECO-03", fp)
    run(collect.collect_files(desk, dd.all_files(package, jurors, tmp_path / "in")))
    assert collect.board(desk).cell(fp, "ECO-03").state == "conflict"
    eco3 = next(e for e in results.merge_desk(desk).category("smart-economy")["entries"] if e["id"] == "ECO-03")
    assert fp in eco3["conflicts"]


def test_bundles_are_checked_and_kept_by_hash(tmp_path, dd):
    import importlib.util
    from pathlib import Path

    from judgebox.core.bundle.make import make_bundle
    from judgebox.core.desk.folder import create_desk

    spec = importlib.util.spec_from_file_location("guiconf", Path(__file__).parents[1] / "gui" / "conftest.py")
    gc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gc)
    desk = create_desk("bundles-uji", "Uji")
    prepare.set_rubric(desk, dd.RUBRIC)
    made = []
    for eid, letter in (("LIV-01", True), ("LIV-02", False)):
        folder = tmp_path / eid
        folder.mkdir()
        (folder / "entry.toml").write_text(f'id = "{eid}"\ncategory = "smart-living"\nparticipant = "P {eid}"\n'
                                           f'[links]\nvideo = "https://youtu.be/x{eid}"\n', encoding="utf-8")
        deck = gc.small_deck(folder / "deck.pptx", gc.SECTIONS)
        docs = [gc.letter(folder / "surat-pernyataan.pdf")] if letter else []
        make_bundle(folder / "entry.toml", deck, docs, tmp_path / f"{eid}.jbx", pdf=False)
        made.append(tmp_path / f"{eid}.jbx")
    junk = tmp_path / "junk.jbx"
    junk.write_bytes(b"not a zip")
    refused = run(prepare.add_bundles(desk, [*made, junk]))
    assert [Path(p).name for p, _why in refused] == ["junk.jbx"]
    ok, bad = desk.entry("LIV-01"), desk.entry("LIV-02")
    assert ok.check["passed"] is True
    assert bad.check["passed"] is False and bad.check["errors"]
    assert (desk.folder / ok.bundle).is_file() and ok.bundle.endswith(f"{ok.bundle_sha256}.jbx")
    prepare.set_selection(desk, "LIV-02", "lolos", "surat menyusul")
    run(prepare.add_bundles(desk, made))  # adding again keeps the decision and stores nothing new
    assert desk.entry("LIV-02").selection == "lolos"
    assert len(list((desk.folder / "bundles").iterdir())) == 2
    key = keys_for_test()
    pkg = run(prepare.build_package(desk, key, tmp_path / "e.jbevent"))
    assert set(pkg.bundle_members) == {"LIV-01", "LIV-02"}
    from judgebox.core.event.package import read_event_package
    assert read_event_package(tmp_path / "e.jbevent").event.entry("LIV-01").bundle_sha256 == ok.bundle_sha256


def keys_for_test():
    from judgebox.core.identity import keys

    return keys.generate_key("Panitia", "pemerintah", "coordinator")


def test_registration_folder_becomes_checked_entries(tmp_path, dd):
    import importlib.util
    from pathlib import Path

    from judgebox.core.desk.folder import create_desk

    spec = importlib.util.spec_from_file_location("guiconf", Path(__file__).parents[1] / "gui" / "conftest.py")
    gc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gc)
    root = tmp_path / "pendaftaran"
    root.mkdir()
    (root / "pendaftar.csv").write_text(
        "No;Kategori;Nama Peserta;Instansi;Kontak;Link Video;Website;Media Sosial\n"
        "L01;Smart Living;Kelurahan Jatiasih;Kec. Jatiasih;0812;https://youtu.be/a;;\n"
        "L02;Smart Living;Kelurahan Bintara;;;https://youtu.be/b;;\n", encoding="utf-8")
    for folder, letter in (("L01", True), ("L02", False)):
        (root / folder).mkdir()
        gc.small_deck(root / folder / "Materi Presentasi.pptx", gc.SECTIONS)
        if letter:
            gc.letter(root / folder / "Surat Pernyataan Kesanggupan.pdf")
    desk = create_desk("reg-uji", "Uji")
    prepare.set_rubric(desk, dd.RUBRIC)
    refused = run(prepare.import_registration_folder(desk, root))
    assert refused == []
    assert {e.id: e.check["passed"] for e in desk.entries} == {"L01": True, "L02": False}
    assert desk.entry("L01").organisation == "Kec. Jatiasih"


def test_paper_juror_transcription_is_signed_and_marked(tmp_path, dd):
    from judgebox.core.desk import transcribe

    desk, jurors, package = dd.make_desk(tmp_path)
    paper = transcribe.add_paper_juror(desk, "Hj. Nurhayati", "masyarakat", "sandi-kertas-1")
    list(prepare.build_package(desk, jurors["Dr. Siti Rahma"], tmp_path / "again.jbevent"))
    sheet = tmp_path / "nurhayati.csv"
    sheet.write_text("entry_id,indicator_id,score\n" + "".join(
        f"LIV-01,{ind},{v}\n" for ind, v in zip(dd.IND, (12, 20, 15, 20, 12), strict=True)), encoding="utf-8")
    out, report = run(transcribe.transcribe(desk, paper.fingerprint, sheet, "sandi-kertas-1"))
    assert report.added == [str(out)]
    b = collect.board(desk)
    cell = b.cell(paper.fingerprint, "LIV-01")
    first = cell.revision
    assert cell.state == "verified" and cell.transcribed and out.name == f"hj-nurhayati-r{first}.jbscore"
    assert b.cell(paper.fingerprint, "LIV-02").state == "missing"
    # the second paper sheet is the next revision
    sheet.write_text("entry_id,indicator_id,score\n" + "".join(
        f"LIV-02,{ind},{v}\n" for ind, v in zip(dd.IND, (10, 18, 14, 18, 10), strict=True)), encoding="utf-8")
    run(transcribe.transcribe(desk, paper.fingerprint, sheet, "sandi-kertas-1"))
    b = collect.board(desk)
    assert b.cell(paper.fingerprint, "LIV-02").revision > first
    assert b.cell(paper.fingerprint, "LIV-01").state == "verified"
    row = next(j for e in results.merge_desk(desk).category("smart-living")["entries"] if e["id"] == "LIV-01"
               for j in e["jurors"] if j["fingerprint"] == paper.fingerprint)
    assert row["transcribed"] is True and row["total"] == 79
    from judgebox.core.errors import PassphraseError
    with pytest.raises(PassphraseError):
        run(transcribe.transcribe(desk, paper.fingerprint, sheet, "salah"))


def test_a_damaged_desk_file_is_one_clear_line(tmp_path, dd):
    desk, _jurors, _package = dd.make_desk(tmp_path)
    path = desk.folder / "desk.json"
    good = json.loads(path.read_text())
    bad = dict(good, collected=[{"file": "../../etc/passwd", "sha256": "0" * 64, "original": "x"}])
    path.write_text(json.dumps(bad))
    with pytest.raises(ValidationError, match=r"desk.json: collected\[0\].file: not a file kept by the desk"):
        open_desk("smarteco-uji")
    bad = dict(good, entries=[dict(good["entries"][0], selection="mungkin")])
    path.write_text(json.dumps(bad))
    with pytest.raises(ValidationError, match=r"entries\[0\].selection"):
        open_desk("smarteco-uji")
    path.write_text("{")
    with pytest.raises(ValidationError, match="not a desk file"):
        open_desk("smarteco-uji")


def test_selection_summary_carries_the_committee_decision(tmp_path, dd):
    import importlib.util
    from pathlib import Path

    import fitz
    from openpyxl import load_workbook

    from judgebox.core.bundle.make import make_bundle
    from judgebox.core.desk.folder import create_desk

    spec = importlib.util.spec_from_file_location("guiconf", Path(__file__).parents[1] / "gui" / "conftest.py")
    gc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gc)
    desk = create_desk("seleksi-uji", "Festival Seleksi", location="Bekasi")
    prepare.set_rubric(desk, dd.RUBRIC)
    made = []
    for eid, letter in (("LIV-01", True), ("LIV-02", False)):
        folder = tmp_path / eid
        folder.mkdir()
        (folder / "entry.toml").write_text(f'id = "{eid}"\ncategory = "smart-living"\nparticipant = "Peserta {eid}"\n'
                                           f'[links]\nvideo = "https://youtu.be/x{eid}"\n', encoding="utf-8")
        deck = gc.small_deck(folder / "deck.pptx", gc.SECTIONS)
        docs = [gc.letter(folder / "surat-pernyataan.pdf")] if letter else []
        make_bundle(folder / "entry.toml", deck, docs, tmp_path / f"{eid}.jbx", pdf=False)
        made.append(tmp_path / f"{eid}.jbx")
    run(prepare.add_bundles(desk, made))
    prepare.set_selection(desk, "LIV-02", "lolos", "surat pernyataan menyusul, disetujui rapat panitia")
    pdf, xlsx = run(prepare.write_selection_summary(desk, tmp_path / "seleksi.pdf", tmp_path / "seleksi.xlsx"))
    text = " ".join(" ".join(p.get_text() for p in fitz.open(pdf)).split())
    assert "surat pernyataan menyusul, disetujui rapat panitia" in text
    assert "2 entries checked, 2 pass, 0 do not pass" in text
    assert load_workbook(xlsx).sheetnames


def test_a_registered_juror_who_sent_nothing_is_flagged(tmp_path, dd):
    desk, jurors, package = dd.make_desk(tmp_path)
    files = dd.all_files(package, jurors, tmp_path / "in")
    run(collect.collect_files(desk, files[:2]))  # Citra's file has not arrived
    living = results.merge_desk(desk).category("smart-living")
    flags = [f for f in living["entries"][0]["flags"] if f["kind"] == "missing-juror"]
    assert flags and "Citra Lestari" in flags[0]["message"]
    b = collect.board(desk)
    assert b.cell(jurors["Citra Lestari, M.Si"].identity.fingerprint, "LIV-01").state == "missing"


def test_starting_a_desk_from_a_package_trusts_only_a_known_coordinator(tmp_path, dd):
    """A package built elsewhere comes with its jury; one signed by an unknown key needs its
    fingerprint confirmed first."""
    import shutil

    from judgebox.core.errors import IntegrityError
    from judgebox.core.event.package import read_event_package

    desk, jurors, package = dd.make_desk(tmp_path)
    shutil.rmtree(desk.folder)  # another coordinator's laptop: no desk for this event yet
    signer = read_event_package(package).signer
    with pytest.raises(IntegrityError, match=f"signed by key {signer.fingerprint}"):
        prepare.import_package(package)
    imported = prepare.import_package(package, [signer.fingerprint])
    assert sorted(j.name for j in imported.jurors) == sorted(jurors)
    assert {j.role for j in imported.jurors} == {"juror"}
    assert prepare.desk_event(imported).jury == read_event_package(package).event.jury
