"""Numbers for people: rounded half-up to the rubric's decimals, decimal comma in Indonesian.

JSON keeps numbers unrounded; the screen, the CLI and the printed minutes round
here, so "3,928" prints as "3,93" everywhere. Rounding is ROUND_HALF_UP on the
decimal value (as a person does on paper), not Python's banker's rounding, after
washing float noise at 9 decimals (3.7249999999999996 is 3.725, so "3,73").
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from judgebox.core import i18n
from judgebox.core.i18n import _


def round_half_up(value: float, decimals: int) -> Decimal:
    exact = Decimal(repr(round(float(value), 9)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_score(value: float | None, decimals: int = 2, lang: str | None = None) -> str:
    """``3.928 -> "3,93"`` in Indonesian, ``"3.93"`` in English; "-" for no value."""
    if value is None:
        return "-"
    text = f"{round_half_up(value, decimals):f}"
    if (lang or i18n.language()) == "id":
        text = text.replace(".", ",")
    return text


def method_label(method: str) -> str:
    """How a method of combining jurors is named to people (CLI, desk, reports)."""
    return {"mean": _("mean"), "median": _("median"), "trimmed": _("trimmed mean (5+ jurors)"),
            "zscore": _("z-score per juror")}.get(method, method)


def flag_label(kind: str) -> str:
    return {"tie": _("tie"), "conflict": _("conflict of interest"), "missing-juror": _("missing juror"),
            "draft": _("draft"), "disagreement": _("wide disagreement"), "outlier": _("outlying juror"),
            "method": _("method")}.get(kind, kind)
