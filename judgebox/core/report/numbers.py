"""Numbers for print: decimal comma, "." thousands, rounding half-up.

JSON keeps numbers unrounded; rounding happens here, once, for display. Python's
round() rounds half to even and works on binary floats (3.925 -> 3.92); a score
sheet reader expects 3,93, so Decimal(str(x)) with ROUND_HALF_UP is used.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from judgebox.core.i18n import language


def round_half_up(x: float | int | Decimal | str, decimals: int = 2) -> Decimal:
    """Round as people do on paper: 3.925 -> 3.93, 2.5 -> 3."""
    try:
        value = x if isinstance(x, Decimal) else Decimal(str(x))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {x!r}") from exc
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _separators(lang: str | None) -> tuple[str, str]:
    lang = lang or language()
    return (",", ".") if lang == "id" else (".", ",")


def fmt_decimal(
    x: float | int | Decimal | None,
    decimals: int = 2,
    lang: str | None = "id",
    *,
    strip: bool = False,
    empty: str = "",
) -> str:
    """3.5551 -> "3,56"; 1234.5 -> "1.234,50" (Indonesian); lang=None follows the UI.

    ``strip`` drops trailing zeros as the national table prints them ("3,8", "4").
    ``None`` gives ``empty`` (a missing score prints as a blank cell).
    """
    if x is None:
        return empty
    dec_sep, thou_sep = _separators(lang)
    value = round_half_up(x, decimals)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):.{decimals}f}" if decimals > 0 else f"{abs(value):.0f}"
    whole, _, frac = text.partition(".")
    if strip:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    body = thou_sep.join(groups)
    if sign and set(body + frac) <= {"0", thou_sep}:
        sign = ""  # no "-0,00"
    return f"{sign}{body}{dec_sep}{frac}" if frac else f"{sign}{body}"


def fmt_int(n: int | float, lang: str | None = "id") -> str:
    """5000000 -> "5.000.000"."""
    return fmt_decimal(n, 0, lang)


def fmt_rupiah(amount: int | float | Decimal) -> str:
    """5000000 -> "Rp 5.000.000,-" as Indonesian letters write a sum of money."""
    return f"Rp {fmt_int(amount, 'id')},-"


def human_size(n: int) -> str:
    """ "2.3 MB" ("2,3 MB" in Indonesian), "340 kB", "12 B": a size as people compare them."""
    if n >= 1024 * 1024:
        text = f"{n / (1024 * 1024):.1f} MB"
    elif n >= 1024:
        text = f"{n / 1024:.0f} kB"
    else:
        text = f"{n} B"
    return text.replace(".", ",") if language() == "id" else text
