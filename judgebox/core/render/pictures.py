"""Pictures: crop, flips, transparency, and images sized for the page.

Photos in decks are often far larger than the slide area they fill. Embedding
them whole makes both the PDF and the rasteriser slow, so each image is reduced
to what the page needs (``px_per_pt``) once per deck and re-used. JPEGs that are
already small enough pass through untouched (no decode). Formats Pillow cannot
read (EMF/WMF/SVG-only) become a visible placeholder box.

A PDF that is only rasterised (``for_raster``) gets its images as raw pixels,
nobody re-encodes a JPEG. A JPEG at least twice the size the page shows is
decoded here at 1/2, 1/4 or 1/8 scale (libjpeg decodes at a reduced scale for a
fraction of the cost of a full decode, which is what PDFium would do with the
whole JPEG); a smaller one stays a JPEG for PDFium to decode on its thread, beside
the drawing: the drawing thread is the busier side, and decoding it here would only
move the same work onto it (tests/bench/bench_render.py times the whole deck).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

from judgebox.core.i18n import _
from judgebox.core.render.ooxml import R_EMBED, R_LINK, child, int_attr
from judgebox.core.render.paint import Fill

# images only ever drawn this much sharper than needed
_MAX_OVERSAMPLE = 2.0
# for a PDF that is only rasterised: how far below the page's resolution a JPEG may be decoded
_DRAFT_SLACK = 0.8


class ImageStore:
    """Per-deck cache of images prepared for drawing (keyed by part name and size)."""

    def __init__(self, px_per_pt: float = 2.0, *, for_raster: bool = False):
        self.px_per_pt = px_per_pt
        self.for_raster = for_raster
        self._cache: dict[tuple, Prepared | None] = {}
        self.font = "Helvetica"

    def image_for(self, part, rid: str | None, w_pt: float, h_pt: float):
        """The related image prepared for drawing, or None when it cannot be drawn."""
        if not rid:
            return None
        try:
            img_part = part.related_part(rid)
        except (KeyError, AttributeError):
            return None
        need_w = max(8, int(abs(w_pt) * self.px_per_pt))
        need_h = max(8, int(abs(h_pt) * self.px_per_pt))
        bucket = (need_w // 64 + 1) * 64, (need_h // 64 + 1) * 64
        key = (str(getattr(img_part, "partname", id(img_part))), bucket)
        if key not in self._cache:
            self._cache[key] = _prepare(getattr(img_part, "blob", b""), (need_w, need_h), bucket,
                                        f"jbimg{len(self._cache)}", raw=self.for_raster)
        return self._cache[key]

    def draw_blip(self, canvas, blip_fill, part, box, *, clip: bool = True) -> bool:
        """Draw a:blipFill's image into box (x, y, w, h, y-down) honouring srcRect and alpha."""
        x, y, w, h = box
        blip = child(blip_fill, "blip")
        if blip is None:
            return False
        rid = blip.get(R_EMBED) or blip.get(R_LINK)
        left = t = r = b = 0.0
        src = child(blip_fill, "srcRect")
        if src is not None:
            left, t, r, b = ((int_attr(src, k, 0) or 0) / 100000 for k in ("l", "t", "r", "b"))
        fw_frac, fh_frac = 1 - left - r, 1 - t - b
        if fw_frac <= 0.001 or fh_frac <= 0.001:
            return True
        fw, fh = w / fw_frac, h / fh_frac
        got = self.image_for(part, rid, fw, fh)
        if got is None:
            draw_placeholder(canvas, box, _("image"), self.font)
            return False
        alpha = 1.0
        amf = child(blip, "alphaModFix")
        if amf is not None:
            alpha = (int_attr(amf, "amt", 100000) or 0) / 100000
        canvas.saveState()
        if clip and (left > 0 or t > 0 or r > 0 or b > 0):
            p = canvas.beginPath()
            p.rect(x, y, w, h)
            canvas.clipPath(p, stroke=0, fill=0)
        if alpha < 1:
            canvas.setFillAlpha(alpha)
        canvas.translate(x - left * fw, y - t * fh + fh)
        canvas.scale(1, -1)
        place_image(canvas, got, 0, 0, fw, fh)
        canvas.restoreState()
        return True

    def draw_blip_fill(self, canvas, fill: Fill, box) -> None:
        """A picture fill: stretched into the box, or repeated at its own size for a:tile."""
        tile = child(fill.blip, "tile")
        if tile is None or not self._tile(canvas, fill, tile, box):
            self.draw_blip(canvas, fill.blip, fill.part, box, clip=False)

    def _tile(self, canvas, fill: Fill, tile, box) -> bool:
        from PIL import Image

        blip = child(fill.blip, "blip")
        rid = blip.get(R_EMBED) if blip is not None else None
        try:
            part = fill.part.related_part(rid)
            with Image.open(io.BytesIO(part.blob)) as im:
                dpi = im.info.get("dpi", (96, 96))
                w_pt = im.width * 72 / max(1.0, float(dpi[0] or 96))
                h_pt = im.height * 72 / max(1.0, float(dpi[1] or 96))
        except Exception:
            return False
        w_pt *= (int_attr(tile, "sx", 100000) or 100000) / 100000
        h_pt *= (int_attr(tile, "sy", 100000) or 100000) / 100000
        x, y, w, h = box
        if w_pt < 2 or h_pt < 2 or (w / w_pt) * (h / h_pt) > 2500:
            return False  # degenerate or absurdly many tiles: stretch instead
        img = self.image_for(fill.part, rid, w_pt, h_pt)
        if img is None:
            return False
        amf = child(blip, "alphaModFix")
        if amf is not None:
            canvas.setFillAlpha((int_attr(amf, "amt", 100000) or 0) / 100000)
        ox = x + (int_attr(tile, "tx", 0) or 0) / 12700
        oy = y + (int_attr(tile, "ty", 0) or 0) / 12700
        ty = oy
        while ty < y + h:
            tx = ox
            while tx < x + w:
                canvas.saveState()
                canvas.translate(tx, ty + h_pt)
                canvas.scale(1, -1)
                place_image(canvas, img, 0, 0, w_pt, h_pt)
                canvas.restoreState()
                tx += w_pt
            ty += h_pt
        return True


@dataclass
class Prepared:
    """An image ready to become a PDF image XObject without further work."""

    key: str
    width: int
    height: int
    color_space: str
    data: bytes  # DCT (JPEG) stream, or raw samples when filters is ()
    smask: bytes | None = None  # Flate-compressed 8-bit alpha, or None
    filters: tuple[str, ...] = ("DCTDecode",)


_CS = {"RGB": "DeviceRGB", "L": "DeviceGray"}


def _prepare(blob: bytes, need: tuple[int, int], bucket: tuple[int, int], key: str, *,
             raw: bool = False) -> Prepared | None:
    from PIL import Image

    try:
        im = Image.open(io.BytesIO(blob))
        fmt = im.format
        w, h = im.size
    except Exception:
        return None
    tw, th = bucket
    try:
        # raw: libjpeg scales by 1/2, 1/4, 1/8 while decoding, almost for free, and for the
        # rasteriser a little less than the page's resolution is fine (its last scale interpolates)
        draftable = raw and w // 2 >= need[0] * _DRAFT_SLACK and h // 2 >= need[1] * _DRAFT_SLACK
        if fmt == "JPEG" and not draftable and im.mode in _CS and min(w / tw, h / th) <= _MAX_OVERSAMPLE:
            return Prepared(key, w, h, _CS[im.mode], blob)  # the file's own JPEG, decoded by the rasteriser
        if fmt == "JPEG":
            im.draft("RGB", (int(need[0] * _DRAFT_SLACK), int(need[1] * _DRAFT_SLACK)) if raw else (tw, th))
        if im.mode == "P":
            im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        elif im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA" if "A" in im.mode else "RGB")
        # how many times sharper than shown, in the less oversized direction (pictures are often
        # stretched); up to _MAX_OVERSAMPLE, resizing here costs the drawing thread more than
        # it saves PDFium
        scale = min(im.width / tw, im.height / th)
        if scale > _MAX_OVERSAMPLE:
            im = im.resize((max(1, round(im.width / scale)), max(1, round(im.height / scale))), Image.BILINEAR,
                           reducing_gap=2.0)
        smask = None
        if im.mode in ("RGBA", "LA"):
            alpha = im.getchannel("A")
            if alpha.getextrema()[0] < 250:
                smask = zlib.compress(alpha.tobytes(), 1)
            im = im.convert("RGB" if im.mode == "RGBA" else "L")
        if raw:
            return Prepared(key, im.width, im.height, _CS[im.mode], im.tobytes(), smask, ())
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=90)
        return Prepared(key, im.width, im.height, _CS[im.mode], buf.getvalue(), smask)
    except Exception:
        return None


def place_image(canvas, img: Prepared, x: float, y: float, w: float, h: float) -> None:
    """Draw a prepared image into the unit square scaled to (x, y, w, h).

    Registers the XObject once per document. reportlab's drawImage would decode
    every image just to hash it and re-encode anything that is not a JPEG file.
    """
    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    doc = canvas._doc
    reg = doc.getXObjectName(img.key)
    if doc.idToObject.get(reg) is None:
        xo = PDFImageXObject(img.key)
        xo.width, xo.height, xo.bitsPerComponent = img.width, img.height, 8
        xo.colorSpace, xo._filters, xo.streamContent, xo.mask = img.color_space, img.filters, img.data, None
        if img.smask is not None:
            sm = PDFImageXObject(img.key + "a")
            sm.width, sm.height, sm.bitsPerComponent = img.width, img.height, 8
            sm.colorSpace, sm._filters, sm.streamContent, sm.mask = "DeviceGray", ("FlateDecode",), img.smask, None
            canvas._setXObjects(sm)
            xo.smask = doc.Reference(sm, doc.getXObjectName(sm.name))
        canvas._setXObjects(xo)
        doc.Reference(xo, reg)
        doc.addForm(img.key, xo)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(w, h)
    canvas._code.append(f"/{reg} Do")
    canvas.restoreState()
    canvas._formsinuse.append(img.key)


def draw_placeholder(canvas, box, label: str, font: str = "Helvetica") -> None:
    """A light box with a border and a label: what we draw for content we cannot render."""
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return
    canvas.saveState()
    canvas.setFillColorRGB(0.93, 0.93, 0.95)
    canvas.setStrokeColorRGB(0.6, 0.6, 0.65)
    canvas.setLineWidth(0.75)
    canvas.rect(x, y, w, h, stroke=1, fill=1)
    if label:
        size = max(6.0, min(14.0, h / 6, w / max(4, len(label)) * 1.6))
        canvas.setFillColorRGB(0.35, 0.35, 0.4)
        tx = canvas.beginText()
        tx.setTextTransform(1, 0, 0, -1, x + w / 2, y + h / 2 + size / 3)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        try:
            tw = stringWidth(label, font, size)
        except Exception:
            font, tw = "Helvetica", stringWidth(label, "Helvetica", size)
        tx.setTextTransform(1, 0, 0, -1, x + (w - tw) / 2, y + h / 2 + size / 3)
        tx.setFont(font, size)
        tx.textOut(label)
        canvas.drawText(tx)
    canvas.restoreState()
