"""What the check and the HTML-only rendering need from one HTML page.

The standard library's tolerant parser is enough: title, headings, text
blocks, links (with whether they sit in the navigation), forms and the few
element types and script addresses that reveal interactive features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "pre", "figcaption", "address", "div", "article",
           "section", "tr", "ul", "ol", "table", "nav", "header", "footer", "main", "aside", "form"}
_SKIP = {"script", "style", "noscript", "template", "svg"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NAV_HINT = re.compile(r"(^|[\s_-])(nav|navbar|menu|mainmenu|main-menu|navigation|header)([\s_-]|$)", re.I)
_SPACE = re.compile(r"\s+")
MAX_BLOCKS = 2_000
MAX_LINKS = 2_000


@dataclass
class PageLink:
    url: str  # absolute, without fragment
    text: str
    in_nav: bool


@dataclass
class ParsedPage:
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)
    blocks: list[str] = field(default_factory=list)  # paragraph-like text in document order
    #: headings and blocks in document order: (heading level, or 0 for text; text; inside the navigation)
    flow: list[tuple[int, str, bool]] = field(default_factory=list)
    links: list[PageLink] = field(default_factory=list)
    forms: int = 0
    inputs: list[str] = field(default_factory=list)  # input types, "textarea", "select"
    iframes: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # external script addresses
    inline_script: str = ""  # first bytes of inline scripts (chat widgets are often inline)
    ids_classes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.title, *(h for _lvl, h in self.headings), *self.blocks])


class _Parser(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.page = ParsedPage()
        self.skip = 0
        self.nav = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a nav)
        self.in_title = False
        self.heading: tuple[int, list[str]] | None = None
        self.link: tuple[str, list[str], bool] | None = None
        self.buf: list[str] = []
        self.in_script = False

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if text and len(self.page.blocks) < MAX_BLOCKS:
            self.page.blocks.append(text)
            self.page.flow.append((0, text, self.nav > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "base" and a.get("href"):
            self.base = urljoin(self.base, a["href"])
        if tag == "script":
            if a.get("src"):
                self.page.scripts.append(urljoin(self.base, a["src"]))
            self.in_script = True
        if tag in _SKIP:
            self.skip += 1
            return
        marker = " ".join(filter(None, (a.get("id", ""), a.get("class", ""), a.get("role", ""))))
        if marker:
            self.page.ids_classes.append(marker.lower()[:200])
        opens_nav = tag in ("nav", "header") or a.get("role") == "navigation" or bool(_NAV_HINT.search(marker))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "area", "wbr", "col"):
            self.stack.append((tag, opens_nav))
            if opens_nav:
                self.nav += 1
        if tag == "title":
            self.in_title = True
        elif tag in _HEADINGS:
            self._flush()
            self.heading = (int(tag[1]), [])
        elif tag == "a" and a.get("href"):
            self.link = (a["href"], [], self.nav > 0)
        elif tag in _BLOCKS or tag == "br":
            self._flush()
        if tag == "form":
            self.page.forms += 1
        elif tag == "input":
            self.page.inputs.append((a.get("type") or "text").lower())
        elif tag in ("textarea", "select"):
            self.page.inputs.append(tag)
        elif tag == "iframe" and a.get("src"):
            self.page.iframes.append(urljoin(self.base, a["src"]))
        if tag == "img" and a.get("alt") and self.link is not None:
            self.link[1].append(" " + a["alt"] + " ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag in _HEADINGS and self.heading is not None:
            text = _SPACE.sub(" ", "".join(self.heading[1])).strip()
            if text:
                self.page.headings.append((self.heading[0], text))
                if len(self.page.flow) < MAX_BLOCKS:
                    self.page.flow.append((self.heading[0], text, self.nav > 0))
            self.heading = None
        elif tag == "a" and self.link is not None:
            href, parts, in_nav = self.link
            self.link = None
            url = _absolute(self.base, href)
            if url and len(self.page.links) < MAX_LINKS:
                self.page.links.append(PageLink(url, _SPACE.sub(" ", "".join(parts)).strip(), in_nav))
        elif tag in _BLOCKS:
            self._flush()
        # pop to the matching open tag (HTML in the wild is not always balanced)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _t, was_nav in self.stack[i:]:
                    if was_nav:
                        self.nav -= 1
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.in_script and self.skip:
            if len(self.page.inline_script) < 20_000:
                self.page.inline_script += data[:5_000]
            return
        if self.skip:
            return
        if self.in_title:
            self.page.title += data
            return
        if self.heading is not None:
            self.heading[1].append(data)
        else:
            self.buf.append(data)
        if self.link is not None:
            self.link[1].append(data)


def _absolute(base: str, href: str) -> str:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return ""
    try:
        url, _frag = urldefrag(urljoin(base, href))
    except ValueError:
        return ""
    return url if url.startswith(("http://", "https://")) else ""


def decode(body: bytes, content_type_header: str = "") -> str:
    """Bytes to text: the declared charset, a <meta charset>, else UTF-8 with replacement."""
    m = re.search(rb"<meta[^>]+charset=[\"']?([a-zA-Z0-9_-]+)", body[:4096], re.I)
    for enc in (content_type_header, m.group(1).decode("ascii", "ignore") if m else "", "utf-8"):
        if not enc:
            continue
        try:
            return body.decode(enc, errors="replace")
        except LookupError:
            continue
    return body.decode("utf-8", errors="replace")


def parse_html(body: bytes, base_url: str) -> ParsedPage:
    parser = _Parser(base_url)
    try:
        parser.feed(decode(body))
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is tolerant; keep what was read before an oddity
        pass
    parser._flush()
    page = parser.page
    page.title = _SPACE.sub(" ", page.title).strip()[:300]
    return page
