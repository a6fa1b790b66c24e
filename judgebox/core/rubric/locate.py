"""Find the source line of a TOML table or key, so a rubric error can say "line 42".

tomllib returns plain dicts without positions. Errors are rare, so instead of a
position-keeping parser we scan the text once, after the fact, tracking table
headers and array-of-tables indices the way TOML defines them. Paths look like
``("category", 0, "group", 2, "indicator", 1, "max")``.
"""

from __future__ import annotations

import re

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY)

Path = tuple  # tuple[str | int, ...]


def _split(dotted: str) -> list[str]:
    parts = []
    for m in _PART.finditer(dotted):
        token = m.group(0)
        if token[:1] in "\"'":
            token = token[1:-1]
        parts.append(token)
    return parts


class Locator:
    """Maps table and key paths to 1-based line numbers of ``text``."""

    def __init__(self, text: str):
        self.lines: dict[Path, int] = {}
        counts: dict[Path, int] = {}
        current: Path = ()
        depth = 0  # open brackets/braces of a multi-line value
        in_multi: str | None = None  # '"""' or "'''" while inside a multi-line string
        # TOML breaks lines only at \n; str.splitlines() would also split at \x85, \u2028 ...
        for number, line in enumerate(text.split("\n"), start=1):
            if in_multi is None and depth == 0:
                header = _HEADER.match(line)
                if header:
                    is_array = header.group(1) == "[["
                    current = self._resolve(_split(header.group(2)), is_array, counts)
                    self.lines.setdefault(current, number)
                    continue
                assign = _ASSIGN.match(line)
                if assign:
                    key_path = current
                    for part in _split(assign.group(1)):
                        key_path = (*key_path, part)
                        self.lines.setdefault(key_path, number)
            depth, in_multi = _scan(line, depth, in_multi)

    def _resolve(self, names: list[str], is_array: bool, counts: dict[Path, int]) -> Path:
        path: Path = ()
        for i, name in enumerate(names):
            path = (*path, name)
            last = i == len(names) - 1
            if last and is_array:
                index = counts.get(path, -1) + 1
                counts[path] = index
                path = (*path, index)
            elif path in counts:
                path = (*path, counts[path])
        return path

    def line(self, path: Path) -> int | None:
        """Line of ``path``, or of its nearest enclosing table or key that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _scan(line: str, depth: int, in_multi: str | None) -> tuple[int, str | None]:
    """Update bracket depth and multi-line-string state over one line."""
    i, n = 0, len(line)
    while i < n:
        if in_multi is not None:
            end = line.find(in_multi, i)
            if end < 0:
                return depth, in_multi
            i = end + 3
            in_multi = None
            continue
        ch = line[i]
        if ch == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            in_multi = line[i : i + 3]
            i += 3
            continue
        if ch == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        if ch == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth, in_multi
