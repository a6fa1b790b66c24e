"""A package opened again at every start is not hashed again while it is unchanged on disk."""

from __future__ import annotations

import os
import time

import pytest

from judgebox.core.event import library
from judgebox.core.event.library import open_event
from judgebox.core.store import open_store

from .test_library import build


@pytest.fixture
def store(data_dir):
    s = open_store()
    yield s
    s.close()


@pytest.fixture
def hashed(monkeypatch):
    files = []
    real = library.sha256_file

    def counting(path):
        files.append(str(path))
        return real(path)

    monkeypatch.setattr(library, "sha256_file", counting)
    return files


def test_the_same_unchanged_package_is_hashed_once(tmp_path, store, hashed):
    path = tmp_path / "smarteco.jbevent"
    build(path)
    first = open_event(path, store=store)
    second = open_event(path, store=store)  # verified and copied before: found by its digest
    third = open_event(path, store=store)  # ... now remembered with the file's size and time
    assert first.changed and not second.changed and not third.changed
    assert third.package_path == first.package_path and third.event == first.event
    assert hashed.count(str(path)) == 2


def test_a_package_touched_or_replaced_is_hashed_again(tmp_path, store, hashed):
    path = tmp_path / "smarteco.jbevent"
    build(path)
    open_event(path, store=store)
    open_event(path, store=store)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    open_event(path, store=store)
    assert hashed.count(str(path)) == 3
    time.sleep(1.1)  # package times have one-second resolution
    build(path, extra_entry=True)  # a newer package from the same coordinator, same file name
    opened = open_event(path, store=store)
    assert opened.replaced and "eco-3" in {e.id for e in opened.event.entries}
    assert store.stored_event("smarteco-2025").package_sha256 == library.sha256_file(path)
