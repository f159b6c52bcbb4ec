"""Floating DrawingML shapes that python-docx cannot make: a text box and a straight line.

Both return one element to append to a run (``w:r``). GB/T 9704 needs them where a
paragraph cannot reach a fixed place on the page:

* the 版记 (§7.4, GBT9704.md §5): its last rule must coincide with the bottom edge of the
  版心 on the last page. A text box anchored to the bottom of the margin box does that in
  Word and LibreOffice; floating tables and framed paragraphs did not (LibreOffice 7.4 laid
  them out inline);
* the 信函格式 red double lines (§10.1) and, optionally, the 版头 red separator: lines at an
  absolute distance from the page top.

Shapes are wrapped in ``mc:AlternateContent`` as Word writes them: the DrawingML choice for
Word 2010+ and LibreOffice, a VML fallback for older readers. Ids come from the caller
(``wp:docPr/@id`` must be unique in the document) and z-order from the id, so the XML is
byte-reproducible.
"""

from __future__ import annotations

import copy
import re
from typing import Literal

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

EMU_PER_PT = 12700
Vertical = Literal["bottom", "top"]
RelativeTo = Literal["page", "margin"]
Compound = Literal["thickThin", "thinThick"] | None

_NAMESPACES = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
}
_DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
_WPS_URI = _NAMESPACES["wps"]
# Word numbers z-order from this base; a fixed base plus the shape id keeps it reproducible.
_Z_BASE = 251658240
_COLOR = re.compile(r"^[0-9A-Fa-f]{6}$")

# wp:anchor children in schema order (CT_Anchor). simplePos="0" means the position comes
# from positionH/positionV; the wp:simplePos element is still required.
_ANCHOR = """<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
 relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="{h_from}">{h_pos}</wp:positionH>
<wp:positionV relativeFrom="{v_from}">{v_pos}</wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/>
<wp:effectExtent l="0" t="0" r="0" b="0"/>
{wrap}
<wp:docPr id="{shape_id}" name=""/>
<wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{wps_uri}">{shape}</a:graphicData></a:graphic>
</wp:anchor>"""

# A text box: no fill, no outline, zero insets, text pinned to the box's bottom (anchor="b")
# so a slightly generous height never lifts the last rule off the 版心 edge.
_TEXT_BOX = """<wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"
 anchor="{text_anchor}" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>"""

# A straight line as Word's "line" tool draws it: a connector with the line preset.
_LINE = """<wps:wsp><wps:cNvCnPr/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>
<a:prstGeom prst="line"><a:avLst/></a:prstGeom>
<a:ln w="{w}"{cmpd}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln></wps:spPr>
<wps:bodyPr/></wps:wsp>"""


def anchored_text_box(
    paragraph_elements: list[BaseOxmlElement],
    width_emu: int,
    height_emu: int,
    shape_id: int,
    name: str,
    vertical: Vertical | int = "bottom",
    relative_to: RelativeTo = "margin",
    wrap_text: bool = True,
) -> BaseOxmlElement:
    """A floating text box centred on the margin box (the 版心) or the page, at its bottom
    or top, or (``vertical`` an int) that many EMU below its top. Append the result to a run of the paragraph the box belongs with: the box
    stays on that paragraph's page.

    ``paragraph_elements`` (``w:p``, or ``w:tbl`` followed by a ``w:p``) are moved into the
    box; the VML fallback gets deep copies. Body text wraps above and below the box, never
    beside it (wrapTopAndBottom), so the body cannot run under the 版记. ``height_emu`` must
    not be smaller than the content (LibreOffice clips it); a larger box keeps the content at
    its bottom (``vertical="bottom"``) but also keeps body text away from the extra space.
    """
    if not paragraph_elements or paragraph_elements[-1].tag != qn("w:p"):
        raise ValueError("a text box must hold content and end with a paragraph (w:p)")
    offset = None
    if isinstance(vertical, int):  # an offset from the top of the page (or margin box)
        align, text_anchor, offset = f"<wp:posOffset>{vertical}</wp:posOffset>", "t", vertical
        vertical = "top"
    else:
        align, text_anchor = f"<wp:align>{_check(vertical, ('bottom', 'top'))}</wp:align>", vertical[0]
    shape = _TEXT_BOX.format(cx=int(width_emu), cy=int(height_emu), text_anchor=text_anchor)
    wrap = "<wp:wrapTopAndBottom/>" if wrap_text else "<wp:wrapNone/>"  # none: body text ignores it
    drawing = _drawing(shape, shape_id, name, width_emu, height_emu, relative_to, align, wrap)
    fallback = _vml_text_box(width_emu, height_emu, shape_id, vertical, relative_to, offset)
    # Deep copies for the fallback first: extend() then moves the originals into the box.
    fallback.find(".//" + qn("w:txbxContent")).extend(copy.deepcopy(p) for p in paragraph_elements)
    drawing.find(".//" + qn("w:txbxContent")).extend(paragraph_elements)
    return _alternate(drawing, fallback)


def anchored_line(
    y_emu: int,
    width_emu: int,
    thickness_emu: int,
    color: str,
    shape_id: int,
    relative_to: RelativeTo = "page",
    compound: Compound = None,
    name: str = "",
) -> BaseOxmlElement:
    """A horizontal line ``y_emu`` below the top of the page (or of the margin box),
    centred horizontally on the same box, in front of the text and not wrapping it.

    ``compound`` draws a double line in one stroke of ``thickness_emu`` total:
    "thickThin" (上粗下细) or "thinThick" (上细下粗), as the 信函格式 needs.
    """
    if not _COLOR.match(color):
        raise ValueError(f"colour must be six hex digits, not {color!r}")
    cmpd = f' cmpd="{_check(compound, ("thickThin", "thinThick"))}"' if compound else ""
    shape = _LINE.format(cx=int(width_emu), w=int(thickness_emu), cmpd=cmpd, color=color.upper())
    offset = f"<wp:posOffset>{int(y_emu)}</wp:posOffset>"
    name = name or f"Line {shape_id}"
    drawing = _drawing(shape, shape_id, name, width_emu, 0, relative_to, offset, "<wp:wrapNone/>")
    fallback = _vml_line(y_emu, width_emu, thickness_emu, color.upper(), shape_id, relative_to, compound)
    return _alternate(drawing, fallback)


def anchored_double_line(
    y_emu: int,
    width_emu: int,
    thickness_emu: int,
    color: str,
    shape_ids: tuple[int, int],
    relative_to: RelativeTo = "page",
    order: Literal["thickThin", "thinThick"] = "thickThin",
) -> list[BaseOxmlElement]:
    """The same double line as ``anchored_line(..., compound=order)``, drawn as two plain
    lines, because LibreOffice 7.4 ignores ``a:ln/@cmpd`` and paints one solid bar.

    The pair fills the band a compound line of ``thickness_emu`` would: thick line half the
    total, gap and thin line a quarter each, centred on ``y_emu`` as a whole.
    """
    quarter = thickness_emu // 4
    thick, thin = thickness_emu - 2 * quarter, quarter
    top = y_emu - thickness_emu // 2
    first, second = (thick, thin) if _check(order, ("thickThin", "thinThick")) == "thickThin" else (thin, thick)
    centres = (top + first // 2, top + thickness_emu - second // 2)
    return [
        anchored_line(centre, width_emu, weight, color, shape_id, relative_to)
        for centre, weight, shape_id in zip(centres, (first, second), shape_ids)
    ]


def _drawing(shape: str, shape_id: int, name: str, cx: int, cy: int, relative_to: str, v_pos: str, wrap: str):
    """``w:drawing/wp:anchor`` around ``shape``, centred horizontally on ``relative_to``."""
    relative = _check(relative_to, ("page", "margin"))
    xml = _ANCHOR.format(
        z=_Z_BASE + int(shape_id),
        h_from=relative,
        h_pos="<wp:align>center</wp:align>",
        v_from=relative,
        v_pos=v_pos,
        cx=int(cx),
        cy=int(cy),
        wrap=wrap,
        shape_id=int(shape_id),
        wps_uri=_WPS_URI,
        shape=shape,
    )
    drawing = parse_xml(f"<w:drawing {_DECLS}>{_compact(xml)}</w:drawing>")
    drawing.find(".//" + qn("wp:docPr")).set("name", name)  # set, not formatted: escapes it
    return drawing


def _alternate(drawing: BaseOxmlElement, fallback: BaseOxmlElement) -> BaseOxmlElement:
    """``mc:AlternateContent``: Word 2010+ and LibreOffice take the DrawingML choice."""
    alternate = parse_xml(
        f'<mc:AlternateContent {_DECLS}><mc:Choice Requires="wps"/><mc:Fallback/></mc:AlternateContent>'
    )
    choice, fallback_slot = alternate
    choice.append(drawing)
    fallback_slot.append(fallback)
    return alternate


def _vml_text_box(
    cx: int, cy: int, shape_id: int, vertical: str, relative_to: str, offset: int | None = None
) -> BaseOxmlElement:
    """VML for readers without DrawingML (Word 2007). Its text anchoring
    (v-text-anchor) is not used by LibreOffice, so pass a height that fits the content."""
    where = f"margin-top:{_pt(offset)}" if offset is not None else f"mso-position-vertical:{vertical}"
    style = _vml_position(relative_to, cx, cy, f"{where};v-text-anchor:{vertical}")
    return _vml(
        f'<v:rect style="{style};z-index:{_Z_BASE + int(shape_id)}" filled="f" stroked="f">'
        '<v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox>'
        '<w10:wrap type="topAndBottom"/></v:rect>'
    )


def _vml_line(
    y: int, cx: int, weight: int, color: str, shape_id: int, relative_to: str, compound: Compound
) -> BaseOxmlElement:
    # A VML line takes its place from from/to, not from margin-top.
    style = _vml_position(relative_to, cx, 0, "mso-position-vertical:absolute")
    stroke = f'<v:stroke linestyle="{compound}"/>' if compound else ""
    return _vml(
        f'<v:line from="0,{_pt(y)}" to="{_pt(cx)},{_pt(y)}" style="{style};z-index:{_Z_BASE + int(shape_id)}"'
        f' strokecolor="#{color}" strokeweight="{_pt(weight)}">{stroke}</v:line>'
    )


def _vml(shape: str) -> BaseOxmlElement:
    return parse_xml(f"<w:pict {_DECLS}>{shape}</w:pict>")


def _vml_position(relative_to: str, cx: int, cy: int, vertical: str) -> str:
    return (
        f"position:absolute;width:{_pt(cx)};height:{_pt(cy)};"
        f"mso-position-horizontal:center;mso-position-horizontal-relative:{relative_to};"
        f"{vertical};mso-position-vertical-relative:{relative_to}"
    )


def _pt(emu: int) -> str:
    """EMU as a VML length; fixed two decimals so output never depends on float repr."""
    return f"{emu / EMU_PER_PT:.2f}pt"


def _check(value, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {allowed}")
    return value


def _compact(xml: str) -> str:
    """Drop the template's line breaks: whitespace between elements must not reach the part."""
    return re.sub(r">\s+<", "><", xml.replace("\n", " "))
