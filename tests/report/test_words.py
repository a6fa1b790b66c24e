"""Indonesian numbers and dates in words, and decimal-comma formatting."""

from datetime import date
from decimal import Decimal

import pytest

from judgebox.core.report.numbers import fmt_decimal, fmt_rupiah, round_half_up
from judgebox.core.report.words import (
    date_long,
    date_words,
    day_name,
    rupiah_words,
    terbilang,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (2025, "dua ribu dua puluh lima"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (101000, "seratus satu ribu"),
        (1000000, "satu juta"),
        (5000000, "lima juta"),
        (7500000, "tujuh juta lima ratus ribu"),
        (1100000000, "satu miliar seratus juta"),
        (2000000000000, "dua triliun"),
        (-15, "minus lima belas"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_terbilang_refuses_too_large() -> None:
    with pytest.raises(ValueError):
        terbilang(10**15)


def test_rupiah_words() -> None:
    assert rupiah_words(5000000) == "lima juta rupiah"
    assert rupiah_words(2_500_000) == "dua juta lima ratus ribu rupiah"


def test_dates() -> None:
    d = date(2025, 10, 24)
    assert day_name(d) == "Jumat"
    assert date_words(d) == (
        "Jumat tanggal dua puluh empat bulan Oktober tahun dua ribu dua puluh lima"
    )
    assert date_long(d) == "24 Oktober 2025"
    assert date_long("2025-01-01") == "1 Januari 2025"
    assert day_name(date(2025, 10, 26)) == "Minggu"
    assert day_name(date(2025, 10, 20)) == "Senin"


@pytest.mark.parametrize(
    ("x", "decimals", "text"),
    [
        (3.925, 2, "3,93"),  # binary float 3.92499.. must still round half up
        (3.555, 2, "3,56"),
        (2.5, 0, "3"),
        (1234.5, 2, "1.234,50"),
        (1234567.891, 2, "1.234.567,89"),
        (0, 2, "0,00"),
        (-0.001, 2, "0,00"),
        (-1.005, 2, "-1,01"),
        (87.4, 2, "87,40"),
    ],
)
def test_fmt_decimal(x: float, decimals: int, text: str) -> None:
    assert fmt_decimal(x, decimals) == text


def test_fmt_decimal_english_and_strip() -> None:
    assert fmt_decimal(1234.5, 2, "en") == "1,234.50"
    assert fmt_decimal(3.8, 2, strip=True) == "3,8"
    assert fmt_decimal(4.0, 2, strip=True) == "4"
    assert fmt_decimal(None) == ""
    assert round_half_up("3.925", 2) == Decimal("3.93")


def test_fmt_rupiah() -> None:
    assert fmt_rupiah(5000000) == "Rp 5.000.000,-"
    assert fmt_rupiah(0) == "Rp 0,-"
