"""A realistic entry deck in the required 12-slide structure, for demos, tests and benchmarks.

Cover, Identitas Peserta, Baseline, Output x2, Outcome x2, Impact, Quick Win,
Dokumentasi, Prestasi, closing — with photo-like pictures, tables, autoshapes,
styled bulleted text, theme-coloured backgrounds and a chart, as participants'
decks have. ``seed`` varies palette, fonts, wording and pictures.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

_PALETTES = [
    ("1F4E79", "2E75B6", "F4B183", "FFFFFF"),
    ("385723", "70AD47", "FFD966", "FFFFFF"),
    ("7B2C3F", "C0504D", "F2DCDB", "FFFFFF"),
    ("3F3151", "8064A2", "B7DEE8", "FFFFFF"),
]
_FONTS = [("Calibri", "Calibri Light"), ("Arial", "Arial"), ("Cambria", "Calibri"), ("Segoe UI", "Segoe UI")]

_PROGRAMS = [
    "Sistem Informasi Layanan Warga Terpadu", "Dashboard Kota Cerdas", "Aplikasi Pengaduan Masyarakat",
    "Bank Sampah Digital", "Transportasi Publik Terintegrasi", "Satu Data Kabupaten",
]
_BULLETS = [
    "Waktu layanan perizinan turun dari 14 hari menjadi 3 hari",
    "Seluruh kelurahan terhubung jaringan serat optik",
    "Data kependudukan terintegrasi dengan layanan kesehatan",
    "Partisipasi warga melalui aplikasi meningkat 3 kali lipat",
    "Pelatihan literasi digital untuk 2.400 aparatur",
    "Sebanyak 85% pengaduan selesai dalam 48 jam",
    "Kolaborasi dengan 12 perguruan tinggi dan komunitas",
    "Anggaran operasional berkurang 18% per tahun",
]


def _photo(rng: random.Random, w: int = 960, h: int = 640) -> bytes:
    """A photo-like JPEG: sky/ground gradients, shapes, blur and grain (not flat)."""
    from PIL import Image, ImageDraw, ImageFilter

    top = tuple(rng.randint(60, 200) for _ in range(3))
    bottom = tuple(rng.randint(20, 140) for _ in range(3))
    grad = Image.linear_gradient("L").resize((w, h))
    im = Image.composite(Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), grad)
    d = ImageDraw.Draw(im)
    horizon = int(h * rng.uniform(0.45, 0.7))
    d.rectangle([0, horizon, w, h], fill=tuple(rng.randint(30, 120) for _ in range(3)))
    for _ in range(rng.randint(6, 14)):
        x, y = rng.randint(-50, w), rng.randint(int(h * 0.2), h)
        bw, bh = rng.randint(40, 220), rng.randint(60, 300)
        col = tuple(rng.randint(40, 240) for _ in range(3))
        if rng.random() < 0.5:
            d.rectangle([x, y - bh, x + bw, y], fill=col)
            for wy in range(y - bh + 10, y - 10, 24):
                for wx in range(x + 8, x + bw - 8, 22):
                    d.rectangle([wx, wy, wx + 9, wy + 12], fill=(230, 230, 200))
        else:
            d.ellipse([x, y - bh, x + bw, y], fill=col)
    for _ in range(rng.randint(2, 5)):  # people-ish figures
        x, y = rng.randint(0, w), rng.randint(horizon, h)
        col = tuple(rng.randint(0, 255) for _ in range(3))
        d.ellipse([x, y - 120, x + 30, y - 90], fill=(200, 160, 130))
        d.rectangle([x - 5, y - 90, x + 35, y], fill=col)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((w, h), 28).convert("RGB")
    im = Image.blend(im, noise, 0.12)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_structured_deck(path: Path, *, title: str, participant: str, category: str, seed: int = 0) -> Path:
    """Write a 12-slide entry deck to ``path`` and return it."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    rng = random.Random(seed)
    dark, accent, soft, light = (RGBColor.from_string(c) for c in _PALETTES[seed % len(_PALETTES)])
    body_font, head_font = _FONTS[seed % len(_FONTS)]
    program = _PROGRAMS[seed % len(_PROGRAMS)]
    photos = [_photo(rng) for _ in range(6)]

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    W, H = prs.slide_width, prs.slide_height
    blank = prs.slide_layouts[6]
    title_only = prs.slide_layouts[5]

    def pic(slide, i, x, y, w, h):
        return slide.shapes.add_picture(io.BytesIO(photos[i % len(photos)]), x, y, w, h)

    def text(slide, x, y, w, h, lines, size=18, color=None, bold=False, bullets=False, align=None, font=None):
        box = slide.shapes.add_textbox(x, y, w, h)
        tf = box.text_frame
        tf.word_wrap = True
        for k, line in enumerate(lines):
            para = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            run = para.add_run()
            run.text = ("\u2022  " if bullets else "") + line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = font or body_font
            run.font.color.rgb = color or RGBColor(0x26, 0x26, 0x26)
            para.space_after = Pt(6)
            if align is not None:
                para.alignment = align
        return box

    def heading(slide, label):
        t = slide.shapes.title
        t.left, t.top, t.width, t.height = Emu(457200), Emu(228600), W - Emu(914400), Emu(914400)
        t.text = label
        p = t.text_frame.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        for r in p.runs:
            r.font.size = Pt(34)
            r.font.bold = True
            r.font.name = head_font
            r.font.color.rgb = dark
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(457200), Emu(1143000), Emu(1371600), Emu(54864))
        bar.fill.solid()
        bar.fill.fore_color.rgb = accent
        bar.line.fill.background()
        return t

    def bg(slide, rgb):
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb

    def shape(slide, kind, x, y, w, h, fill, label=None, size=16, color=light):
        s = slide.shapes.add_shape(kind, x, y, w, h)
        s.fill.solid()
        s.fill.fore_color.rgb = fill
        s.line.color.rgb = fill
        if label:
            tf = s.text_frame
            tf.word_wrap = True
            tf.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf.text = label
            for para in tf.paragraphs:
                para.alignment = PP_ALIGN.CENTER
                for r in para.runs:
                    r.font.size = Pt(size)
                    r.font.bold = True
                    r.font.name = body_font
                    r.font.color.rgb = color
        return s

    def table(slide, rows, x, y, w, h, widths=None):
        gf = slide.shapes.add_table(len(rows), len(rows[0]), x, y, w, h)
        tbl = gf.table
        for ci in range(len(rows[0])):
            if widths:
                tbl.columns[ci].width = Emu(int(w * widths[ci]))
        for ri, row in enumerate(rows):
            for ci, val in enumerate(row):
                cell = tbl.cell(ri, ci)
                cell.text = str(val)
                for para in cell.text_frame.paragraphs:
                    for r in para.runs:
                        r.font.size = Pt(14)
                        r.font.name = body_font
                if ri == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = dark
                elif ri % 2 == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = soft
        return gf

    picks = rng.sample(_BULLETS, len(_BULLETS))

    # 1 cover
    s = prs.slides.add_slide(blank)
    bg(s, dark)
    pic(s, 0, W // 2, 0, W // 2, H)
    shape(s, MSO_SHAPE.RECTANGLE, 0, Emu(2286000), Emu(6400800), Emu(91440), accent)
    text(s, Emu(457200), Emu(1143000), Emu(5715000), Emu(1143000), [title], size=36, color=light, bold=True,
         font=head_font)
    text(s, Emu(457200), Emu(2514600), Emu(5715000), Emu(1371600), [participant, category, program], size=20,
         color=soft)

    # 2 identitas
    s = prs.slides.add_slide(title_only)
    heading(s, "Identitas Peserta")
    table(s, [["Keterangan", "Isi"], ["Nama instansi", participant], ["Kategori", category],
              ["Program unggulan", program], ["Penanggung jawab", "Kepala Dinas Kominfo"],
              ["Kontak", "smartcity@example.go.id"]],
          Emu(457200), Emu(1485900), Emu(6858000), Emu(3429000), widths=[0.35, 0.65])
    pic(s, 1, Emu(7620000), Emu(1485900), Emu(4114800), Emu(3429000))

    # 3 baseline
    s = prs.slides.add_slide(title_only)
    heading(s, "Baseline: Kondisi Awal")
    text(s, Emu(457200), Emu(1485900), Emu(6400800), Emu(4572000),
         ["Layanan masih manual dan berbasis kertas", "Data antar dinas belum terhubung",
          "Rata-rata 14 hari untuk satu izin usaha", "Keluhan warga tidak terlacak"],
         size=22, bullets=True)
    pic(s, 2, Emu(7200900), Emu(1485900), Emu(4533900), Emu(3200400))

    # 4-5 output
    for k in range(2):
        s = prs.slides.add_slide(title_only)
        heading(s, f"Output {k + 1}: {program if k == 0 else 'Infrastruktur Pendukung'}")
        steps = ["Perencanaan", "Pembangunan", "Uji coba", "Peluncuran"]
        for j, label in enumerate(steps):
            shape(s, MSO_SHAPE.CHEVRON, Emu(457200 + j * 2857500), Emu(1600200), Emu(2743200), Emu(914400),
                  accent if j % 2 == 0 else dark, label, size=16)
        if k == 0:
            text(s, Emu(457200), Emu(2857500), Emu(6400800), Emu(3200400), picks[:4], size=18, bullets=True)
            pic(s, 3, Emu(7315200), Emu(2857500), Emu(4419600), Emu(3200400))
        else:
            table(s, [["Komponen", "Target", "Realisasi"], ["Titik Wi-Fi publik", "250", "312"],
                      ["CCTV terintegrasi", "120", "134"], ["Kios layanan", "40", "38"]],
                  Emu(457200), Emu(2857500), Emu(6400800), Emu(2286000), widths=[0.5, 0.25, 0.25])
            pic(s, 4, Emu(7315200), Emu(2857500), Emu(4419600), Emu(3200400))

    # 6-7 outcome
    s = prs.slides.add_slide(title_only)
    heading(s, "Outcome 1: Kinerja Layanan")
    data = CategoryChartData()
    data.categories = ["2021", "2022", "2023", "2024"]
    data.add_series("Layanan daring (%)", [rng.randint(15, 30), rng.randint(35, 50), rng.randint(55, 70),
                                            rng.randint(75, 95)])
    data.add_series("Kepuasan warga (%)", [rng.randint(50, 60), rng.randint(60, 70), rng.randint(70, 80),
                                            rng.randint(80, 92)])
    gf = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(457200), Emu(1371600), Emu(7315200),
                            Emu(5029200), data)
    chart = gf.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    text(s, Emu(8001000), Emu(1600200), Emu(3733800), Emu(4114800), picks[4:7], size=18, bullets=True)

    s = prs.slides.add_slide(title_only)
    heading(s, "Outcome 2: Partisipasi Warga")
    for j, (num, lab) in enumerate([("3x", "partisipasi"), ("85%", "aduan selesai"), ("48 jam", "respon")]):
        shape(s, MSO_SHAPE.ROUNDED_RECTANGLE, Emu(457200 + j * 3886200), Emu(1600200), Emu(3657600),
              Emu(1828800), [accent, dark, accent][j], f"{num}\n{lab}", size=28)
    text(s, Emu(457200), Emu(3771900), Emu(11277600), Emu(2286000), picks[1:4], size=20, bullets=True)

    # 8 impact (themed background)
    s = prs.slides.add_slide(title_only)
    bg(s, soft)
    heading(s, "Impact bagi Masyarakat")
    shape(s, MSO_SHAPE.OVAL, Emu(457200), Emu(1600200), Emu(3200400), Emu(3200400), dark, "Rp 12 M\nhemat/tahun",
          size=24)
    text(s, Emu(4114800), Emu(1600200), Emu(7620000), Emu(4114800), picks[3:7], size=22, bullets=True)

    # 9 quick win
    s = prs.slides.add_slide(title_only)
    heading(s, "Quick Win")
    for j, label in enumerate(["Izin online 1 hari", "Aduan via WhatsApp", "Peta layanan publik"]):
        shape(s, MSO_SHAPE.RIGHT_ARROW, Emu(457200), Emu(1600200 + j * 1485900), Emu(1371600), Emu(1143000),
              accent)
        shape(s, MSO_SHAPE.RECTANGLE, Emu(2057400), Emu(1600200 + j * 1485900), Emu(5029200), Emu(1143000),
              dark, label, size=22)
    pic(s, 5, Emu(7543800), Emu(1600200), Emu(4191000), Emu(4114800))

    # 10 dokumentasi
    s = prs.slides.add_slide(title_only)
    heading(s, "Dokumentasi Kegiatan")
    for j in range(4):
        x = Emu(457200 + (j % 2) * 5715000)
        y = Emu(1485900 + (j // 2) * 2628900)
        pic(s, j + 1, x, y, Emu(5486400), Emu(2514600))

    # 11 prestasi
    s = prs.slides.add_slide(title_only)
    heading(s, "Prestasi dan Penghargaan")
    shape(s, MSO_SHAPE.STAR_5_POINT, Emu(457200), Emu(1600200), Emu(2286000), Emu(2286000), accent)
    text(s, Emu(3200400), Emu(1600200), Emu(5029200), Emu(4114800),
         ["Juara 1 Smart City Award 2023", "Top 10 Inovasi Pelayanan Publik", "Sertifikasi ISO 27001",
          "Penghargaan Keterbukaan Informasi"], size=22, bullets=True)
    pic(s, 0, Emu(8458200), Emu(1600200), Emu(3276600), Emu(4114800))

    # 12 closing
    s = prs.slides.add_slide(blank)
    bg(s, dark)
    shape(s, MSO_SHAPE.RECTANGLE, Emu(0), Emu(4572000), W, Emu(91440), accent)
    text(s, Emu(457200), Emu(2286000), W - Emu(914400), Emu(1371600), ["Terima Kasih"], size=54, color=light,
         bold=True, align=PP_ALIGN.CENTER, font=head_font)
    text(s, Emu(457200), Emu(4800600), W - Emu(914400), Emu(914400), [participant], size=20, color=soft,
         align=PP_ALIGN.CENTER)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path
