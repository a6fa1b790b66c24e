"""Did the jury agree? Kendall's W and the intraclass correlation, in plain Python.

Both take a complete table ``data[juror][entry]`` of juror totals (every juror
scored every entry); the merge passes only the jurors who scored all entries of
a category. Each returns ``None`` where the statistic does not apply (fewer than
two jurors or entries, or no variance at all), never a made-up number.

- Kendall's W (coefficient of concordance) over the jurors' rankings, ties given
  their average rank, with the usual tie correction::

      W = 12 S / (m^2 (n^3 - n) - m * sum_j T_j),   T_j = sum over tie groups (t^3 - t)

  where m jurors rank n entries and S is the sum of squared deviations of the
  entries' rank sums from their mean. 1 = identical rankings, 0 = none shared.
- ICC from the two-way ANOVA of Shrout & Fleiss (1979): ``icc(data)`` returns
  ICC(2,1), ICC(2,k), ICC(3,1) and ICC(3,k). The merge reports ICC(2,1) —
  absolute agreement of a single juror, "would another juror give the same
  total?" — and ICC(3,k) — the consistency of the jury's average, which is what
  the ranking rests on.
"""

from __future__ import annotations

from collections.abc import Sequence


def average_ranks(values: Sequence[float], tolerance: float = 1e-9) -> tuple[list[float], float]:
    """Ranks 1..n (ascending), ties sharing their average rank; plus sum(t^3 - t) over ties."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and abs(values[order[j + 1]] - values[order[i]]) <= tolerance:
            j += 1
        rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = rank
        t = j - i + 1
        if t > 1:
            ties += t**3 - t
        i = j + 1
    return ranks, ties


def kendall_w(data: Sequence[Sequence[float]]) -> float | None:
    """Kendall's W with tie correction; ``data[juror][entry]``; None if not applicable."""
    m = len(data)
    if m < 2:
        return None
    n = len(data[0])
    if n < 2 or any(len(row) != n for row in data):
        return None
    sums = [0.0] * n
    tie_total = 0.0
    for row in data:
        ranks, ties = average_ranks(row)
        tie_total += ties
        for i, r in enumerate(ranks):
            sums[i] += r
    mean = sum(sums) / n
    s = sum((x - mean) ** 2 for x in sums)
    denominator = m * m * (n**3 - n) - m * tie_total
    if denominator <= 0:
        return None  # every juror tied every entry: nothing to agree on
    return 12 * s / denominator


def icc(data: Sequence[Sequence[float]]) -> dict[str, float] | None:
    """Shrout & Fleiss ICCs from ``data[juror][entry]`` (k jurors, n entries, complete)."""
    k = len(data)
    if k < 2:
        return None
    n = len(data[0])
    if n < 2 or any(len(row) != n for row in data):
        return None
    grand = sum(sum(row) for row in data) / (n * k)
    entry_means = [sum(data[j][i] for j in range(k)) / k for i in range(n)]
    juror_means = [sum(row) / n for row in data]
    ss_total = sum((x - grand) ** 2 for row in data for x in row)
    ss_entries = k * sum((m - grand) ** 2 for m in entry_means)
    ss_jurors = n * sum((m - grand) ** 2 for m in juror_means)
    ss_error = ss_total - ss_entries - ss_jurors
    bms = ss_entries / (n - 1)
    jms = ss_jurors / (k - 1)
    ems = max(ss_error, 0.0) / ((n - 1) * (k - 1))
    out: dict[str, float] = {}
    d21 = bms + (k - 1) * ems + k * (jms - ems) / n
    d2k = bms + (jms - ems) / n
    d31 = bms + (k - 1) * ems
    if d21 <= 0 or d2k <= 0 or d31 <= 0 or bms <= 0:
        return None  # no variance between entries or at all
    out["icc2_1"] = (bms - ems) / d21
    out["icc2_k"] = (bms - ems) / d2k
    out["icc3_1"] = (bms - ems) / d31
    out["icc3_k"] = (bms - ems) / bms
    return out


def category_agreement(data: Sequence[Sequence[float]]) -> dict | None:
    """The ``agreement`` block of a results.json category, or None when it does not apply."""
    if len(data) < 2 or not data or len(data[0]) < 2:
        return None
    w = kendall_w(data)
    c = icc(data)
    return {
        "kendall_w": w,
        "icc": c["icc2_1"] if c else None,
        "icc_kind": "ICC(2,1)",
        "icc_3k": c["icc3_k"] if c else None,
        "jurors": len(data),
        "entries": len(data[0]),
    }
