"""Generate rubrics/gmsc-2024.toml from the redacted GMSC 2024 evaluation seed.

Run by hand when the seed changes (``python tests/rubric/make_gmsc_rubric.py``);
the committed TOML is the product, this script only avoids copying 115 questions
by hand. ``test_gmsc_matches_seed`` re-parses the seed to check the TOML.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "rubric" / "sources" / "evaluasi-gmsc-2024-tahap2-redacted.txt"
OUT = ROOT / "judgebox" / "rubrics" / "gmsc-2024.toml"

DIMENSIONS = {"BASELINE": "baseline", "OUTPUT": "output", "OUTCOME": "outcome", "IMPACT": "impact",
              "QUICK WINS": "quick-wins"}
_QUESTION = re.compile(r"^(\d+)\.\s*(.*)$")


def parse_seed(text: str) -> list[dict]:
    """Questions in source order: number, dimension, element, subindicator, text."""
    questions: list[dict] = []
    dimension = None
    element = ""
    started = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.strip() in DIMENSIONS and (started or line.strip() == "BASELINE"):
            dimension = DIMENSIONS[line.strip()]
            started = True
            continue
        if not started or "\t" not in line:
            if started and line.startswith("[Nilai hasil"):
                break
            continue
        cols = [c.strip() for c in line.split("\t")]
        while len(cols) < 4:
            cols.append("")
        if cols[0] in ("Indikator", "Rata-Rata"):
            continue
        match = _QUESTION.match(cols[2])
        if match:
            if cols[0]:
                element = cols[0]
            questions.append({"number": int(match.group(1)), "dimension": dimension, "element": element,
                              "subindicator": cols[1], "text": match.group(2).strip()})
        elif questions and not cols[0] and (cols[1] or cols[2]):
            q = questions[-1]  # the rest of a row broken by a page break
            if cols[1]:
                q["subindicator"] = _join(q["subindicator"], cols[1])
            if cols[2]:
                q["text"] = _join(q["text"], cols[2])
    return questions


def _join(a: str, b: str) -> str:
    return a + b if a.endswith("-") else f"{a} {b}"


def s(value: str) -> str:
    """A TOML string; literal ('...') when possible: tomllib reads those ~10x faster."""
    if "'" not in value and not any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


GROUPS = [
    ("baseline", "Kondisi awal program Kota Cerdas (Baseline)", 0.10,
     "Penilaian terhadap peraturan untuk menetapkan dokumen masterplan kota cerdas (smart city) di "
     "kabupaten/kota, aktivitas dewan smart city dan tim pelaksana smart city, dan realisasi program dan "
     "rencana aksi smart city di tahun sebelumnya."),
    ("output", "Keluaran program Kota Cerdas (Output)", 0.20,
     "Terbentuknya pondasi untuk pelaksanaan program smart city: sejauh mana pemerintah kota/kabupaten "
     "menyiapkan kebijakan, kelembagaan, keamanan informasi serta anggaran untuk program smart city."),
    ("outcome", "Hasil program Kota Cerdas (Outcome)", 0.30,
     "Pelaksanaan rencana yang ada di masterplan smart city: sejauh mana setiap rencana dijalankan oleh "
     "pemerintah daerah."),
    ("impact", "Dampak program Kota Cerdas (Impact)", 0.20,
     "Manfaat yang dirasakan masyarakat atas implementasi program smart city, diukur dengan survei "
     "terhadap 50 responden untuk setiap program dari enam dimensi smart city."),
    ("quick-wins", "Program Quick Win", 0.20,
     "Program percepatan (quick win): tingkat inovasi, kreativitas dan daya inovasi pemerintah "
     "kota/kabupaten."),
]

# Defined by us: the source only describes "program kolaborasi" in one sentence.
KOLABORASI = [
    ("k1", "Program inovasi mandiri",
     "Berapa jumlah program inovasi yang dilakukan secara mandiri oleh kota/kabupaten Anda untuk "
     "mendukung Kawasan Pariwisata Prioritas Nasional atau Ibu Kota Negara Baru?"),
    ("k2", "Program inovasi kolaborasi antar daerah",
     "Berapa jumlah program inovasi yang dilakukan berkolaborasi dengan kota/kabupaten lainnya pada "
     "Kawasan Pariwisata Prioritas Nasional atau Ibu Kota Negara Baru?"),
    ("k3", "Keterlaksanaan program kolaborasi",
     "Sejauh mana program kolaborasi dengan kota/kabupaten lainnya pada kawasan tersebut sudah berjalan "
     "di tahun ini?"),
    ("k4", "Manfaat program kolaborasi",
     "Sejauh mana program inovasi mandiri dan kolaborasi tersebut memberikan manfaat nyata bagi "
     "masyarakat dan kawasan?"),
]


def render(questions: list[dict]) -> str:
    out = [
        "# Evaluasi Implementasi Kota Cerdas (Smart City) Tahap II Tahun 2024 — Gerakan Menuju Kota Cerdas.",
        "# Source: Laporan Hasil Evaluasi Tahap II (Kementerian Komunikasi dan Digital, Ditjen Aplikasi",
        "# Informatika, surat B-1478/DJAI/AI.01.02/11/2024, 25 November 2024): 115 questions, scale 1-4.",
        "# Generated by tests/rubric/make_gmsc_rubric.py from the seed; question texts are verbatim",
        "# (including the source's typos). Format: docs/rubric-format.md.",
        "",
        "[rubric]",
        'id = "gmsc-2024"',
        'title = "Evaluasi Implementasi Kota Cerdas (Smart City) Tahap II Tahun 2024"',
        'version = "2024.2"',
        'organiser = "Kementerian Komunikasi dan Digital — Direktorat Jenderal Aplikasi Informatika"',
        'source = "Laporan Hasil Evaluasi Tahap II Implementasi Kota Cerdas (Smart City) Tahun 2024, '
        'surat No. B-1478/DJAI/AI.01.02/11/2024, 25 November 2024"',
        "decimals = 2",
        "# The per-question result is the mean over the assessors (five in 2024).",
        'aggregation = "mean"',
        "# The source ranks by the final score only and gives no tie rule: ties stand.",
        "tie_break = []",
        "disagreement = 0.25",
        "",
        "# ============================================================== Reguler (lima dimensi)",
        "[[category]]",
        'id = "reguler"',
        'name = "Reguler"',
        'kind = "presentation"',
        'total = "weighted"',
        'description = "Kota/kabupaten Program Gerakan Menuju Kota Cerdas periode 2017-2022: lima dimensi '
        '(Baseline 10%, Output 20%, Outcome 30%, Impact 20%, Quick Wins 20%). Nilai dimensi = rata-rata '
        'pertanyaan; nilai final = jumlah bobot × nilai dimensi."',
    ]
    for gid, name, weight, description in GROUPS:
        members = [q for q in questions if q["dimension"] == gid]
        out += ["", "[[category.group]]", f"id = {s(gid)}", f"name = {s(name)}", f"weight = {weight:.2f}",
                f"scoring = {s('mean')}", f"description = {s(description)}"]
        for q in members:
            out += ["", "[[category.group.indicator]]", f"id = {s('q' + str(q['number']))}",
                    f"element = {s(q['element'])}", f"subindicator = {s(q['subindicator'])}",
                    f"name = {s(q['text'])}", "min = 1", "max = 4"]
    out += [
        "",
        "# ============================================================== KPPN IKN (enam dimensi)",
        "[[category]]",
        'id = "kppn-ikn"',
        'name = "KPPN IKN"',
        'kind = "presentation"',
        'total = "weighted"',
        'description = "Kota/kabupaten pada Kawasan Pariwisata Prioritas Nasional dan Ibu Kota Negara Baru: '
        'enam dimensi (Baseline 10%, Output 20%, Outcome 20%, Impact 20%, Quick Wins 20%, Program '
        'Kolaborasi 10%)."',
        "# The same 115 questions as \"reguler\", with other weights, plus Program Kolaborasi.",
        'groups_from = "reguler"',
        "",
        "[category.weights]",
        "baseline = 0.10",
        "output = 0.20",
        "outcome = 0.20",
        "impact = 0.20",
        "quick-wins = 0.20",
        "",
        "[[category.group]]",
        'id = "kolaborasi"',
        'name = "Program Kolaborasi"',
        "weight = 0.10",
        'scoring = "mean"',
        'description = "Jumlah program inovasi yang dilakukan secara mandiri oleh kota/kabupaten, dan atau '
        'berkolaborasi dengan kota/kabupaten lainnya pada Kawasan Pariwisata Prioritas Nasional dan Ibu Kota '
        'Negara Baru. Pertanyaan k1-k4 disusun oleh JudgeBox dari uraian ini (sumber tidak memuat daftar '
        'pertanyaannya)."',
    ]
    for kid, sub, text in KOLABORASI:
        out += ["", "[[category.group.indicator]]", f"id = {s(kid)}", 'element = "Program Kolaborasi"',
                f"subindicator = {s(sub)}", f"name = {s(text)}", "min = 1", "max = 4"]
    return "\n".join(out) + "\n"


def main() -> int:
    questions = parse_seed(SEED.read_text(encoding="utf-8"))
    numbers = [q["number"] for q in questions]
    if numbers != list(range(1, 116)):
        print(f"expected questions 1..115, got {numbers}", file=sys.stderr)
        return 1
    OUT.write_text(render(questions), encoding="utf-8")
    print(f"wrote {OUT} ({len(questions)} questions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
