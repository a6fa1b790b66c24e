"""A realistic desk for tests and screenshots: real rubric, real keys, a real signed
package, real signed score files exported from a real juror store.

Loaded by path from tests/desk and tests/gui_coordinator (pytest's importlib mode).
"""

from __future__ import annotations

from pathlib import Path

from judgebox.core.desk import prepare
from judgebox.core.desk.folder import create_desk
from judgebox.core.identity import keys

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml"
IND = ("baseline", "output", "outcome", "impact", "quick-win")

ENTRIES = [
    ("LIV-01", "smart-living", "Kelurahan Jatiasih", "Kec. Jatiasih"),
    ("LIV-02", "smart-living", "Kelurahan Bintara", "Kec. Bekasi Barat"),
    ("LIV-03", "smart-living", "RW 05 Harapan Baru", "Kec. Bekasi Utara"),
    ("LIV-04", "smart-living", "Kampung Hijau Pekayon", "Kec. Bekasi Selatan"),
    ("ECO-01", "smart-economy", "UMKM Digital Bekasi", "Koperasi Maju"),
    ("ECO-02", "smart-economy", "Pasar Kreatif Rawalumbu", "Paguyuban Pedagang"),
    ("ECO-03", "smart-economy", "Kopi Kali Bekasi", "CV Kali"),
]

# juror -> entry -> scores in IND order. LIV-02 and LIV-03 tie on every group (a standing tie).
SCORES = {
    "Dr. Siti Rahma": {"LIV-01": (15, 22, 16, 17, 12), "LIV-02": (12, 20, 15, 18, 10), "LIV-03": (12, 20, 15, 18, 10),
                       "LIV-04": (10, 15, 12, 12, 8), "ECO-01": (15, 20, 15, 15, 10), "ECO-02": (14, 19, 14, 14, 9),
                       "ECO-03": (12, 16, 12, 13, 9)},
    "Ir. Bambang Wijaya": {"LIV-01": (14, 21, 15, 16, 11), "LIV-02": (13, 19, 14, 17, 11),
                           "LIV-03": (13, 19, 14, 17, 11), "LIV-04": (11, 17, 12, 13, 9),
                           "ECO-01": (16, 21, 15, 15, 10), "ECO-02": (15, 20, 15, 15, 10),
                           "ECO-03": (11, 15, 12, 12, 8)},
    "Citra Lestari, M.Si": {"LIV-01": (15, 23, 16, 18, 13), "LIV-02": (11, 18, 13, 16, 9),
                            "LIV-03": (11, 18, 13, 16, 9), "LIV-04": (12, 16, 13, 12, 9),
                            "ECO-01": (14, 20, 16, 15, 11), "ECO-02": (13, 18, 13, 14, 8),
                            "ECO-03": (20, 25, 20, 20, 15)},
}
AFFILIATIONS = {"Dr. Siti Rahma": "akademisi", "Ir. Bambang Wijaya": "dunia usaha",
                "Citra Lestari, M.Si": "masyarakat"}


def make_desk(tmp: Path, *, register=("Dr. Siti Rahma", "Ir. Bambang Wijaya", "Citra Lestari, M.Si")):
    """A prepared desk with a built, signed package; returns (desk, juror keys by name, package path)."""
    desk = create_desk("smarteco-uji", "SmartEco Bekasi Festival 2025", organiser="Pemerintah Kota Bekasi",
                       start="2025-10-20", end="2025-10-24", location="Bekasi", number="001/BA/SE/X/2025")
    prepare.set_rubric(desk, RUBRIC)
    csv = tmp / "entries.csv"
    csv.write_text("id,category,name\n" + "".join(f"{i},{c},{n}\n" for i, c, n, _o in ENTRIES), encoding="utf-8")
    prepare.add_entries_csv(desk, csv)
    jurors = {}
    for name, aff in AFFILIATIONS.items():
        key = keys.generate_key(name, aff, "juror")
        jurors[name] = key
        if name in register:
            pub = tmp / f"{name.split()[0].strip('.,').lower()}.pub"
            keys.write_public_key(key.identity, pub)
            prepare.add_juror_pub(desk, pub)
    coordinator = keys.generate_key("Panitia SmartEco", "pemerintah", "coordinator")
    package = tmp / "smarteco-uji.jbevent"
    list(prepare.build_package(desk, coordinator, package))
    return desk, jurors, package


def export_scores(package: Path, key, scores: dict, out: Path, *, final: bool = True, transcribed: bool = False,
                  store_path: Path | None = None) -> Path:
    """What the juror's app does: open the package, enter the scores, export a signed .jbscore."""
    from judgebox.core.event.library import open_event
    from judgebox.core.scoring.csv_import import import_scores, parse_score_text
    from judgebox.core.scoring.export import export_scores as export
    from judgebox.core.store import open_store

    store = open_store(store_path or out.parent / f"juror-{key.identity.fingerprint[:8]}.sqlite")
    try:
        opened = open_event(package, store=store)
        text = "entry_id,indicator_id,score\n" + "".join(
            f"{e},{ind},{v}\n" for e, vals in scores.items() for ind, v in zip(IND, vals, strict=True))
        rows = parse_score_text(text, "scores.csv", opened.event, opened.rubric)
        import_scores(store, opened.event, key.identity.fingerprint, rows, transcribed, final=final)
        export(store, opened, key, out)
    finally:
        store.close()
    return out


def all_files(package: Path, jurors: dict, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, key in jurors.items():
        slug = name.split()[0].strip(".,").lower()
        out.append(export_scores(package, key, SCORES[name], folder / f"{slug}.jbscore"))
    return out
