"""Number formats and automatic axis scales for charts.

Charts store raw numbers plus an Excel number-format code; the slide shows the
formatted text, so a faithful preview needs a (small) Excel formatter and the
1-2-5 "nice" axis scale Office and LibreOffice compute when the file gives none.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

_DATE_TOKEN = re.compile(r"(yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p)", re.I)
_BRACKET = re.compile(r"\[[^\]]*\]")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _split_sections(code: str) -> list[str]:
    out, cur, quoted, esc = [], [], False, False
    for ch in code:
        if esc:
            cur.append(ch)
            esc = False
        elif ch == "\\":
            cur.append(ch)
            esc = True
        elif ch == '"':
            quoted = not quoted
            cur.append(ch)
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _strip_brackets(sec: str) -> str:
    def repl(m: re.Match) -> str:
        inner = m.group(0)[1:-1]
        if inner.startswith("$"):  # [$€-407] -> currency symbol
            return '"' + inner[1:].split("-")[0] + '"'
        return ""
    return _BRACKET.sub(repl, sec)


def _literal(text: str) -> str:
    """Render the literal part of a format section (quotes, escapes, _x, *x)."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = text.find('"', i + 1)
            j = n if j < 0 else j
            out.append(text[i + 1:j])
            i = j + 1
            continue
        if ch == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
            continue
        if ch == "_" and i + 1 < n:
            out.append(" ")
            i += 2
            continue
        if ch == "*" and i + 1 < n:
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _unquoted(sec: str) -> str:
    return re.sub(r'"[^"]*"|\\.', "", sec)


def format_general(v: float) -> str:
    """Excel 'General': integers plainly, otherwise up to ~10 significant digits."""
    if v != v or math.isinf(v):
        return ""
    if v == int(v) and abs(v) < 1e11:
        return str(int(v))
    a = abs(v)
    if a >= 1e11 or a < 1e-9:
        s = f"{v:.5E}"
        mant, exp = s.split("E")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}E{exp[0]}{exp[1:].zfill(2)}"
    digits = max(0, 10 - int(math.floor(math.log10(a))) - 1)
    s = f"{v:.{min(digits, 10)}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _format_date(v: float, sec: str) -> str:
    try:
        d = _dt.datetime(1899, 12, 30) + _dt.timedelta(days=float(v))
    except (OverflowError, ValueError):
        return format_general(v)
    has_ampm = bool(re.search(r"am/pm|a/p", sec, re.I))
    out: list[str] = []
    tokens = []
    pos = 0
    plain = sec
    # tokenise keeping literals
    i = 0
    while i < len(plain):
        ch = plain[i]
        if ch == '"':
            j = plain.find('"', i + 1)
            j = len(plain) if j < 0 else j
            tokens.append(("lit", plain[i + 1:j]))
            i = j + 1
            continue
        if ch == "\\" and i + 1 < len(plain):
            tokens.append(("lit", plain[i + 1]))
            i += 2
            continue
        m = _DATE_TOKEN.match(plain, i)
        if m:
            tokens.append(("tok", m.group(0)))
            i = m.end()
            continue
        tokens.append(("lit", ch))
        i += 1
    del pos
    for k, (kind, t) in enumerate(tokens):
        if kind == "lit":
            out.append(t)
            continue
        tl = t.lower()
        if tl in ("m", "mm"):
            prev = [x for x in tokens[:k] if x[0] == "tok"]
            nxt = [x for x in tokens[k + 1:] if x[0] == "tok"]
            minute = (prev and prev[-1][1].lower() in ("h", "hh")) or (nxt and nxt[0][1].lower() in ("s", "ss"))
            val = d.minute if minute else d.month
            out.append(f"{val:02d}" if tl == "mm" else str(val))
        elif tl == "mmm":
            out.append(_MONTHS[d.month - 1][:3])
        elif tl == "mmmm":
            out.append(_MONTHS[d.month - 1])
        elif tl == "mmmmm":
            out.append(_MONTHS[d.month - 1][0])
        elif tl == "yy":
            out.append(f"{d.year % 100:02d}")
        elif tl == "yyyy":
            out.append(str(d.year))
        elif tl == "d":
            out.append(str(d.day))
        elif tl == "dd":
            out.append(f"{d.day:02d}")
        elif tl == "ddd":
            out.append(_DAYS[d.weekday()][:3])
        elif tl == "dddd":
            out.append(_DAYS[d.weekday()])
        elif tl in ("h", "hh"):
            h = d.hour
            if has_ampm:
                h = h % 12 or 12
            out.append(f"{h:02d}" if tl == "hh" else str(h))
        elif tl in ("s", "ss"):
            out.append(f"{d.second:02d}" if tl == "ss" else str(d.second))
        elif tl in ("am/pm", "a/p"):
            pm = d.hour >= 12
            out.append(("PM" if pm else "AM") if tl == "am/pm" else ("P" if pm else "A"))
    return "".join(out)


def _is_date(sec: str) -> bool:
    u = _unquoted(sec).lower()
    if "general" in u:
        return False
    return bool(re.search(r"[dmyhs]", u)) and not re.search(r"[0#?]", u)


def _format_numeric(v: float, sec: str) -> str:
    body = _unquoted(sec)
    m = re.search(r"[0#?][0#?,.]*|\.[0#?][0#?,]*", sec)
    if "%" in body:
        v = v * (100 ** body.count("%"))
    if m is None:
        if "general" in sec.lower():
            i = sec.lower().index("general")
            return _literal(sec[:i]) + format_general(v) + _literal(sec[i + 7:])
        return _literal(sec)
    span = m.group(0)
    prefix, suffix = sec[:m.start()], sec[m.end():]
    sci = re.match(r"[eE][+-]([0#]+)", suffix)
    while span.endswith(","):  # trailing commas scale by 1000
        v /= 1000.0
        span = span[:-1]
    int_part, _, dec_part = span.partition(".")
    max_dec = sum(1 for c in dec_part if c in "0#?")
    min_dec = sum(1 for c in dec_part if c == "0")
    min_int = sum(1 for c in int_part if c == "0")
    grouping = "," in int_part
    if sci:
        exp_digits = len(sci.group(1))
        suffix = suffix[sci.end():]
        e = 0 if v == 0 else int(math.floor(math.log10(abs(v))))
        mant = v / (10 ** e) if v else 0.0
        s = f"{mant:.{max_dec}f}"
        num = f"{s}E{'-' if e < 0 else '+'}{str(abs(e)).zfill(exp_digits)}"
        return _literal(prefix) + num + _literal(suffix)
    s = f"{abs(v):.{max_dec}f}"
    ip, _, dp = s.partition(".")
    dp = dp.rstrip("0") if max_dec > min_dec else dp
    while len(dp) < min_dec:
        dp += "0"
    ip = ip.lstrip("0")
    ip = ip.rjust(min_int, "0")
    if grouping and ip:
        ip = f"{int(ip):,}"
    num = ip + ("." + dp if dp else ("." if max_dec and not dp and min_dec else ""))
    if num.endswith(".") and min_dec == 0:
        num = num[:-1]
    if num == "":
        num = "0" if min_int or not dp else num
    return _literal(prefix) + num + _literal(suffix)


def format_value(v: float | None, code: str | None) -> str:
    """Format *v* with Excel format *code* (a practical subset: General, 0.00,
    #,##0, percentages, currency/literals, scientific, dates). Never raises."""
    if v is None:
        return ""
    try:
        v = float(v)
        if not code or code.strip().lower() == "general":
            return format_general(v)
        secs = [_strip_brackets(s) for s in _split_sections(code)]
        sec = secs[0]
        neg_own = False
        if v < 0 and len(secs) > 1 and secs[1]:
            sec, neg_own = secs[1], True
        elif v == 0 and len(secs) > 2 and secs[2]:
            sec = secs[2]
        if _is_date(sec):
            return _format_date(v, sec)
        out = _format_numeric(abs(v) if (neg_own or v < 0) else v, sec)
        if v < 0 and not neg_own and re.search(r"[1-9]", out):
            out = "-" + out
        return out
    except Exception:  # a bad code must never break a slide
        return format_general(float(v))


def _nice_ceil(x: float) -> float:
    if x <= 0:
        return 1.0
    e = math.floor(math.log10(x))
    f = x / 10 ** e
    for n in (1, 2, 5, 10):
        if f <= n * (1 + 1e-9):
            return float(n * 10.0 ** e)
    return float(10 * 10.0 ** e)


def auto_scale(lo: float, hi: float, max_intervals: int, *, to_zero: bool = True,
               fmin: float | None = None, fmax: float | None = None,
               fmajor: float | None = None) -> tuple[float, float, float]:
    """Axis (min, max, major step) for data in [lo, hi]: 1-2-5 steps, at most
    *max_intervals* intervals, zero included when the data are "wide" (the
    Excel 1/6 rule), explicit file values (fmin/fmax/fmajor) always win."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or abs(lo) > 1e200 or abs(hi) > 1e200:
        lo, hi = 0.0, 1.0
    fmin = fmin if fmin is not None and math.isfinite(fmin) and abs(fmin) <= 1e200 else None
    fmax = fmax if fmax is not None and math.isfinite(fmax) and abs(fmax) <= 1e200 else None
    fmajor = fmajor if fmajor is not None and math.isfinite(fmajor) and fmajor > 0 else None
    if lo > hi:
        lo, hi = hi, lo
    if to_zero:
        if lo >= 0 and (hi == lo or (hi - lo) / hi > 1 / 6):
            lo = 0.0
        elif hi <= 0 and (lo == hi or (lo - hi) / lo > 1 / 6):
            hi = 0.0
    if fmin is not None:
        lo = fmin
    if fmax is not None:
        hi = fmax
    if hi <= lo:
        if fmax is not None and fmin is None:
            lo = hi - 1
        else:
            hi = lo + (abs(lo) if lo else 1.0)
    max_intervals = max(1, max_intervals)
    # Excel's headroom: 5 % of the data span beyond the data, then round out
    span = hi - lo
    if fmax is None and hi > 0:
        hi = hi + span * 0.05
    if fmin is None and lo < 0:
        lo = lo - span * 0.05
    if fmajor is not None and fmajor > 0 and (hi - lo) / fmajor <= 1000:
        return _expand(lo, hi, fmajor, fmin, fmax)
    step = _nice_ceil((hi - lo) / max_intervals / 2.0)
    for _ in range(60):
        nlo, nhi, _ = _expand(lo, hi, step, fmin, fmax)
        if (nhi - nlo) / step <= max_intervals + 1e-9:
            return nlo, nhi, step
        step = _nice_ceil(step * 1.01)
    return lo, hi, (hi - lo)


def _expand(lo: float, hi: float, step: float, fmin: float | None,
            fmax: float | None) -> tuple[float, float, float]:
    """Round lo/hi outwards to *step*; a data maximum sitting exactly on a tick
    gets one interval of headroom (as Office and LibreOffice do)."""
    nlo = lo if fmin is not None else math.floor(lo / step + 1e-9) * step
    nhi = hi if fmax is not None else math.ceil(hi / step - 1e-09) * step
    if nhi <= nlo:
        nhi = nlo + step
    return nlo, nhi, step


def ticks(lo: float, hi: float, step: float) -> list[float]:
    """Tick values from lo to hi inclusive (bounded count, rounding-safe)."""
    try:
        n = min(int(math.floor((hi - lo) / step + 1e-9)), 200)
    except (OverflowError, ValueError, ZeroDivisionError):
        return [lo]
    if step <= 0 or hi < lo or n < 0:
        return [lo]
    out = []
    for i in range(n + 1):
        t = lo + i * step
        out.append(round(t, 12) if abs(t) > 1e-12 else 0.0)
    return out
