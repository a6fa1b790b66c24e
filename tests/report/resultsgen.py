"""Realistic merged-results dicts (docs/results-format.md) for the report writers.

Two shapes: SmartEco-like (categories x entries x jurors with integer scores in
each indicator's range) and the national GMSC evaluation (191 regions, 115
questions scored 1-4 by five assessors, reguler and kppn-ikn variants). Jurors'
scores are deterministic (seeded) so tests can assert on them.
"""

from __future__ import annotations

import hashlib
import json
import random
from statistics import mean

AFFILIATIONS = ("akademisi", "pemerintah", "masyarakat", "dunia usaha", "akademisi")
JUROR_NAMES = (
    "Dr. Ir. Siti Rahmawati, M.T.",
    "Bambang Hermawan, S.Kom., M.Kom.",
    "Prof. Dr. Andi Wijaya Kusuma",
    "Dewi Lestari Anggraini, S.E., M.M.",
    "Rizky Pratama Nugroho, S.T.",
    "Hj. Nurul Fadhilah, S.Sos.",
    "Yohanes Christian Sitompul, M.Sc.",
    "Made Ayu Kartika Dewi, S.IP.",
)
SMARTECO_CATEGORIES = (
    ("smart-governance", "Smart Governance", "website"),
    ("smart-branding", "Smart Branding", "presentation"),
    ("smart-economy", "Smart Economy", "presentation"),
    ("smart-living", "Smart Living", "presentation"),
    ("smart-society", "Smart Society", "presentation"),
    ("smart-environment", "Smart Environment", "presentation"),
)
# (id, name, max) — every category totals 100; Smart Governance has no quick win
_GROUPS_QW = (
    ("baseline", "Baseline (Kondisi dasar & kesiapan)", 20),
    ("output", "Output (Hasil langsung)", 25),
    ("outcome", "Outcome (Perubahan nyata)", 25),
    ("impact", "Impact (Dampak jangka panjang)", 20),
    ("quick-win", "Quick Win (Inovasi cepat)", 10),
)
_GROUPS_GOV = (
    ("baseline", "Baseline (Kondisi dasar & kesiapan)", 20),
    ("output", "Output (Hasil langsung)", 25),
    ("outcome", "Outcome (Perubahan nyata)", 30),
    ("impact", "Impact (Dampak jangka panjang)", 25),
)
ORGS = (
    "Dinas Lingkungan Hidup", "Kelurahan Margahayu", "Komunitas Bekasi Hijau", "SMA Negeri 1 Bekasi",
    "Kecamatan Bekasi Timur", "Bank Sampah Sejahtera", "Universitas Islam 45", "Karang Taruna Jatiasih",
    "Dinas Kesehatan", "Puskesmas Pekayon Jaya", "UMKM Kuliner Bekasi", "Forum Anak Kota Bekasi",
)
PROJECTS = (
    "Aplikasi", "Sistem", "Gerakan", "Portal", "Layanan", "Program", "Inovasi", "Platform",
)
TOPICS = (
    "Pilah Sampah Digital", "Antrean Puskesmas Daring", "Pasar Rakyat Pintar", "Sungai Bersih Bersinar",
    "Literasi Digital Warga", "UMKM Naik Kelas", "Taman Kota Cerdas", "Posyandu Online",
    "Kampung Iklim", "Satu Data Kelurahan", "Wisata Kali Bekasi", "Ronda Siaga Digital",
)


def _sha(obj: object) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _fingerprint(i: int) -> str:
    h = hashlib.sha256(f"juror-{i}".encode()).hexdigest()[:32].upper()
    return "-".join(h[k : k + 4] for k in range(0, 32, 4))


def jurors(n: int) -> list[dict]:
    return [
        {
            "name": JUROR_NAMES[i % len(JUROR_NAMES)] + ("" if i < len(JUROR_NAMES) else f" ({i + 1})"),
            "fingerprint": _fingerprint(i),
            "affiliation": AFFILIATIONS[i % len(AFFILIATIONS)],
            "revision": 1 + i % 3,
            "file": f"juri-{i + 1}.jbscore",
        }
        for i in range(n)
    ]


def _rank(entries: list[dict]) -> None:
    entries.sort(key=lambda e: -e["final"])
    rank = 0
    prev = None
    for pos, e in enumerate(entries, 1):
        if prev is None or abs(e["final"] - prev) > 1e-9:
            rank = pos
        e["rank"] = rank
        prev = e["final"]


def smarteco_results(
    categories: int = 6,
    entries: int = 20,
    n_jurors: int = 5,
    *,
    seed: int = 7,
    conflict: bool = True,
    tie: bool = True,
    record: bool = True,
) -> dict:
    """A SmartEco-like merge output; the first category gets a conflict of interest
    and (with ``tie``) an unresolved tie between two entries plus a recorded decision.
    With ``record`` the merge's record of the files: what was used ("inputs"), two
    rejected files the coordinator accepted to go on without, a superseded revision and
    an appointed juror whose file never came (see ``files_record``)."""
    rnd = random.Random(seed)
    people = jurors(n_jurors)
    cats = []
    for c_index, (cid, cname, kind) in enumerate(SMARTECO_CATEGORIES[:categories]):
        groups = _GROUPS_GOV if cid == "smart-governance" else _GROUPS_QW
        groups_meta = [
            {"id": g, "name": name.split(" (")[0], "weight": 1.0, "min": 1, "max": hi,
             "indicators": [{"id": g, "name": name, "min": 1, "max": hi}]}
            for g, name, hi in groups
        ]
        amounts = (5_000_000, 3_000_000, 2_000_000) if cid != "smart-governance" else (0, 0, 0)
        prizes = [
            {"rank": r, "title": t, "amount": a, "award": "Sertifikat Penghargaan"}
            for r, t, a in zip((1, 2, 3), ("Juara I", "Juara II", "Juara III"), amounts, strict=True)
        ]
        ents = []
        for e_index in range(entries):
            eid = f"{cid[6:9]}-{e_index + 1:02d}"
            quality = rnd.uniform(0.35, 0.95)
            jrows = []
            for j_index, p in enumerate(people):
                if conflict and c_index == 0 and e_index == 2 and j_index == 1:
                    jrows.append({"fingerprint": p["fingerprint"], "name": p["name"], "total": None,
                                  "groups": {}, "indicators": {}, "notes": {}, "status": "conflict"})
                    continue
                scores = {}
                for g, _name, hi in groups:
                    v = round(1 + (hi - 1) * min(1.0, max(0.0, quality + rnd.uniform(-0.15, 0.15))))
                    scores[g] = int(v)
                jrows.append({
                    "fingerprint": p["fingerprint"], "name": p["name"],
                    "total": float(sum(scores.values())), "groups": dict(scores), "indicators": scores,
                    "notes": {g: f"Catatan {g} untuk {eid}: dokumen pendukung lengkap." for g in scores
                              if rnd.random() < 0.4},
                    "strengths": "Data dasar jelas dan terukur.",
                    "weaknesses": "Keberlanjutan anggaran belum dijelaskan.",
                    "recommendations": "Perluas kolaborasi dengan kelurahan lain.",
                    "status": "final", "transcribed": j_index == n_jurors - 1 and e_index == 0,
                })
            scored = [j for j in jrows if j["status"] != "conflict"]
            inds = {g: mean(j["indicators"][g] for j in scored) for g, _n, _h in groups}
            ents.append({
                "id": eid,
                "name": f"{PROJECTS[(e_index + c_index) % len(PROJECTS)]} {TOPICS[e_index % len(TOPICS)]}",
                "organisation": ORGS[(e_index * 5 + c_index) % len(ORGS)],
                "final": sum(inds.values()), "groups": dict(inds), "indicators": inds,
                "jurors": jrows,
                "conflicts": [j["fingerprint"] for j in jrows if j["status"] == "conflict"],
                "visits": [],
                "flags": [],
            })
        decisions = []
        if tie and c_index == 0 and len(ents) >= 4:
            ents.sort(key=lambda e: -e["final"])
            # force two ties: ranks 1/2 (decided by the jury) and 3/4 (open)
            ents[1]["final"] = ents[0]["final"]
            ents[3]["final"] = ents[2]["final"]
            decisions.append({"kind": "tie", "entries": [ents[0]["id"], ents[1]["id"]],
                              "decision": f"{ents[0]['id']} di atas {ents[1]['id']}",
                              "reason": "Nilai Impact lebih tinggi menurut musyawarah dewan juri."})
        _rank(ents)
        if tie and c_index == 0 and len(ents) >= 4:
            ents[1]["rank"] = 2
            for e in ents[2:4]:
                e["flags"].append({"kind": "tie", "message": "equal totals: the jury must decide",
                                   "entries": [ents[2]["id"], ents[3]["id"]]})
        for e in ents:
            if e["conflicts"]:
                e["flags"].append({"kind": "conflict", "message": "conflict of interest declared",
                                   "jurors": e["conflicts"]})
        cats.append({
            "id": cid, "name": cname, "kind": kind, "max_total": 100, "groups_meta": groups_meta,
            "prizes": prizes, "agreement": {"kendall_w": 0.81, "icc": 0.77, "jurors": n_jurors,
                                             "entries": entries},
            "decisions": decisions, "entries": ents,
        })
    results = {
        "format": "judgebox.results", "version": 1, "generated": "2025-10-24T09:00:00Z",
        "event": {"id": "smarteco-2025", "title": "SmartEco Bekasi Festival 2025",
                  "organiser": "Pemerintah Kota Bekasi — Diskominfostandi",
                  "start": "2025-10-20", "end": "2025-10-24",
                  "location": "Aula Diskominfostandi, Kantor Pemerintah Kota Bekasi", "number": ""},
        "rubric": {"id": "smarteco-bekasi-2025", "sha256": "ab" * 32,
                   "title": "SmartEco Bekasi Festival 2025", "decimals": 2, "aggregation": "mean"},
        "method": "mean", "jurors": people, "rejected": [], "categories": cats,
    }
    if record:
        results.update(files_record(people, [c["id"] for c in cats]))
    results["verification"] = _sha(results)
    return results


def files_record(people: list[dict], categories: list[str]) -> dict:
    """The merge's record of the files ("inputs", "rejected", "superseded", "missing",
    "accepted_rejections"), as docs/results-format.md describes it."""
    absent = {"name": "Ir. Hendra Gunawan, M.Sc.", "fingerprint": _fingerprint(90),
              "role": "juror", "categories": categories[:2]}
    return {
        "inputs": [{"file": p["file"], "sha256": _sha(p["file"]), "kind": "score",
                    "fingerprint": p["fingerprint"], "name": p["name"], "revision": p["revision"]}
                   for p in people],
        "rejected": [
            {"file": "juri-x-palsu.jbscore", "reason": "tanda tangan tidak sah (kunci tidak dikenal)",
             "sha256": _sha("palsu"), "name": "Tidak Dikenal", "fingerprint": _fingerprint(91)},
            {"file": "juri-rusak.jbscore", "reason": "bukan berkas nilai JudgeBox (JSON rusak)"},
        ],
        "superseded": [{"file": f"{people[0]['file'][:-8]}-rev0.jbscore",
                        "fingerprint": people[0]["fingerprint"], "name": people[0]["name"],
                        "revision": 0, "reason": "digantikan oleh revisi 1"}] if people else [],
        "missing": [absent],
        "accepted_rejections": True,
    }


# ------------------------------------------------------------------ national (GMSC)

GMSC_GROUPS = (
    # id, name, weight reguler, weight kppn-ikn, first question, last question, elements
    ("baseline", "Baseline", 0.10, 0.10, 1, 5, ("Perencanaan", "Realisasi")),
    ("output", "Output", 0.20, 0.20, 6, 16,
     ("Kebijakan Smart city", "Kelembagaan Smart city", "Anggaran Smart city", "Keamanan Informasi")),
    ("outcome", "Outcome", 0.30, 0.20, 17, 49, ("Program", "Rencana Aksi")),
    ("impact", "Impact", 0.20, 0.20, 50, 103,
     ("Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society",
      "Smart Environment")),
    ("quick-wins", "Quick Wins", 0.20, 0.20, 104, 115,
     ("Perumusan inovasi", "Daya tarik inovasi", "Manajemen Risiko", "Keberlanjutan")),
)
KOLABORASI = ("kolaborasi", "Program Kolaborasi", 0.10, ("k1", "k2", "k3"))
PROVINCE_TOWNS = (
    "BADUNG", "BANDUNG", "BANTUL", "BANYUWANGI", "BEKASI", "BOGOR", "DENPASAR", "GOWA", "JEMBER",
    "KEDIRI", "KENDARI", "KUPANG", "MAGELANG", "MAKASSAR", "MALANG", "MANADO", "MATARAM", "MEDAN",
    "PADANG", "PALEMBANG", "PEKANBARU", "PONTIANAK", "SEMARANG", "SLEMAN", "SOLOK", "SURABAYA",
)
ASSESSORS = (
    ("Acuviarta", "Universitas Pasundan"),
    ("Deddy Agus Susanto", "Kementerian PUPR"),
    ("Hari Kusdaryanto", "Citiasia"),
    ("Mariam F. Barata", "Ikatan Konsultan Teknologi Informasi Indonesia (IKTII)"),
    ("Rudi Hartanto", "Universitas Gajah Mada"),
)


def gmsc_groups_meta(variant: str, rubric=None) -> list[dict]:
    """The national rubric's groups as merge writes them; with ``rubric`` (the shipped
    gmsc-2024 Rubric) the real question texts, elements and sub-indicators are used."""
    if rubric is not None:
        cat = rubric.category(variant)
        return [{"id": g.id, "name": g.name, "weight": g.weight, "min": 1, "max": 4, "scoring": g.scoring,
                 "indicators": [{"id": i.id, "name": i.name, "min": i.min, "max": i.max,
                                 "element": i.element, "subindicator": i.subindicator}
                                for i in g.indicators]} for g in cat.groups]
    metas = []
    for gid, name, w_reg, w_ikn, first, last, elements in GMSC_GROUPS:
        count = last - first + 1
        inds = []
        for q in range(first, last + 1):
            k = (q - first) * len(elements) // count
            inds.append({
                "id": f"q{q}", "min": 1, "max": 4,
                "name": f"Sejauh mana pertanyaan nomor {q} tentang {elements[k].lower()} "
                        f"telah dilaksanakan oleh pemerintah daerah di tahun berjalan?",
                "element": elements[k],
                "subindicator": f"Sub indikator {elements[k]} {1 + (q - first) % 3}",
            })
        metas.append({"id": gid, "name": name, "weight": w_reg if variant == "reguler" else w_ikn,
                      "min": 1, "max": 4, "scoring": "mean", "indicators": inds})
    if variant == "kppn-ikn":
        gid, name, weight, qids = KOLABORASI
        metas.append({"id": gid, "name": name, "weight": weight, "min": 1, "max": 4, "scoring": "mean",
                      "indicators": [{"id": q, "name": f"Berapa jumlah program kolaborasi ({q}) antar "
                                      "kabupaten/kota dalam kawasan?", "min": 1, "max": 4,
                                      "element": "Kolaborasi", "subindicator": "Program kolaborasi"}
                                     for q in qids]})
    return metas


def region_names(n: int) -> list[str]:
    names = []
    for i in range(n):
        town = PROVINCE_TOWNS[i % len(PROVINCE_TOWNS)]
        suffix = "" if i < 2 * len(PROVINCE_TOWNS) else f" {i // (2 * len(PROVINCE_TOWNS)) + 1}"
        names.append(f"{'KAB.' if (i // len(PROVINCE_TOWNS)) % 2 == 0 else 'KOTA'} {town}{suffix}")
    return names


def gmsc_results(regions: int = 191, *, seed: int = 11, ikn_every: int = 3, shift: float = 0.0,
                 with_names: bool = True, rubric=None) -> dict:
    """National evaluation: every ``ikn_every``-th region is KPPN/IKN (six dimensions)."""
    rnd = random.Random(seed)
    people = [{"name": n, "fingerprint": _fingerprint(100 + i), "affiliation": aff,
               "revision": 1, "file": f"asesor-{i + 1}.jbscore"} for i, (n, aff) in enumerate(ASSESSORS)]
    cats = {v: {"id": v, "name": "Reguler" if v == "reguler" else "KPPN IKN", "kind": "presentation",
                "max_total": 4, "groups_meta": gmsc_groups_meta(v, rubric), "prizes": [], "agreement": None,
                "decisions": [], "entries": []} for v in ("reguler", "kppn-ikn")}
    for i, name in enumerate(region_names(regions)):
        variant = "kppn-ikn" if i % ikn_every == 0 else "reguler"
        metas = cats[variant]["groups_meta"]
        level = rnd.uniform(2.2, 3.9) + shift
        jrows = []
        for p in people:
            scores = {}
            for g in metas:
                for ind in g["indicators"]:
                    scores[ind["id"]] = max(1, min(4, round(level + rnd.uniform(-0.9, 0.9))))
            groups = {g["id"]: mean(scores[ind["id"]] for ind in g["indicators"]) for g in metas}
            jrows.append({
                "fingerprint": p["fingerprint"], "name": p["name"],
                "total": sum(g["weight"] * groups[g["id"]] for g in metas), "groups": groups,
                "indicators": scores, "notes": {}, "status": "final",
                "strengths": "Memiliki potensi SDA dan pariwisata\nAda komitmen pimpinan untuk "
                             "mengembangkan program smart city daerah",
                "weaknesses": "Pendanaan non APBD masih relatif rendah\nImplementasi digitalisasi "
                              "masih terbatas",
                "recommendations": "Peningkatan pendanaan non APBD\nDigitalisasi layanan publik dan "
                                   "transaksi ekonomi masyarakat",
            })
        inds = {ind["id"]: mean(j["indicators"][ind["id"]] for j in jrows)
                for g in metas for ind in g["indicators"]}
        groups = {g["id"]: mean(inds[ind["id"]] for ind in g["indicators"]) for g in metas}
        cats[variant]["entries"].append({
            "id": f"r{i + 1:03d}", "name": name, "organisation": "", "no": i + 1,
            "final": sum(g["weight"] * groups[g["id"]] for g in metas), "groups": groups,
            "indicators": inds, "jurors": jrows, "conflicts": [], "visits": [], "flags": [],
        })
    for cat in cats.values():
        _rank(cat["entries"])
        if not with_names:
            for g in cat["groups_meta"]:
                for ind in g["indicators"]:
                    ind.pop("name", None)
    results = {
        "format": "judgebox.results", "version": 1, "generated": "2024-11-25T09:00:00Z",
        "event": {"id": "gmsc-2024-tahap2", "title": "Evaluasi Tahap II Implementasi Kota Cerdas (Smart City) Tahun 2024",
                  "organiser": "Kementerian Komunikasi dan Digital", "start": "2024-10-29",
                  "end": "2024-11-20", "location": "daring", "number": "B-1478/DJAI/AI.01.02/11/2024"},
        "rubric": {"id": "gmsc-2024", "sha256": "cd" * 32, "title": "Gerakan Menuju Kota Cerdas 2024",
                   "decimals": 2, "aggregation": "mean"},
        "method": "mean", "jurors": people, "rejected": [],
        "categories": [cats["reguler"], cats["kppn-ikn"]],
    }
    results["verification"] = _sha(results)
    return results
