"""SmartArt: drawn from the diagram's stored drawing part; else a titled placeholder."""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from judgebox.core.render.api import iter_slide_pngs

from .conftest import pixel

W, H = 12192000, 6858000
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
RT_DATA = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData"
RT_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"


def _frame(rid_dm: str) -> etree._Element:
    return etree.fromstring(
        f'<p:graphicFrame {NS}><p:nvGraphicFramePr><p:cNvPr id="50" name="Diagram"/><p:cNvGraphicFramePr/>'
        f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{W // 2}" y="{H // 2}"/>'
        f'<a:ext cx="{W // 2}" cy="{H // 2}"/></p:xfrm><a:graphic><a:graphicData uri="{DGM}">'
        f'<dgm:relIds xmlns:dgm="{DGM}" r:dm="{rid_dm}" r:lo="rIdX1" r:qs="rIdX2" r:cs="rIdX3"/>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _deck_with_smartart(new_deck, with_drawing: bool) -> bytes:
    prs, blank, to_bytes = new_deck
    s = blank()
    package = prs.part.package
    rid_drawing = "rIdNone"
    if with_drawing:
        drawing_xml = (
            f'<dsp:drawing xmlns:dsp="{DSP}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            "<dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id=\"0\" name=\"\"/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr>"
            "<dsp:grpSpPr/><dsp:sp modelId=\"{1}\"><dsp:nvSpPr><dsp:cNvPr id=\"0\" name=\"\"/><dsp:cNvSpPr/>"
            f'</dsp:nvSpPr><dsp:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{W // 4}" cy="{H // 4}"/></a:xfrm>'
            '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="00B050"/>'
            "</a:solidFill></dsp:spPr><dsp:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr sz=\"2000\"/>"
            "<a:t>Langkah 1</a:t></a:r></a:p></dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>"
        ).encode()
        drawing = Part(PackURI("/ppt/diagrams/drawing1.xml"),
                       "application/vnd.ms-office.drawingml.diagramDrawing+xml", package, drawing_xml)
        rid_drawing = s.part.relate_to(drawing, RT_DRAWING)
    data_xml = (
        f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<dgm:ptLst/><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram">'
        f'<dsp:dataModelExt xmlns:dsp="{DSP}" relId="{rid_drawing}" minVer="x"/></a:ext></dgm:extLst>'
        "</dgm:dataModel>"
    ).encode()
    data = Part(PackURI("/ppt/diagrams/data1.xml"),
                "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml", package, data_xml)
    rid_dm = s.part.relate_to(data, RT_DATA)
    s.shapes._spTree.append(_frame(rid_dm))
    return to_bytes()


def test_smartart_is_drawn_from_its_stored_drawing(new_deck):
    png = next(iter(iter_slide_pngs(_deck_with_smartart(new_deck, True), 640)))[1]
    # the green box sits at the frame's origin (drawing coordinates are frame-relative)
    r, g, b = pixel(png, 0.52, 0.52)
    assert g > 150 and r < 80 and b < 140
    assert pixel(png, 0.9, 0.9) == (255, 255, 255)


def test_smartart_without_drawing_is_a_titled_placeholder(new_deck):
    png = next(iter(iter_slide_pngs(_deck_with_smartart(new_deck, False), 640)))[1]
    r, g, b = pixel(png, 0.55, 0.55)
    assert 200 < r < 250 and abs(r - g) < 15  # the light grey placeholder box
