"""The trust chain attacked through the real commands, as a dishonest juror, a field team member,
a stranger and a hurried coordinator would (issue 14; docs/trust.md). Each attack is refused with
one clear line and a non-zero exit, and nothing is half-written.

The keys, event packages and score files are made with the core (real keys, real signatures,
real files); every check runs the real ``judgebox verify`` / ``judgebox merge``.
"""

from __future__ import annotations

import base64
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from judgebox.core.event.model import JuryMember, with_jury
from judgebox.core.event.package import build_event_package
from judgebox.core.identity.keys import generate_key, save_key, write_public_key
from judgebox.core.rubric.loader import find_rubric, load_rubric
from judgebox.core.scoring.scorefile import sheet_to_payload, write_score_file
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

PW = {"JUDGEBOX_PASSPHRASE": "panitia-rahasia-2025"}  # tests/conftest.py's coordinator fixture
IND = ("baseline", "output", "outcome", "impact", "quick-win")


def sc(*values):
    return dict(zip(IND, values, strict=True))


class Round:
    """An event with a signed jury: Ani and Budi judge smart-living, Citra smart-economy only, and
    a field team member; plus helpers to write score files and run the verbs."""

    def __init__(self, tmp: Path, coordinator, run_cli):
        self.tmp, self.coordinator, self.run_cli = tmp, coordinator, run_cli
        self.rubric_path = find_rubric("smarteco-bekasi-2025")
        self.rubric = load_rubric(self.rubric_path)
        self.ani, self.budi, self.citra = (generate_key(n, "akademisi") for n in ("Ani", "Budi", "Citra"))
        self.field = generate_key("Tim Lapangan", role="field")
        from judgebox.core.event.model import EntryRef, Event

        event = Event(id="se-2025", title="SmartEco 2025", rubric_id=self.rubric.id, rubric_sha256="",
                      entries=(EntryRef("liv-1", "smart-living", "Kelurahan Jatiasih"),
                               EntryRef("liv-2", "smart-living", "Kelurahan Bintara"),
                               EntryRef("eco-1", "smart-economy", "UMKM Digital")),
                      categories=("smart-economy", "smart-living"))
        jury = (JuryMember(self.ani.identity.fingerprint, "Dr. Ani Wijaya", public_key=self.ani.identity.public_key,
                           categories=("smart-living",)),
                JuryMember(self.budi.identity.fingerprint, "Ir. Budi Santoso", public_key=self.budi.identity.public_key,
                           categories=("smart-living",)),
                JuryMember(self.citra.identity.fingerprint, "Citra Lestari", categories=("smart-economy",)),
                JuryMember(self.field.identity.fingerprint, "Tim Lapangan", role="field",
                           public_key=self.field.identity.public_key))
        self.event = with_jury(event, jury)
        self.package = tmp / "se.jbevent"
        self.pkg = build_event_package(self.event, self.rubric_path.read_bytes(), {}, coordinator, self.package)
        self.event = self.pkg.event

    def score(self, key, scores: dict, name: str, *, revision: int = 5, status: str = "final") -> Path:
        sheet = ScoreSheet(event_id=self.event.id, rubric_id=self.rubric.id, rubric_sha256=self.rubric.sha256,
                           juror=key.identity, revision=revision, created="2025-10-24T09:00:00Z",
                           entries=[EntryScores(entry_id=e, status=status, scores=s) for e, s in scores.items()])
        out = self.tmp / name
        write_score_file(sheet, key, out)
        return out

    def living(self, key, name: str, value: int = 15, **kw) -> Path:
        return self.score(key, {"liv-1": sc(value, 20, 15, 15, 10), "liv-2": sc(10, 15, 10, 10, 8)}, name, **kw)

    def merge(self, *files, extra=(), out: Path | None = None, env=None):
        out = out or self.tmp / "results.json"
        return self.run_cli("merge", "--event", str(self.package), "--out", str(out), *extra, *map(str, files),
                            env={**PW, **(env or {})})


@pytest.fixture
def rnd(tmp_path, coordinator, run_cli) -> Round:
    return Round(tmp_path, coordinator, run_cli)


def one_refusal(proc, file: Path, needle: str) -> str:
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(f"REJECTED {file}:")), "")
    assert needle in line, proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    return line


def test_a_field_team_key_in_the_roster_cannot_sign_scores(tmp_path, rnd, run_cli):
    """The README used to put the field team's .pub in the jurors' roster: its score file was averaged in."""
    old_event = replace(rnd.event, jury=(), jurors={}, conflicts={})
    package = tmp_path / "old.jbevent"
    build_event_package(old_event, rnd.rubric_path.read_bytes(), {}, rnd.coordinator, package)
    roster = tmp_path / "roster"
    roster.mkdir()
    for key in (rnd.ani, rnd.budi, rnd.field):
        write_public_key(key.identity, roster / f"{key.identity.name}.pub")
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(rnd.budi, "budi.jbscore"),
             rnd.living(rnd.field, "lapangan.jbscore", value=15)]
    out = tmp_path / "results.json"
    proc = run_cli("merge", "--event", str(package), "--roster", str(roster), "--out", str(out), *map(str, files),
                   env=PW)
    one_refusal(proc, files[2], "appointed as a field team member: only a juror may sign score files")
    assert not out.exists()
    # verify says the same, in the same words
    proc = run_cli("verify", "--event", str(package), "--roster", str(roster), str(files[2]))
    assert proc.returncode == 1
    assert "only a juror may sign score files" in proc.stdout.splitlines()[-1]


def test_without_a_jury_or_a_roster_nothing_is_trusted(tmp_path, rnd, run_cli):
    old_event = replace(rnd.event, jury=(), jurors={}, conflicts={})
    package = tmp_path / "old.jbevent"
    build_event_package(old_event, rnd.rubric_path.read_bytes(), {}, rnd.coordinator, package)
    self_made = generate_key("Siapa Saja")
    f = rnd.living(self_made, "siapa.jbscore")
    for verb in (("verify", "--event", str(package)), ("merge", "--event", str(package), "--out",
                                                       str(tmp_path / "r.json"))):
        proc = run_cli(*verb, str(f), env=PW)
        assert proc.returncode == 1 and "names no jury: give --roster" in proc.stderr
        assert "OK" not in proc.stdout and not (tmp_path / "r.json").exists()


def test_a_package_rebuilt_by_someone_else_is_refused(tmp_path, rnd, run_cli):
    """Same event id, the winner renamed, signed by another key: merge must not use it."""
    mallory = generate_key("Panitia Uji", role="coordinator")  # even under the coordinator's name
    forged_event = replace(rnd.event, entries=tuple(
        replace(e, name="Pemenang Titipan") if e.id == "liv-2" else e for e in rnd.event.entries))
    forged = tmp_path / "forged.jbevent"
    build_event_package(forged_event, rnd.rubric_path.read_bytes(), {}, mallory, forged)
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(rnd.budi, "budi.jbscore")]
    out = tmp_path / "results.json"
    for verb in (("merge", "--out", str(out)), ("verify",)):
        proc = run_cli(verb[0], "--event", str(forged), *verb[1:], *map(str, files), env=PW)
        assert proc.returncode == 1 and not out.exists()
        assert f"signed by key {mallory.identity.fingerprint}, which is neither this profile's coordinator key" \
               in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    # a coordinator who checked the fingerprint can name it; the merge then says who signed
    proc = run_cli("merge", "--event", str(forged), "--signer", mallory.identity.fingerprint, "--out", str(out),
                   *map(str, files), env=PW)
    assert proc.returncode == 0, proc.stderr
    assert f"event signed by Panitia Uji {mallory.identity.fingerprint}" in proc.stdout


def test_the_name_printed_is_the_jurys_not_the_files(rnd, tmp_path):
    """Budi signs his own file under Ani's name: the results and the minutes still say Budi."""
    impostor = replace(rnd.budi, identity=replace(rnd.budi.identity, name="Dr. Ani Wijaya"))
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(impostor, "budi.jbscore", value=14)]
    minutes = tmp_path / "ba.pdf"
    proc = rnd.merge(*files, extra=("--minutes", str(minutes)))
    assert proc.returncode == 0, proc.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert sorted(j["name"] for j in results["jurors"]) == ["Dr. Ani Wijaya", "Ir. Budi Santoso"]
    row = next(j for c in results["categories"] for e in c["entries"] for j in e["jurors"]
               if j["fingerprint"] == rnd.budi.identity.fingerprint)
    assert row["name"] == "Ir. Budi Santoso"


def test_a_juror_scores_only_the_categories_appointed(rnd):
    """Citra judges smart-economy only; her scores for a friend in smart-living are refused."""
    f = rnd.score(rnd.citra, {"eco-1": sc(15, 20, 15, 15, 10), "liv-2": sc(15, 25, 20, 25, 15)}, "citra.jbscore")
    proc = rnd.merge(rnd.living(rnd.ani, "ani.jbscore"), f)
    one_refusal(proc, f, "Citra Lestari scored entry liv-2 in category smart-living, which they were not "
                         "appointed to judge (appointed: smart-economy)")
    # her own app leaves such scores out of the file it signs, and says so, so her file still counts
    pw = {"JUDGEBOX_PASSPHRASE": "kata-sandi-juri-1"}
    key_path = rnd.tmp / "citra.key"
    save_key(rnd.citra, key_path, None, pw["JUDGEBOX_PASSPHRASE"])
    csv = rnd.tmp / "nilai.csv"
    csv.write_text("entry_id,indicator_id,score\n" + "".join(f"{e},{i},10\n" for e in ("eco-1", "liv-2") for i in IND))
    base = ("--data-dir", str(rnd.tmp / "citra-profile"))
    rnd.run_cli(*base, "event", "open", str(rnd.package), check=True)
    rnd.run_cli(*base, "score", "import", "--key", str(key_path), "--event", "se-2025", "--csv", str(csv), "--final",
                env=pw, check=True)
    out = rnd.tmp / "citra-app.jbscore"
    proc = rnd.run_cli(*base, "score", "export", "--key", str(key_path), "--event", "se-2025", "--out", str(out),
                       env=pw, check=True)
    assert "Left out, not in the categories the jury appoints you to (1): liv-2" in proc.stdout
    assert rnd.run_cli("verify", "--event", str(rnd.package), str(out)).returncode == 0
    # a key the jury does not know is told at export, not only at the coordinator's desk
    outsider = rnd.tmp / "luar.key"
    save_key(generate_key("Orang Luar"), outsider, None, pw["JUDGEBOX_PASSPHRASE"])
    rnd.run_cli(*base, "score", "import", "--key", str(outsider), "--event", "se-2025", "--csv", str(csv),
                env=pw, check=True)
    proc = rnd.run_cli(*base, "score", "export", "--key", str(outsider), "--event", "se-2025", "--out",
                       str(rnd.tmp / "luar.jbscore"), env=pw)
    assert "Your key is not in this event's jury" in proc.stderr


def test_a_stranger_and_a_borrowed_key_id_are_refused(rnd):
    stranger = generate_key("Dr. Ani Wijaya")
    own = rnd.living(stranger, "stranger.jbscore")
    proc = rnd.merge(rnd.living(rnd.ani, "ani.jbscore"), own)
    one_refusal(proc, own, "which is not in the jury of event se-2025: not counted")
    # the same file claiming Ani's key id (and Ani's identity inside): the signature is Ani's key's to check
    env = json.loads(own.read_bytes())
    payload = json.loads(base64.b64decode(env["payload"]))
    payload["juror"] = json.loads(sheet_to_payload(ScoreSheet(
        "x", "y", "z", rnd.ani.identity, 1, ""))).get("juror")
    env["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    env["signatures"][0]["keyid"] = rnd.ani.identity.fingerprint
    borrowed = rnd.tmp / "borrowed.jbscore"
    borrowed.write_text(json.dumps(env))
    proc = rnd.merge(rnd.living(rnd.budi, "budi.jbscore"), borrowed)
    one_refusal(proc, borrowed, "the signature does not match the contents")


def test_revisions_cannot_be_rolled_back_or_replaced(rnd, tmp_path):
    r5 = rnd.living(rnd.ani, "ani-r5.jbscore", revision=5)
    r7 = rnd.living(rnd.ani, "ani-r7.jbscore", revision=7, value=13)
    budi = rnd.living(rnd.budi, "budi.jbscore")
    out = tmp_path / "results.json"
    assert rnd.merge(r5, r7, budi).returncode == 0
    accepted = out.read_bytes()
    # the older revision alone, after the newer one was merged: refused, naming both
    proc = rnd.merge(r5, budi)
    line = one_refusal(proc, r5, "revision 5 is older than revision 7 of Dr. Ani Wijaya accepted before")
    assert "ani-r7.jbscore" in line and out.read_bytes() == accepted
    # a different file under revision 7 (Ani, or whoever holds her key, signed two versions)
    other7 = rnd.living(rnd.ani, "ani-r7-lain.jbscore", revision=7, value=3)
    proc = rnd.merge(other7, budi)
    line = one_refusal(proc, other7, "revision 7 of Dr. Ani Wijaya was already accepted as another file")
    assert "ani-r7.jbscore" in line
    # the same files again are fine; a newer revision wins
    assert rnd.merge(r7, budi).returncode == 0
    assert rnd.merge(rnd.living(rnd.ani, "ani-r9.jbscore", revision=9), budi).returncode == 0


def test_a_fresh_profile_exports_a_higher_revision(tmp_path, run_cli, rnd):
    """A juror who re-scores in a fresh profile must not restart at revision 1 (the newer work would lose)."""
    pw = {"JUDGEBOX_PASSPHRASE": "kata-sandi-juri-1"}
    key_path = tmp_path / "ani.key"
    save_key(rnd.ani, key_path, None, pw["JUDGEBOX_PASSPHRASE"])
    csv = tmp_path / "nilai.csv"
    csv.write_text("entry_id,indicator_id,score\n" + "".join(f"liv-1,{i},10\n" for i in IND))
    revisions = []
    for profile in ("laptop-lama", "laptop-baru"):
        base = ("--data-dir", str(tmp_path / profile))
        run_cli(*base, "event", "open", str(rnd.package), check=True)
        run_cli(*base, "score", "import", "--key", str(key_path), "--event", "se-2025", "--csv", str(csv),
                "--final", env=pw, check=True)
        proc = run_cli(*base, "score", "export", "--key", str(key_path), "--event", "se-2025",
                       "--out", str(tmp_path / f"{profile}.jbscore"), env=pw, check=True)
        revisions.append(int(re.search(r"revision (\d+)", proc.stdout).group(1)))
    assert revisions[0] > 1 and revisions[1] >= revisions[0]


def test_signed_results_and_the_berita_acara_are_checked(rnd, tmp_path, run_cli):
    out, minutes = tmp_path / "results.json", tmp_path / "ba.pdf"
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(rnd.budi, "budi.jbscore")]
    assert rnd.merge(*files, extra=("--minutes", str(minutes))).returncode == 0
    proc = run_cli("verify", str(out), str(minutes))
    assert proc.returncode == 0, proc.stdout
    assert f"signed by Panitia Uji {rnd.coordinator.identity.fingerprint}" in proc.stdout
    assert "matches" in proc.stdout.splitlines()[1]
    # edited results: the seal fails; the same PDF no longer matches anything trusted
    data = json.loads(out.read_bytes())
    liv = next(c for c in data["categories"] if c["id"] == "smart-living")
    liv["entries"][0]["name"], liv["entries"][1]["name"] = liv["entries"][1]["name"], liv["entries"][0]["name"]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data))
    proc = run_cli("verify", str(edited))
    assert proc.returncode == 1 and "changed after the coordinator signed them" in proc.stdout
    # re-rendering the minutes from the edited results is refused
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.report.minutes import write_minutes

    with pytest.raises(JudgeBoxError, match="changed after the coordinator signed them"):
        write_minutes(data, tmp_path / "palsu.pdf")
    # results re-sealed by a juror's key: a valid seal, but not a trusted coordinator's
    from judgebox.core.merge.results import write_results

    write_results(data, edited, key=rnd.ani)
    proc = run_cli("verify", str(edited))
    assert proc.returncode == 1 and f"results are signed by key {rnd.ani.identity.fingerprint}" in proc.stdout
    # a berita acara printed from other (later) results does not match the first results file
    later = tmp_path / "later.json"  # Ani re-scored: other results (the same ones would sign alike)
    newer = rnd.living(rnd.ani, "ani-r6.jbscore", revision=6, value=9)
    assert rnd.merge(newer, files[1], out=later, extra=("--minutes", str(tmp_path / "ba2.pdf"))).returncode == 0
    proc = run_cli("verify", str(out), str(tmp_path / "ba2.pdf"))
    assert proc.returncode == 1 and "printed from other results" in proc.stdout
    # a PDF with its pages edited to show another code: every page must show the seal's code
    unsigned = tmp_path / "unsigned.json"
    data = json.loads(out.read_bytes())
    del data["signature"]
    write_results(data, unsigned)
    write_minutes(json.loads(unsigned.read_bytes()), tmp_path / "tanpa-segel.pdf")
    proc = run_cli("verify", str(tmp_path / "tanpa-segel.pdf"))
    assert proc.returncode == 1 and "carries no results seal" in proc.stdout


def test_outputs_are_all_or_none(rnd, tmp_path):
    """A report that cannot be written leaves the previous set untouched, and says which and why."""
    out, minutes = tmp_path / "results.json", tmp_path / "ba.pdf"
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(rnd.budi, "budi.jbscore")]
    assert rnd.merge(*files, extra=("--minutes", str(minutes))).returncode == 0
    before = {p: p.read_bytes() for p in (out, minutes)}
    # the report folder cannot be made (its parent is a file): nothing else may change either,
    # though results.json and the minutes were already written to their temporary names
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    proc = rnd.merge(rnd.living(rnd.ani, "ani-2.jbscore", revision=6, value=3), files[1],
                     extra=("--minutes", str(minutes), "--report", str(blocker / "laporan")))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert str(blocker) in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_output_that_cannot_be_replaced_puts_every_old_file_back(tmp_path, monkeypatch):
    """On Windows a berita acara open in a PDF viewer cannot be replaced: nothing of the set changes."""
    import os

    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.output_set import OutputSet

    targets = [tmp_path / "results.json", tmp_path / "ba.pdf", tmp_path / "rekap.xlsx"]
    for t in targets:
        t.write_text("lama " + t.name)
    real_replace = os.replace

    def held_open(src, dst):
        if Path(src).name == "ba.pdf" or Path(dst).name == "ba.pdf" and ".part" in str(src):
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(JudgeBoxError, match="ba.pdf: could not be replaced") as err, OutputSet() as outputs:
        for t in targets:
            outputs.stage(t).write_text("baru " + t.name)
        outputs.commit()
    assert "Nothing was written" in str(err.value)
    assert [t.read_text() for t in targets] == ["lama " + t.name for t in targets]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in targets)


def test_a_coordinator_in_a_hurry(rnd, tmp_path, run_cli):
    """--roster out of habit on an event with a jury; merging on a laptop without the coordinator key;
    a rejected file waved through without saying so."""
    roster = tmp_path / "roster"
    roster.mkdir()
    write_public_key(rnd.ani.identity, roster / "ani.pub")
    files = [rnd.living(rnd.ani, "ani.jbscore"), rnd.living(rnd.budi, "budi.jbscore")]
    proc = rnd.merge(*files, extra=("--roster", str(roster)))
    assert proc.returncode == 1 and "names its jury in the signed package" in proc.stderr
    other = tmp_path / "laptop-lain"
    proc = run_cli("--data-dir", str(other), "merge", "--event", str(rnd.package), "--signer",
                   rnd.coordinator.identity.fingerprint, "--out", str(tmp_path / "r.json"), *map(str, files),
                   env=PW)
    assert proc.returncode == 1 and "no coordinator key to sign the results" in proc.stderr
    assert not (tmp_path / "r.json").exists()
    garbage = tmp_path / "rusak.jbscore"
    garbage.write_text("{}")
    proc = rnd.merge(*files, garbage)
    assert proc.returncode == 1 and "--accept-rejections" in proc.stderr
    proc = rnd.merge(*files, garbage, extra=("--accept-rejections", "--minutes", str(tmp_path / "ba.pdf")))
    assert proc.returncode == 0
    results = json.loads((tmp_path / "results.json").read_bytes())
    assert results["accepted_rejections"] is True and results["rejected"][0]["file"] == str(garbage)
    assert [m["name"] for m in results["missing"]] == ["Citra Lestari"]
    inputs = {Path(i["file"]).name: i for i in results["inputs"]}
    assert inputs["rusak.jbscore"]["status"] == "rejected" and len(inputs["ani.jbscore"]["sha256"]) == 64


def test_an_event_package_with_a_forged_jury_member_is_refused(rnd, tmp_path):
    """event.toml edited after signing to add a friend to the jury: the manifest catches it."""
    friend = generate_key("Teman")
    forged = tmp_path / "forged.jbevent"
    with zipfile.ZipFile(rnd.package) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "event.toml":
                data += (f'\n[[jury]]\nfingerprint = "{friend.identity.fingerprint}"\nname = "Teman"\n').encode()
            dst.writestr(info, data)
    proc = rnd.run_cli("merge", "--event", str(forged), "--out", str(tmp_path / "r.json"),
                       str(rnd.living(friend, "teman.jbscore")), env=PW)
    assert proc.returncode == 1 and "event.toml was altered after signing" in proc.stderr


def test_the_printed_score_sheet_shows_the_revision_exported(rnd, tmp_path, run_cli):
    """The juror's printed sheet said "Revisi 2" while the exported file was revision 1."""
    from judgebox.core.event.library import open_event
    from judgebox.core.report.scoresheet import write_score_sheet
    from judgebox.core.scoring.export import export_scores, export_state
    from judgebox.core.store import open_store
    from judgebox.core.store.records import ImportedScore

    store = open_store(tmp_path / "ani.sqlite")
    try:
        opened = open_event(rnd.package, store=store)
        fp = rnd.ani.identity.fingerprint
        assert export_state(store, "se-2025", rnd.ani.identity).revision is None
        store.import_scores("se-2025", fp, [ImportedScore("liv-1", i, 10) for i in IND], who="Ani", final=True)
        made = export_scores(store, opened, rnd.ani, tmp_path / "ani.jbscore")
        state = export_state(store, "se-2025", rnd.ani.identity)
        assert (state.revision, state.current) == (made.revision, True)
        pdf = write_score_sheet(opened.rubric, opened.event, tmp_path / "lembar.pdf", juror=rnd.ani.identity,
                                sheet=store.sheet("se-2025", rnd.ani.identity), exported=state, lang="en")
        text = " ".join(_pdf_text(pdf).split())
        assert f"Revision {made.revision}" in text and f"{made.revision + 1}" not in text
        store.set_status("se-2025", fp, "liv-1", "draft", "Ani")  # reopened after the export
        state = export_state(store, "se-2025", rnd.ani.identity)
        assert (state.revision, state.current) == (made.revision, False)
    finally:
        store.close()


def _pdf_text(path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
