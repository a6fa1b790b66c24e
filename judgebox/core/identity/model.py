"""A person's public identity as it travels inside signed files and .pub files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Affiliation = Literal["pemerintah", "akademisi", "masyarakat", "dunia usaha", ""]
Role = Literal["juror", "coordinator", "field"]


@dataclass(frozen=True)
class Identity:
    name: str
    #: raw 32-byte Ed25519 public key, base64 (standard alphabet)
    public_key: str
    #: human-comparable fingerprint derived from the public key (see keys.fingerprint)
    fingerprint: str
    affiliation: str = ""
    role: Role = "juror"
