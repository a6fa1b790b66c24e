"""Benchmark: read + verify + parse five national-scale score files.

Five jurors x 191 regions x 115 indicators (scale 1-4), each file signed with
Ed25519 in a DSSE envelope. Times ``verify_file`` with roster, event and rubric
(every check ``judgebox verify`` and ``merge`` make), split into read / envelope
+ signature / schema parse / range checks. Target: <= ~50 ms for all five.

    .venv/bin/python tests/bench/bench_verify.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.keys import generate_key
from judgebox.core.identity.roster import Roster, RosterMember
from judgebox.core.rubric.model import Category, Group, Indicator, Rubric
from judgebox.core.scoring.scorefile import dict_to_sheet, write_score_file
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet
from judgebox.core.scoring.verify import check_sheet, verify_file
from judgebox.core.trust.signing import (
    decode_json_payload,
    open_envelope,
    read_file_bytes,
    verify_envelope,
)

JURORS, REGIONS, QUESTIONS, RUNS = 5, 191, 115, 25


def synthetic() -> tuple[Rubric, Event]:
    per = QUESTIONS // 5
    groups = []
    for g, gid in enumerate(("baseline", "output", "outcome", "impact", "quick-wins")):
        lo, hi = g * per + 1, QUESTIONS if g == 4 else (g + 1) * per
        groups.append(Group(gid, gid.title(), tuple(Indicator(f"q{i}", f"Q{i}", 1, 4) for i in range(lo, hi + 1)),
                            weight=0.2, scoring="mean"))
    rubric = Rubric("gmsc-bench", "bench", (Category("reguler", "Reguler", tuple(groups), total="weighted"),),
                    sha256=hashlib.sha256(b"bench rubric").hexdigest())
    entries = tuple(EntryRef(f"r{i:03d}", "reguler", f"Kabupaten {i}", bundle_sha256="") for i in range(REGIONS))
    return rubric, Event("gmsc-bench-2024", "bench", rubric.id, rubric.sha256, entries, categories=("reguler",))


def bare_loop(files: list[Path]) -> int:
    """The floor on this machine: verify, parse and sum with no checks at all."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from judgebox.core.trust.signing import PAE

    total = 0
    for p in files:
        doc = json.loads(p.read_bytes())
        payload = base64.b64decode(doc["payload"])
        obj = json.loads(payload)
        Ed25519PublicKey.from_public_bytes(base64.b64decode(obj["juror"]["public_key"])).verify(
            base64.b64decode(doc["signatures"][0]["sig"]), PAE(doc["payloadType"], payload))
        for e in obj["entries"]:
            total += sum(e["scores"].values())
    return total


def main() -> None:
    rubric, event = synthetic()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="jb-bench-"))
    files, members = [], []
    for j in range(JURORS):
        key = generate_key(f"Asesor {j + 1}", "akademisi")
        members.append(RosterMember(key.identity.name, key.identity.fingerprint, public_key=key.identity.public_key))
        sheet = ScoreSheet(event.id, rubric.id, rubric.sha256, key.identity, 1, "2024-09-01T00:00:00Z", [
            EntryScores(e.id, status="final",
                        scores={f"q{q}": rng.randint(1, 4) for q in range(1, QUESTIONS + 1)},
                        strengths="Komitmen pimpinan kuat.", recommendations="Perluas integrasi data.")
            for e in event.entries
        ])
        path = tmp / f"asesor{j + 1}.jbscore"
        write_score_file(sheet, key, path)
        files.append(path)
    roster = Roster(members)
    size = sum(p.stat().st_size for p in files)
    print(f"{JURORS} files, {REGIONS} entries x {QUESTIONS} scores each, {size / 1e6:.2f} MB in total")

    totals, cpu, bare, ratios, split = [], [], [], [], {"read": [], "envelope+signature": [], "parse+schema": [], "ranges": []}
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        for p in files:
            vf = verify_file(p, roster=roster, event=event, rubric=rubric)
            assert vf.revision == 1
        totals.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        t0 = time.perf_counter()  # interleaved, so both see the same machine load
        bare_loop(files)
        bare.append(time.perf_counter() - t0)
        ratios.append(totals[-1] / bare[-1])

        parts = dict.fromkeys(split, 0.0)
        for p in files:
            a = time.perf_counter()
            data = read_file_bytes(p)
            b = time.perf_counter()
            env = open_envelope(data, str(p))
            obj = decode_json_payload(env)
            verify_envelope(env, base64.b64decode(obj["juror"]["public_key"]))
            c = time.perf_counter()
            sheet = dict_to_sheet(obj, str(p))
            d = time.perf_counter()
            check_sheet(sheet, event, rubric, str(p))
            e = time.perf_counter()
            parts["read"] += b - a
            parts["envelope+signature"] += c - b
            parts["parse+schema"] += d - c
            parts["ranges"] += e - d
        for k, v in parts.items():
            split[k].append(v)

    med = statistics.median(totals) * 1000
    print(f"verify_file x {JURORS} (roster+event+rubric): median {med:.1f} ms, "
          f"best {min(totals) * 1000:.1f} ms over {RUNS} runs (target <= 50 ms); "
          f"CPU time median {statistics.median(cpu) * 1000:.1f} ms (less sensitive to a busy machine)")
    for k, v in split.items():
        print(f"  {k:<20} {statistics.median(v) * 1000:6.1f} ms")
    print(f"bare loop (verify + json + sum, no checks): median {statistics.median(bare) * 1000:.1f} ms, "
          f"best {min(bare) * 1000:.1f} ms; ours / bare, run by run: median {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
