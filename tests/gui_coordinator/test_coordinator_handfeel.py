"""The coordinator's key carries the person's name, asked once; file dialogs remember."""

from __future__ import annotations


def test_the_coordinator_key_is_named_by_the_person_asked_once(window, tmp_path, monkeypatch):
    from judgebox.core.event.package import read_event_package
    from judgebox.gui.qt import QFileDialog, QInputDialog

    win, _jurors, _package = window
    asked: list[str] = []
    answers = iter(["Sekretariat Dewan Smart City — Budi", "sandi-koordinator", "sandi-koordinator"])

    def get_text(_parent, _title, label, *a, **k):
        asked.append(label)
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    out = tmp_path / "satu.jbevent"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    win.prepare.build_button.click()
    assert read_event_package(out).signer.name == "Sekretariat Dewan Smart City — Budi"
    assert "name" in asked[0].lower()
    # the second package: only the passphrase, no name asked again
    asked.clear()
    answers = iter(["sandi-koordinator"])
    out2 = tmp_path / "dua.jbevent"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out2), "")))
    win.prepare.build_button.click()
    assert read_event_package(out2).signer.name == "Sekretariat Dewan Smart City — Budi"
    assert not any("name" in label.lower() for label in asked)


def test_file_dialogs_open_where_the_person_last_was(window, tmp_path, monkeypatch):
    from judgebox.gui.qt import QFileDialog

    win, _jurors, _package = window
    starts: list[str] = []
    folder = tmp_path / "pendaftaran"
    folder.mkdir()

    def open_names(_parent, _title, start="", _filter=""):
        starts.append(start)
        return [], ""

    def open_name(_parent, _title, start="", _filter=""):
        starts.append(start)
        return str(folder / "peserta.csv"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_name))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    monkeypatch.setattr(win.prepare, "import_csv", lambda *a, **k: None, raising=False)
    (folder / "peserta.csv").write_text("id,category,name\n", encoding="utf-8")
    win.prepare.choose_csv()
    win.prepare.choose_csv()
    assert starts[-1].startswith(str(folder)), starts
