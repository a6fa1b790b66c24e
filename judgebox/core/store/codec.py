"""Plain model objects <-> JSON text for the store's columns.

Unknown keys are ignored when reading, so a row written by a newer JudgeBox (an
added optional field) still reads back.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from judgebox.core.event.model import EntryRef, Event, JuryMember
from judgebox.core.identity.model import Identity


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def event_to_json(event: Event) -> str:
    return json.dumps(dataclasses.asdict(event), ensure_ascii=False, sort_keys=True)


def event_from_json(text: str) -> Event:
    data = _known(Event, json.loads(text))
    data["entries"] = tuple(EntryRef(**_known(EntryRef, e)) for e in data.get("entries", ()))
    data["categories"] = tuple(data.get("categories", ()))
    for key in ("jurors", "conflicts"):
        data[key] = {k: tuple(v) for k, v in (data.get(key) or {}).items()}
    data["jury"] = tuple(
        JuryMember(**{**_known(JuryMember, m), "categories": tuple(m.get("categories", ())),
                      "conflicts": tuple(m.get("conflicts", ()))})
        for m in data.get("jury", ()))
    return Event(**data)


def identity_to_json(identity: Identity) -> str:
    return json.dumps(dataclasses.asdict(identity), ensure_ascii=False, sort_keys=True)


def identity_from_json(text: str) -> Identity:
    return Identity(**_known(Identity, json.loads(text)))
