"""Lampiran "Hasil Visitasi Lapangan": the site visits of ``results.json`` as reportlab flowables.

For every entry with visits: when, where, who went, who signed the visit file;
each claim checked (verified / partly / not verified, with the note); free notes;
and a photo grid with caption, time taken and GPS position. ``results.json``
names each photo by sha256 and the visit file it came from; the photo bytes are
read again from that file (signature and every photo's sha256 checked) when the
lampiran is printed, so the minutes show exactly what the field team signed.

The minutes call ``visit_appendix_flowables(results, styles, width=..., lang=...)``
and add the list to their story (an empty list when no entry has visits).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from judgebox.core.report.pdfkit import PORTRAIT, Styles, esc, multiline, translator
from judgebox.core.report.tables import TALL_ROW, bounded_rows, grid_table

MARGIN_GUESS = 20 * mm
STATUS_COLOURS = {"verified": "#1E7B34", "partly": "#9A6700", "not-verified": "#B42318"}
STATUS_TEXT = {"verified": "verified", "partly": "partly verified", "not-verified": "not verified"}
PHOTO_COLUMNS = 3

PhotoLoader = Callable[[str, str], "bytes | None"]


def entries_with_visits(results: dict) -> list[tuple[dict, dict]]:
    """(category, entry) pairs that carry visits, in the results' order."""
    return [(cat, e) for cat in results.get("categories", []) for e in cat.get("entries", []) if e.get("visits")]


class VisitFilePhotos:
    """Reads photo bytes from the visit files named in results.json, each file opened once."""

    def __init__(self, base: Path | None = None):
        self.base = base
        self._files: dict[str, dict[str, bytes] | str] = {}

    def problem(self, file: str) -> str | None:
        got = self._open(file)
        return got if isinstance(got, str) else None

    def _open(self, file: str) -> dict[str, bytes] | str:
        if file not in self._files:
            from judgebox.core.errors import JudgeBoxError
            from judgebox.core.visit.visitfile import open_visit_file

            path = Path(file)
            if not path.is_absolute() and self.base is not None and not path.exists():
                path = self.base / path
            try:
                self._files[file] = open_visit_file(path).photo_data
            except JudgeBoxError as exc:
                self._files[file] = str(exc)
        return self._files[file]

    def __call__(self, file: str, sha: str) -> bytes | None:
        got = self._open(file)
        return None if isinstance(got, str) else got.get(sha)


def _indicator_names(cat: dict) -> dict[str, str]:
    return {i["id"]: i.get("name", i["id"]) for g in cat.get("groups_meta", []) for i in g.get("indicators", [])}


# hemispheres: Indonesian Lintang Selatan/Utara, Bujur Timur/Barat
_COMPASS = {"id": ("LS", "LU", "BT", "BB"), "en": ("S", "N", "E", "W")}


def _gps(photo: dict, lang: str = "id") -> str:
    gps = photo.get("gps")
    if not isinstance(gps, dict):
        return ""
    lat, lon = gps.get("lat"), gps.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return ""
    south, north, east, west = _COMPASS.get(lang, _COMPASS["en"])
    return f"{abs(lat):.5f}° {south if lat < 0 else north}, {abs(lon):.5f}° {east if lon >= 0 else west}"


def _when(taken: str) -> str:
    if not taken or "T" not in taken:
        return taken or ""
    d, t = taken.split("T", 1)
    y, m, dd = d.split("-")
    return f"{dd}-{m}-{y} {t[:5]}"


def _date(value: str, lang: str) -> str:
    if not value:
        return "-"
    try:
        from datetime import date

        from judgebox.core.report.words import date_long

        d = date.fromisoformat(value)
        return date_long(d) if lang != "en" else f"{d.day} {d.strftime('%B')} {d.year}"
    except Exception:  # noqa: BLE001 - an odd date prints as written
        return value


def visit_appendix_flowables(results: dict, styles: Styles | None = None, *, width: float | None = None,
                             lang: str | None = None, photos: PhotoLoader | None = None,
                             page_break: bool = True) -> list:
    """The lampiran's flowables; [] when no entry has visits.

    ``width``: the frame width (default: A4 portrait less 2 x 20 mm). ``photos``: a
    ``(visit file, sha256) -> JPEG bytes | None`` loader (default: read the visit files
    named in results.json). ``page_break``: start on a new page.
    """
    pairs = entries_with_visits(results)
    if not pairs:
        return []
    st = styles or Styles(10.5)
    tr = translator(lang)
    lang = lang or "id"
    width = width or PORTRAIT[0] - 2 * MARGIN_GUESS
    loader = photos or VisitFilePhotos()
    story: list = [PageBreak()] if page_break else []
    story.append(Paragraph(esc(tr("Appendix: Site Visit Findings")), st.title))
    story.append(Paragraph(esc(tr("Claims of the entries checked on the ground by the field team, with "
                                  "the photos taken. Each visit comes from a signed visit file.")), st.center))
    story.append(Spacer(1, 4 * mm))
    for n, (cat, entry) in enumerate(pairs, 1):
        names = _indicator_names(cat)
        heading = f"{n}. {esc(entry.get('name', ''))} ({esc(entry.get('id', ''))}) — {esc(cat.get('name', ''))}"
        for visit in entry["visits"]:
            story.append(CondPageBreak(60 * mm))
            story.append(Paragraph(heading, st.h1))
            story.extend(_visit_block(visit, names, st, tr, lang, width, loader))
            story.append(Spacer(1, 5 * mm))
    return story


def _visit_block(visit: dict, names: dict[str, str], st: Styles, tr, lang: str, width: float,
                 loader: PhotoLoader) -> list:
    out: list = []
    label_w = 38 * mm
    by = f"{esc(visit.get('by', ''))} <font size='7'>({esc(visit.get('fingerprint', ''))}, " \
         f"{esc(tr('revision {revision}', revision=visit.get('revision', '')))})</font>"
    info = [
        [Paragraph(esc(tr("Date of visit")), st.cell_b), Paragraph(esc(_date(visit.get("date", ""), lang)), st.cell)],
        [Paragraph(esc(tr("Place visited")), st.cell_b), Paragraph(esc(visit.get("place") or "-"), st.cell)],
        [Paragraph(esc(tr("Field team")), st.cell_b),
         Paragraph(esc(", ".join(visit.get("team") or []) or "-"), st.cell)],
        [Paragraph(esc(tr("Signed by")), st.cell_b), Paragraph(by, st.cell)],
    ]
    # a long place or team list continues in rows below rather than outgrow a page
    info, _spans = bounded_rows(info, [label_w, width - label_w], header_rows=0, pad=(0, 2.5))
    t = Table(info, colWidths=[label_w, width - label_w])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    out.append(t)
    out.append(Spacer(1, 2 * mm))
    checks = [c for c in visit.get("checks") or [] if c.get("status") or c.get("note")]
    if checks:
        rows: list[list] = [[tr("No"), tr("Claim checked"), tr("Finding"), tr("Note")]]
        for i, c in enumerate(checks, 1):
            status = c.get("status", "")
            colour = STATUS_COLOURS.get(status, "#444444")
            label = tr(STATUS_TEXT[status]) if status in STATUS_TEXT else tr("not checked")
            rows.append([str(i), Paragraph(esc(names.get(c.get("indicator", ""), c.get("indicator", ""))), st.cell),
                         Paragraph(f"<font color='{colour}'><b>{esc(label)}</b></font>", st.cell),
                         Paragraph(multiline(c.get("note", "")), st.cell)])
        widths = [9 * mm, width * 0.32, 34 * mm]
        widths.append(width - sum(widths))
        out.append(grid_table(rows, widths, extra=[("VALIGN", (0, 1), (-1, -1), "TOP"),
                                                   ("ALIGN", (0, 1), (0, -1), "CENTER")]))
        out.append(Spacer(1, 2 * mm))
    if visit.get("notes"):
        out.append(Paragraph(f"<b>{esc(tr('Notes'))}:</b> {multiline(visit['notes'])}", st.left))
    photos = visit.get("photos") or []
    if photos:
        grid = _photo_grid(visit, photos, st, tr, lang, width, loader)
        # the heading never stays alone at the foot of a page: it goes with the first row
        out.append(KeepTogether([Paragraph(esc(tr("Photos ({n})", n=len(photos))), st.h2), grid[0]]))
        out.extend(grid[1:])
    return out


def _photo_grid(visit: dict, photos: list[dict], st: Styles, tr, lang: str, width: float,
                loader: PhotoLoader) -> list:
    gap = 3 * mm
    col_w = (width - gap * (PHOTO_COLUMNS - 1)) / PHOTO_COLUMNS
    img_h = col_w * 0.75
    file = str(visit.get("file", ""))
    cells: list = []
    long_captions: list = []
    for i, p in enumerate(photos, 1):
        data = loader(file, p.get("sha256", ""))
        if data:
            w, h = p.get("width") or 4, p.get("height") or 3
            scale = min(col_w / w, img_h / h)
            pic = Image(io.BytesIO(data), width=w * scale, height=h * scale)
        else:
            pic = Paragraph(f"<i>{esc(tr('photo not available'))}</i>", st.cell_c)
        meta = [x for x in (_when(p.get("taken", "")), _gps(p, "en" if lang == "en" else "id")) if x]
        caption = f"<b>{i}.</b> {esc(p.get('caption') or p.get('filename') or '')}"
        if meta:
            caption += f"<br/><font size='7' color='#555555'>{esc(' · '.join(meta))}</font>"
        para = Paragraph(caption, st.small)
        if para.wrap(col_w, 1e6)[1] > TALL_ROW / 2:
            # a caption too long for the grid is printed whole under the photos
            long_captions.append(para)
            para = Paragraph(f"<b>{i}.</b> <i>{esc(tr('(caption below the photos)'))}</i>", st.small)
        cells.append([pic, para])
    rows = []
    for start in range(0, len(cells), PHOTO_COLUMNS):
        chunk = cells[start:start + PHOTO_COLUMNS]
        chunk += [["", ""]] * (PHOTO_COLUMNS - len(chunk))
        inner = [Table([[c[0]], [c[1]]], colWidths=[col_w], rowHeights=[img_h + 2, None]) for c in chunk]
        for t in inner:
            t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, 0), "CENTER"), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        rows.append(inner)
    out = []
    for row in rows:
        grid = Table([row], colWidths=[col_w + (gap if j < PHOTO_COLUMNS - 1 else 0) for j in range(PHOTO_COLUMNS)])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out.append(grid)
    return out + long_captions


def write_visit_appendix(results: dict, out: str | Path, *, lang: str | None = None) -> Path:
    """The lampiran alone as a PDF (for checking, and for the coordinator before the minutes exist)."""
    from judgebox.core.atomic import atomic_write_bytes
    from judgebox.core.report.pdfkit import Furniture, ReportDoc

    tr = translator(lang)
    title = str((results.get("event") or {}).get("title") or "")
    buf = io.BytesIO()
    furniture = Furniture(verification=str(results.get("verification") or ""),
                          page_label=tr("Page {page} of {total}"), code_label=tr("Verification code: {code}"),
                          running_head=f"{tr('Appendix: Site Visit Findings')} — {title}")
    doc = ReportDoc(buf, furniture, title=tr("Appendix: Site Visit Findings"), subject=title)
    story = visit_appendix_flowables(results, Styles(10.5), width=doc.portrait_width, lang=lang, page_break=False)
    if not story:
        story = [Paragraph(esc(tr("No site visits were recorded.")), Styles(10.5).body)]
    doc.build_story(story)
    atomic_write_bytes(out, buf.getvalue())
    return Path(out)

