"""Numbers for people: rounded half-up to the rubric's decimals, decimal comma in Indonesian.

JSON keeps numbers unrounded; the screen, the CLI and the printed minutes round
here, so "3,928" prints as "3,93" everywhere. Rounding is ROUND_HALF_UP on the
decimal value (as a person does on paper), not Python's banker's rounding, after
washing float noise at 9 decimals (3.7249999999999996 is 3.725, so "3,73").
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from judgebox.core import i18n


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
