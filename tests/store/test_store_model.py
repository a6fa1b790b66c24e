"""Random sequences of juror actions against a plain-dict model of what the store must hold."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from judgebox.core.errors import ValidationError
from judgebox.core.store import EntryLockedError, open_store
from judgebox.core.store.rules import EventRules

from .conftest import COORDINATOR, FakePackage, make_event

EVENT, RUBRIC = make_event("model", 1)
ENTRIES = [e.id for e in EVENT.entries]
INDICATORS = ["baseline", "output", "outcome", "impact", "quick-win", "nope"]
JURORS = ["j1", "j2"]


class StoreModel(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.store = open_store(in_memory=True)
        self.store.save_event(FakePackage(EVENT, RUBRIC, COORDINATOR, "x.jbevent"))
        self.rules: EventRules = self.store.rules("model")
        self.scores: dict[tuple[str, str, str], int] = {}
        self.status: dict[tuple[str, str], str] = {}
        self.changes = 0

    def teardown(self):
        self.store.close()

    def _valid(self, entry: str, ind: str, value: int) -> bool:
        bounds = self.rules.ranges[self.rules.entry_category[entry]].get(ind)
        return bounds is not None and bounds[0] <= value <= bounds[1]

    @rule(juror=st.sampled_from(JURORS), entry=st.sampled_from(ENTRIES), ind=st.sampled_from(INDICATORS),
          value=st.one_of(st.none(), st.integers(-2, 32)))
    def set_score(self, juror, entry, ind, value):
        locked = self.status.get((juror, entry), "draft") != "draft"
        try:
            saved = self.store.set_score("model", juror, entry, ind, value, "hyp")
        except EntryLockedError:
            assert locked and (value is None or self._valid(entry, ind, value))
            return
        except ValidationError:
            known = ind in self.rules.ranges[self.rules.entry_category[entry]]
            assert not known or (value is not None and not self._valid(entry, ind, value))
            return
        assert not locked
        key = (juror, entry, ind)
        old = self.scores.get(key)
        assert saved.changed == (old != value)
        self.changes += old != value
        if value is None:
            self.scores.pop(key, None)
        else:
            self.scores[key] = value

    @rule(juror=st.sampled_from(JURORS), entry=st.sampled_from(ENTRIES),
          status=st.sampled_from(["draft", "final", "conflict"]))
    def set_status(self, juror, entry, status):
        current = self.status.get((juror, entry), "draft")
        needed = set(self.rules.ranges[self.rules.entry_category[entry]])
        have = {i for (j, e, i) in self.scores if (j, e) == (juror, entry)}
        try:
            self.store.set_status("model", juror, entry, status, "hyp")
        except ValidationError:
            assert status == "final" and current != "final" and have != needed
            return
        self.changes += current != status
        self.status[(juror, entry)] = status

    @invariant()
    def store_matches_model(self):
        for juror in JURORS:
            for entry in ENTRIES:
                got = self.store.entry_scores("model", juror, entry)
                want = {i: v for (j, e, i), v in self.scores.items() if (j, e) == (juror, entry)}
                assert got.scores == want
                assert got.status == self.status.get((juror, entry), "draft")
        assert len(self.store.history("model")) == self.changes


StoreModel.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestStoreModel = StoreModel.TestCase
