"""A whole judging round on the demo event, on the command line (`judgebox demo --no-gui`).

The coordinator appoints three demo jurors and signs them into the round's event
package (docs/trust.md); the jurors score every entry (seeded, reproducible) and
export signed files; the coordinator verifies them against that jury, merges,
ranks, signs the results and prints the berita acara and the recap. Shows the
chain end to end without a window.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path


def run_demo_round(package: Path, jurors: int = 3, seed: int = 7) -> int:
    from judgebox.commands.merge import print_results
    from judgebox.core.event.library import open_event
    from judgebox.core.event.model import JuryMember, with_jury
    from judgebox.core.event.package import build_event_package, read_event_package
    from judgebox.core.identity import keys
    from judgebox.core.merge.files import merge_files
    from judgebox.core.scoring.export import export_scores
    from judgebox.core.store import open_store
    from judgebox.core.store.records import ImportedScore

    rng = random.Random(seed)
    files: list[Path] = []
    opened = None
    affiliations = ("akademisi", "pemerintah", "masyarakat")
    jury_keys = [keys.generate_key(f"Juri Demo {n}", affiliations[n % 3]) for n in range(1, jurors + 1)]
    coordinator = keys.generate_key("Panitia SmartEco Bekasi (demo)", "pemerintah", "coordinator")
    with tempfile.TemporaryDirectory(prefix="judgebox-round-") as tmp:
        demo = read_event_package(package)
        round_package = Path(tmp) / "round.jbevent"  # the demo event with its jury, bundles left out
        build_event_package(with_jury(demo.event, tuple(JuryMember(k.identity.fingerprint, k.identity.name,
                                                                   affiliation=k.identity.affiliation,
                                                                   public_key=k.identity.public_key)
                                                        for k in jury_keys)),
                            demo.rubric_bytes, {}, coordinator, round_package)
        for n, key in enumerate(jury_keys, start=1):
            store = open_store(Path(tmp) / f"juror{n}.sqlite3")
            try:
                opened = open_event(round_package, store=store)
                bias = rng.uniform(-0.1, 0.1)
                rows = []
                for entry in opened.event.entries:
                    quality = rng.uniform(0.45, 0.95)
                    for ind in opened.rubric.category(entry.category).indicators:
                        share = min(1.0, max(0.0, quality + bias + rng.gauss(0, 0.06)))
                        rows.append(ImportedScore(entry.id, ind.id, round(ind.min + share * (ind.max - ind.min))))
                fpr = key.identity.fingerprint
                store.import_scores(opened.event.id, fpr, rows, who=key.identity.name, final=True)
                out = Path(tmp) / f"juror{n}.jbscore"
                export_scores(store, opened, key, out)
                files.append(out)
                print(f"{key.identity.name} ({fpr}): {len(opened.event.entries)} entries scored, signed -> {out.name}")
            finally:
                store.close()
        results = merge_files(opened.event, opened.rubric, files)
        print_results(results)
    # what the coordinator prints: results.json, the berita acara and the recap
    from judgebox.core.demo.event import demo_dir
    from judgebox.core.merge.results import write_results
    from judgebox.core.report.minutes import write_minutes
    from judgebox.core.report.xlsx import write_xlsx

    out = demo_dir() / "round"
    results["event"]["signer"] = {"name": coordinator.identity.name, "fingerprint": coordinator.identity.fingerprint}
    write_results(results, out / "results.json", key=coordinator)
    write_minutes(results, out / "berita-acara.pdf")
    write_xlsx(results, out / "rekap.xlsx")
    print(f"\n{out / 'results.json'}\n{out / 'berita-acara.pdf'}\n{out / 'rekap.xlsx'}")
    return 0
