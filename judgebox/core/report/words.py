"""Indonesian numbers and dates in words, as minutes and prize lines write them.

Written by hand (no babel): the rules are few and fixed, and the minutes are
printed for hundreds of entries, so this stays pure and fast.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_UNITS = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def _below_thousand(n: int) -> str:
    """Words for 1..999 (0 gives the empty string)."""
    if n == 0:
        return ""
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        head = f"{_UNITS[tens]} puluh"
        return f"{head} {_UNITS[rest]}" if rest else head
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return f"{head} {_below_thousand(rest)}" if rest else head


def terbilang(n: int) -> str:
    """Indonesian words for an integer: 2025 -> "dua ribu dua puluh lima".

    Covers everything below 1.000 triliun; "seribu" (not "satu ribu") as the
    language writes it, but "satu juta", "satu miliar".
    """
    n = int(n)
    if n == 0:
        return "nol"
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n >= 10**15:
        raise ValueError(f"{n} is too large to write in words (limit: below 1.000 triliun)")
    parts: list[str] = []
    for value, name in _SCALES:
        count, n = divmod(n, value)
        if count:
            if value == 1000 and count == 1:
                parts.append("seribu")
            else:
                parts.append(f"{_below_thousand(count)} {name}")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def rupiah_words(amount: int | float | Decimal) -> str:
    """5000000 -> "lima juta rupiah" (whole rupiah; sen are not written on prizes)."""
    return f"{terbilang(int(Decimal(str(amount)).to_integral_value()))} rupiah"


def _as_date(d: date | str) -> date:
    if isinstance(d, str):
        return date.fromisoformat(d[:10])
    return d


def day_name(d: date | str) -> str:
    return DAYS[_as_date(d).weekday()]


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def date_words(d: date | str) -> str:
    """The minutes' opening form: "Jumat tanggal dua puluh empat bulan Oktober tahun dua ribu dua puluh lima"."""
    d = _as_date(d)
    return (
        f"{day_name(d)} tanggal {terbilang(d.day)} bulan {month_name(d.month)} "
        f"tahun {terbilang(d.year)}"
    )


def date_long(d: date | str) -> str:
    """ "24 Oktober 2025" — the form under a signature's place line."""
    d = _as_date(d)
    return f"{d.day} {month_name(d.month)} {d.year}"


def count_words(n: int) -> str:
    """ "1 (satu)" — how letters write counts such as attachments."""
    return f"{n} ({terbilang(n)})"
