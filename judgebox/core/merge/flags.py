"""The flags a merge raises for the jury, as results.json dicts with translated messages.

Kinds: ``tie`` (a tie no rule separates, for the jury's decision), ``missing-juror``
(an expected juror has no final scores for the entry), ``conflict`` (conflict of
interest: left out of the entry's average), ``disagreement`` (a juror's total is
further from the entry's mean than ``Rubric.disagreement`` x the category range),
``outlier`` (a juror systematically high or low over the category, see
``outliers``), ``draft`` (scores still draft, not counted) and ``method``
(the trimmed mean fell back to the mean for lack of jurors).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from judgebox.core.i18n import _

#: an outlier's mean deviation must exceed this many standard deviations of the
#: other jurors' deviations, and this share of the category's range
OUTLIER_Z = 2.0
OUTLIER_MIN_SHARE = 0.05
OUTLIER_MIN_ENTRIES = 2
OUTLIER_MIN_JURORS = 3


def flag(kind: str, message: str, *, jurors: Sequence[str] | None = None, entries: Sequence[str] | None = None) -> dict:
    out: dict = {"kind": kind, "message": message}
    if jurors is not None:
        out["jurors"] = list(jurors)
    if entries is not None:
        out["entries"] = list(entries)
    return out


def _median(values: list[float]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def outliers(
    totals: Mapping[str, Mapping[str, float]],
    value_range: float,
    name: Callable[[str], str],
    fmt: Callable[[float], str],
) -> list[dict]:
    """Jurors systematically high or low across one category.

    ``totals[entry][juror]`` are the counted raw totals. For juror j on entry e the
    residual is r = T_je - mean of the *other* jurors' totals on e (entries with at
    least ``OUTLIER_MIN_JURORS`` jurors). Juror j's bias b_j is the median of their
    residuals (at least ``OUTLIER_MIN_ENTRIES`` entries), so that one
    wide disagreement on a single entry (flagged as such) does not make a juror
    "systematic". j is flagged when
    |b_j| > ``OUTLIER_Z`` x sd of the other jurors' residuals (population sd) and
    |b_j| > ``OUTLIER_MIN_SHARE`` x the category's range — so one lenient juror
    stands out against a jury that is otherwise consistent, while ordinary
    scatter and tiny offsets are not flagged.
    """
    residuals: dict[str, list[float]] = {}
    for per in totals.values():
        if len(per) < OUTLIER_MIN_JURORS:
            continue
        s = sum(per.values())
        n = len(per)
        for juror, t in per.items():
            residuals.setdefault(juror, []).append(t - (s - t) / (n - 1))
    out: list[dict] = []
    for juror, rs in residuals.items():
        if len(rs) < OUTLIER_MIN_ENTRIES:
            continue
        bias = _median(rs)
        others = [r for other, ors in residuals.items() if other != juror for r in ors]
        if len(others) < 2:
            continue
        m = sum(others) / len(others)
        sd = math.sqrt(sum((r - m) ** 2 for r in others) / len(others))
        if abs(bias) > OUTLIER_Z * sd and abs(bias) > OUTLIER_MIN_SHARE * value_range:
            message = (
                _("{juror} scores systematically higher than the other jurors (by {diff} on average)",
                  juror=name(juror), diff=fmt(abs(bias)))
                if bias > 0
                else _("{juror} scores systematically lower than the other jurors (by {diff} on average)",
                       juror=name(juror), diff=fmt(abs(bias)))
            )
            item = flag("outlier", message, jurors=[juror])
            item["bias"] = bias
            item["z"] = abs(bias) / sd if sd > 0 else None
            out.append(item)
    return out


def disagreements(
    per: Mapping[str, float],
    limit: float,
    name: Callable[[str], str],
    fmt: Callable[[float], str],
) -> list[dict]:
    """``disagreement`` flags for one entry: the jurors who stand apart, not the whole jury.

    ``per[juror]`` are the counted totals. Each juror is compared with the jury's
    *median* total, which one far-off score cannot move the way it moves the mean: scores
    100/10/10 flag the juror who gave 100 (90 away from 10), not the two who agree
    (compared with the mean 40, all three were "30 or more away"). A juror is flagged
    when more than ``limit`` away from the median. With two jurors neither can be said
    to stand apart: one flag names both when they are more than ``limit`` apart.
    """
    if len(per) < 2:
        return []
    if len(per) == 2:
        (a, ta), (b, tb) = per.items()
        if abs(ta - tb) <= limit + 1e-9:
            return []
        return [flag("disagreement", _(
            "{juror} gave {total} and {other} gave {other_total}: {diff} apart (limit {limit})",
            juror=name(a), total=fmt(ta), other=name(b), other_total=fmt(tb), diff=fmt(abs(ta - tb)),
            limit=fmt(limit)), jurors=[a, b])]
    middle = _median(list(per.values()))
    out = []
    for juror, t in per.items():
        if abs(t - middle) > limit + 1e-9:
            out.append(flag("disagreement", _(
                "{juror} gave {total}, {diff} away from the jurors' median {median} (limit {limit})",
                juror=name(juror), total=fmt(t), diff=fmt(abs(t - middle)), median=fmt(middle),
                limit=fmt(limit)), jurors=[juror]))
    return out
