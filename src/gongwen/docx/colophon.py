"""The 版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 between a thick rule above and a thick
rule below (thin rules between elements), 版心 wide, in 4号仿宋, at the foot of the last page.
"""

from __future__ import annotations

import copy
import math

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from gongwen.docx import layout, oxml, pagination
from gongwen.wording.blocks import Block, Kind
from gongwen.docx.paragraphs import BodyWriter, exact_height
from gongwen.docx.shapes import anchored_text_box
from gongwen.wording.widths import text_width

CHAR = 280  # 一字 of the 版记: one 4号 (14 pt) character, in twips


def write_colophon(writer: BodyWriter, blocks: list[Block]) -> None:
    """Text lines indented 一字 between rule paragraphs as wide as the 版心: thick, thin…, thick."""
    texts, ruled = [], []  # ruled: a rule below this line (none between 主送 and 抄送, §7.4)
    for block in blocks:
        if block.kind is Kind.COPIES_TO:
            label = RECIPIENTS_LABEL if block.text.startswith(RECIPIENTS_LABEL) else "抄送："
            texts.append(_copies_to(writer, block.text, label))
            ruled.append(label != RECIPIENTS_LABEL)
        elif block.kind is Kind.ISSUED:
            texts.append(_issued(writer, block.text))
            ruled.append(True)
    paragraphs = [_rule(writer, layout.COLOPHON_THICK)]
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        paragraphs.append(text)
        if last or ruled[index]:
            paragraphs.append(_rule(writer, layout.COLOPHON_THICK if last else layout.COLOPHON_THIN))
    place_at_page_foot(writer, paragraphs)


RECIPIENTS_LABEL = "主送："  # 主送机关 moved into the 版记 when page 1 would hold no body text


COLOPHON_LINE_CHARS = 26  # 4号 characters on a 版记 line: the 版心 less 一字 each side and the label
MAX_MOVED_LINES = 20  # a 主送 moved into the 版记 keeps it well within one page


def recipients_to_colophon(blocks: list[Block]) -> list[Block]:
    """§7.3.3 公文首页必须显示正文: the 主送机关 leave the head of the body for a 主送 line
    right above the 抄送 (or the 印发 line) in the 版记; unchanged without a 版记."""
    first = next((i for i, b in enumerate(blocks) if b.kind in (Kind.COPIES_TO, Kind.ISSUED)), None)
    recipients = [b for b in blocks if b.kind is Kind.RECIPIENTS]
    if first is None or not recipients:
        return blocks
    organs = "、".join(b.full_text.rstrip("：:") for b in recipients)
    if text_width(organs) > MAX_MOVED_LINES * COLOPHON_LINE_CHARS:
        return blocks  # a 版记 taller than a page would lose its lines: the list stays in the body
    line = Block(Kind.COPIES_TO, f"{RECIPIENTS_LABEL}{organs}。", line=recipients[0].line)
    moved = [*blocks[:first], line, *blocks[first:]]
    return [b for b in moved if b.kind is not Kind.RECIPIENTS]


def _rule(writer: BodyWriter, size: int):
    """A paragraph that is only a rule: borders span the paragraph's indents, text lines are
    indented, so the rules get paragraphs of their own with no indent."""
    paragraph = writer.add("colophon")
    exact_height(paragraph, RULE_HEIGHT)
    oxml.set_border(paragraph._p.get_or_add_pPr(), "bottom", size, layout.BLACK_RULE)
    return paragraph


RULE_HEIGHT = 10  # twips


def _copies_to(writer: BodyWriter, text: str, label: str = "抄送："):
    """抄送：机关，机关。 (or 主送：…) — 左右各空一字, wrapped lines aligned after the colon."""
    paragraph = writer.add("colophon", label + text.removeprefix(label))
    width = int(text_width(label) * CHAR)
    oxml.set_indent(paragraph._p.get_or_add_pPr(), left=CHAR + width, hanging=width, right=CHAR)
    return paragraph


def _issued(writer: BodyWriter, text: str):
    """印发机关 左空一字, 印发日期 右空一字, on one line."""
    organ, _, date = text.partition("｜")
    paragraph = writer.add("colophon", f"{organ}\t{date}")
    oxml.set_indent(paragraph._p.get_or_add_pPr(), left=CHAR, right=CHAR)
    right_edge = layout.TYPE_AREA_WIDTH.twips - CHAR
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(right_edge), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def place_at_page_foot(writer: BodyWriter, paragraphs: list) -> None:
    """Move the 版记 into a text box anchored to the bottom of the 版心 of the last page.

    The box belongs to a tiny last paragraph, so it lands on the page where the document
    ends; its last rule then coincides with the 版心's bottom edge (§7.4.1), in Word and in
    LibreOffice (which ignores floating tables and frames).
    """
    lines = sum(_estimated_lines(p) for p in paragraphs if p.text)
    rules = sum(not p.text for p in paragraphs)
    height = lines * layout.LINE_PITCH.twips + rules * (RULE_HEIGHT + BORDER_ALLOWANCE)
    elements = [p._p for p in paragraphs]
    for element in elements:
        element.getparent().remove(element)
    anchor = writer.add("flush")
    exact_height(anchor, 20)  # never pushes the box onto a page of its own
    box = anchored_text_box(
        elements,
        layout.TYPE_AREA_WIDTH.emu,
        height * EMU_PER_TWIP,
        shape_id=COLOPHON_SHAPE_ID,
        name=pagination.COLOPHON_NAME,
    )
    run = anchor.add_run()
    run._r.append(box)


BORDER_ALLOWANCE = 40  # twips: a rule's own thickness and spacing below its paragraph
EMU_PER_TWIP = 635
COLOPHON_SHAPE_ID = 1001


def _estimated_lines(paragraph) -> int:
    """Lines a 版记 paragraph takes: 4号 characters in the 版心 less the indents."""
    width_chars = (layout.TYPE_AREA_WIDTH.twips - 2 * CHAR - int(text_width("抄送：") * CHAR)) / CHAR
    return max(1, math.ceil(text_width(paragraph.text) / width_chars))


# --- the 版记 on an even page (§7.4, §7.5) ------------------------------------------------


def keep_on_even_page(document) -> str:
    """Turn the 版记 onto an even page, the back of the last sheet, when it would fall on an
    odd one; return what was done: "" (nothing), "next page" or "blank page".

    Where the text ends comes from ``pagination`` (LibreOffice's breaks, predicted). Text
    ending on an odd page with room for the 版记 below it: the 版记 goes to the next page
    (a page break before its anchor). Text filling an even page: the 版记 would go to the
    next, odd, page, so the blank page GB/T 9704 allows comes first, and neither it nor the
    版记 page has a page number (§7.5): both are a last section with empty footers.
    """
    anchor = _anchor(document)
    if anchor is None:
        return ""
    _, prediction = pagination.predict(document)
    page = prediction.colophon_page
    if page is None or page % 2 == 0:
        return ""
    text_page = prediction.pages[prediction.colophon - 1] if prediction.colophon else page
    if text_page == page:
        _paragraph(document, anchor).paragraph_format.page_break_before = True
        return "next page"
    _unnumbered_last_pages(document, anchor)
    return "blank page"


def _anchor(document):
    """The paragraph of the body that holds the 版记 box."""
    for child in document.element.body.iterchildren(oxml.qn("w:p")):
        if any(d.get("name") == pagination.COLOPHON_NAME for d in child.iter(oxml.qn("wp:docPr"))):
            return child
    return None


def _paragraph(document, element) -> Paragraph:
    return Paragraph(element, document._body)


def _unnumbered_last_pages(document, anchor) -> None:
    """End the numbered section before the 版记, then a blank page and the 版记 page in a
    section of their own whose footers are empty."""
    body_sectpr = document.element.body.sectPr
    previous = anchor.getprevious()
    if previous is None or previous.tag != oxml.qn("w:p"):
        previous = _tiny_paragraph(document, anchor)
    previous.set_sectPr(copy.deepcopy(body_sectpr))  # the numbered section ends here
    _tiny_paragraph(document, anchor)  # the blank page: section 2 starts on a new page
    _paragraph(document, anchor).paragraph_format.page_break_before = True
    for reference in body_sectpr.xpath("w:headerReference|w:footerReference|w:titlePg"):
        body_sectpr.remove(reference)  # headers (a draft's note) carry on from section 1
    section = document.sections[-1]
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        footer.paragraphs[0]._p.get_or_add_pPr().style = "GwPageNumber"


def _tiny_paragraph(document, before):
    """An empty paragraph 1 pt high (never pushes anything to another page), before ``before``."""
    paragraph = _paragraph(document, before).insert_paragraph_before()
    paragraph._p.get_or_add_pPr().style = "GwFlush"
    exact_height(paragraph, 20)
    return paragraph._p
