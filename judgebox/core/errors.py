"""One error type for everything that comes from outside.

A JudgeBoxError is what the user sees: one line naming the file, the place and the
problem, in the user's language. Tracebacks are for bugs, never for bad input.
"""

from __future__ import annotations

from pathlib import Path


class JudgeBoxError(Exception):
    """A problem the user can act on; ``str()`` gives the one-line message.

    ``problem`` is already translated (call ``_()`` where it is raised);
    ``file`` and ``where`` (e.g. "line 12, field 'max'") locate it.
    """

    def __init__(self, problem: str, *, file: str | Path | None = None, where: str | None = None):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.where = where
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = [p for p in (self.file, self.where) if p]
        return ": ".join([*parts, self.problem])

    def __str__(self) -> str:
        return self.message


class ValidationError(JudgeBoxError):
    """Input that is well-formed enough to read but breaks a rule (range, id, schema)."""


class IntegrityError(JudgeBoxError):
    """A signature, hash or roster check failed: the file may have been tampered with."""


class PassphraseError(JudgeBoxError):
    """The passphrase does not open the private key."""
