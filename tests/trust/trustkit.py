"""Helpers for the trust tests: hostile-but-signed files and zips."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from judgebox.core.identity.keys import identity_to_dict
from judgebox.core.trust.signing import sign_envelope


def sign_json(obj: dict, payload_type: str, key) -> bytes:
    """Sign an arbitrary payload object (to build hostile-but-validly-signed files)."""
    payload = json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()
    return sign_envelope(payload, payload_type, key)


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def signed_manifest(members: dict[str, bytes], key, event_id: str = "smarteco-2025") -> bytes:
    """signature.json for ``members`` signed by ``key`` (as build_event_package makes it)."""
    from judgebox.core.event.package import MANIFEST_TYPE

    manifest = {
        "format": "judgebox.event-manifest", "version": 1,
        "event": {"id": event_id, "title": "x"}, "signer": identity_to_dict(key.identity),
        "created": "2025-01-01T00:00:00Z",
        "members": {n: hashlib.sha256(d).hexdigest() for n, d in members.items() if n != "signature.json"},
    }
    return sign_json(manifest, MANIFEST_TYPE, key)


def make_bundle(path: Path, entry_id: str, category: str, participant: str = "Peserta",
                extra: bytes = b"slides") -> Path:
    toml = (f'id = "{entry_id}"\ncategory = "{category}"\nparticipant = "{participant}"\n'
            f'organisation = "Dinas"\n[links]\nvideo = "https://example.org/v/{entry_id}"\n').encode()
    write_zip(path, {"entry.toml": toml, "deck.pptx": extra})
    return path
