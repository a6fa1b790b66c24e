"""The desk's own key and store: a paper juror's key needs 10 characters; the files are private."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

import pytest

from judgebox.core.errors import ValidationError


def run(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def test_a_paper_juror_key_needs_ten_characters(tmp_path, dd):
    from judgebox.core.desk import transcribe

    desk, _jurors, _package = dd.make_desk(tmp_path)
    with pytest.raises(ValidationError, match="at least 10 characters"):
        transcribe.add_paper_juror(desk, "Hj. Nurhayati", "masyarakat", "sembilan9")
    assert len(desk.jurors) == 3 and not (desk.folder / transcribe.KEYS).exists()


def test_the_desk_store_and_keys_are_private_judgebox_files(tmp_path, dd):
    from judgebox.core.desk import transcribe

    desk, _jurors, _package = dd.make_desk(tmp_path)
    paper = transcribe.add_paper_juror(desk, "Hj. Nurhayati", "masyarakat", "sandi-kertas-1")
    sheet = tmp_path / "kertas.csv"
    sheet.write_text("entry_id,indicator_id,score\n" + "".join(
        f"LIV-01,{ind},{v}\n" for ind, v in zip(dd.IND, (12, 20, 15, 20, 12), strict=True)), encoding="utf-8")
    run(transcribe.transcribe(desk, paper.fingerprint, sheet, "sandi-kertas-1"))
    db = desk.folder / transcribe.STORE
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone() == (0x4A424F58,)
    conn.close()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(desk.folder / transcribe.KEYS).st_mode) == 0o700
