"""Where each page of a 公文 ends, predicted from the .docx as the writer made it.

GB/T 9704 puts the 版记 on the last page, the back of the last sheet: an even page. The
版记 is a text box at the foot of the page of a tiny last paragraph, so which page it lands
on depends on where the text ends. This module predicts that the way LibreOffice lays the
document out (measured: tests/pdf/test_even_page.py): paragraphs broken into lines of the
28-character grid with the 禁则 (a line never starts with 。，、”） … nor ends with “（《 …),
exact 579-twip lines, 22 to a 225 mm 版心, keep-with-next chains, unsplittable heading and
table rows, header rows repeated on every page of a table, page breaks before each 附件.

It reads what the writer wrote (styles, direct formatting, tables), not the block list, so
every zone writer's blank lines and keeps are counted once, where they are made. Pure and
fast: a few milliseconds for a long report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from docx.oxml.ns import qn as _clark_name

from gongwen.docx import layout
from gongwen.docx.linebreak import break_lines, pieces
from gongwen.docx.package import styles_for_reading

CAPACITY = layout.PAGE_HEIGHT.twips - layout.TOP_MARGIN.twips - layout.BOTTOM_MARGIN.twips  # 12755
TYPE_WIDTH = layout.PAGE_WIDTH.twips - layout.LEFT_MARGIN.twips - layout.RIGHT_MARGIN.twips  # 8844
qn = functools.cache(_clark_name)  # the same few dozen tags, looked up thousands of times a document
COLOPHON_NAME = "版记"  # wp:docPr/@name of the 版记 box (colophon.place_at_page_foot)
# Single spacing: line height per point of font size, measured in table rows (LibreOffice
# 7.4, FandolFang/FandolHei 14 pt: 336 twips; a line of Liberation Serif digits: 322).
SINGLE_CJK = 1.2
SINGLE_LATIN = 1.15
TABLE_BORDER = 10  # twips: a Table Grid border (sz 4, 0.5 pt) counted once per row
_CELL_MARGIN = 108  # twips left and right in a Table Grid cell unless the table sets its own


@dataclass(frozen=True)
class Flow:
    """One paragraph or table row as the page filler sees it: line heights in twips."""

    lines: tuple[int, ...]
    keep_with_next: bool = False
    keep_together: bool = False
    widows: bool = False  # widow/orphan control: at least two lines on each side of a break
    page_break_before: bool = False
    repeat: int = 0  # a table row: height of the header rows repeated above it on a new page
    body: bool = False  # body text (not 版头, title, blank or rule): for 首页必须显示正文
    colophon: int = 0  # the 版记 box anchored to this paragraph: its height in twips


@dataclass(frozen=True)
class Prediction:
    pages: tuple[int, ...]  # page (1-based) of each flow's last line
    starts: tuple[int, ...]  # page of each flow's first line
    colophon: int | None  # index of the flow holding the 版记, if any

    @property
    def page_count(self) -> int:
        return max(self.pages, default=1)

    @property
    def colophon_page(self) -> int | None:
        return None if self.colophon is None else self.pages[self.colophon]

    def first_page_has_body(self, flows: list[Flow]) -> bool:
        return any(f.body and start == 1 for f, start in zip(flows, self.starts))


# --- the page filler --------------------------------------------------------------------


def paginate(flows: list[Flow], capacity: int = CAPACITY) -> Prediction:
    """Fill pages top to bottom the way LibreOffice does, with the keeps the flows carry."""
    pages, starts = [0] * len(flows), [0] * len(flows)
    page, y = 1, 0

    def break_page() -> None:
        nonlocal page, y
        page, y = page + 1, 0

    def place(index: int, lines: tuple[int, ...]) -> None:
        nonlocal y
        flow = flows[index]
        for number, height in enumerate(lines):
            if y and y + height > capacity:
                break_page()
                if flow.repeat and number == 0:
                    y += flow.repeat
            if number == 0:
                starts[index] = page
            y += height
        if not lines:
            starts[index] = page
        pages[index] = page

    index = 0
    while index < len(flows):
        flow = flows[index]
        if flow.page_break_before and y:
            break_page()
        if flow.colophon:
            if y and y + sum(flow.lines) > capacity - flow.colophon:
                break_page()  # the box at the page foot leaves the paragraph no room
            place(index, flow.lines)
            index += 1
            continue
        end = index  # a keep-with-next chain index..end moves as one when its tail would not fit
        while flows[end].keep_with_next and end + 1 < len(flows) and not flows[end + 1].page_break_before:
            end += 1
        need = sum(sum(f.lines) for f in flows[index:end]) + _head(flows[end])
        if end > index and y and y + need > capacity and need <= capacity:
            break_page()
        for member in range(index, end):
            place(member, flows[member].lines)
        flow = flows[end]
        total = sum(flow.lines)
        if y and y + total > capacity:
            room = _lines_that_fit(flow.lines, capacity - y)
            if flow.keep_together and total <= capacity:
                room = 0
            elif flow.widows and len(flow.lines) - room < 2:
                room = len(flow.lines) - 2
            if room < (2 if flow.widows else 1):
                break_page()
                if flow.repeat:
                    y += flow.repeat
        place(end, flow.lines)
        index = end + 1
    return Prediction(tuple(pages), tuple(starts), next((i for i, f in enumerate(flows) if f.colophon), None))


def _head(flow: Flow) -> int:
    """What of a chain's last flow must share the page with the chain."""
    if flow.keep_together:
        return sum(flow.lines)
    return sum(flow.lines[: 2 if flow.widows else 1])


def _lines_that_fit(lines: tuple[int, ...], room: int) -> int:
    used = 0
    for count, height in enumerate(lines):
        used += height
        if used > room:
            return count
    return len(lines)


# --- reading the document ---------------------------------------------------------------


@dataclass
class _Props:
    line: int | None = None
    exact: bool = True
    left: int = 0
    right: int = 0
    first: int = 0  # first-line indent; negative: hanging
    keep_next: bool = False
    keep_lines: bool = False
    widows: bool = False
    break_before: bool = False
    size: int = 32  # half-points
    spacing: int = 0
    scale: int = 100

    def copy(self) -> _Props:
        return _Props(**vars(self))  # dataclasses.replace is several times slower: it inspects the fields


def _on(element) -> bool:
    return element.get(qn("w:val"), "1") not in ("0", "false", "off")


def _child(element, tag: str):
    """The first child ``tag`` of ``element``: iterchildren filters in C, where ``find`` runs
    lxml's ElementPath machinery (two to three times slower, thousands of calls a document)."""
    return next(element.iterchildren(tag), None)


def _children(element) -> dict[str, object]:
    """The first child of each tag: one pass over the children, where a ``find`` per property
    runs lxml's ElementPath machinery each time (several times slower on a w:pPr)."""
    children: dict[str, object] = {}
    for child in element:
        children.setdefault(child.tag, child)
    return children


def _apply_ppr(props: _Props, ppr) -> None:
    if ppr is None:
        return
    children = _children(ppr)
    spacing = children.get(qn("w:spacing"))
    if spacing is not None and spacing.get(qn("w:line")) is not None:
        props.line = int(spacing.get(qn("w:line")))
        props.exact = spacing.get(qn("w:lineRule")) in ("exact", "atLeast")
    ind = children.get(qn("w:ind"))
    if ind is not None:
        for name, attr in (("left", "left"), ("right", "right"), ("start", "left"), ("end", "right")):
            if ind.get(qn(f"w:{name}")) is not None:
                setattr(props, attr, int(ind.get(qn(f"w:{name}"))))
        if ind.get(qn("w:firstLine")) is not None:
            props.first = int(ind.get(qn("w:firstLine")))
        if ind.get(qn("w:hanging")) is not None:
            props.first = -int(ind.get(qn("w:hanging")))
    for tag, attr in (("keepNext", "keep_next"), ("keepLines", "keep_lines"), ("widowControl", "widows")):
        element = children.get(qn(f"w:{tag}"))
        if element is not None:
            setattr(props, attr, _on(element))
    element = children.get(qn("w:pageBreakBefore"))
    if element is not None:
        props.break_before = _on(element)


def _apply_rpr(props: _Props, rpr) -> None:
    if rpr is None:
        return
    children = _children(rpr)
    for tag, attr in (("sz", "size"), ("spacing", "spacing"), ("w", "scale")):
        element = children.get(qn(f"w:{tag}"))
        if element is not None and element.get(qn("w:val")) is not None:
            setattr(props, attr, int(element.get(qn("w:val"))))


def _run_format(props: _Props, rpr) -> tuple[int, int, int]:
    """A run's size, character spacing and scale: the paragraph's, overridden by its w:rPr."""
    if rpr is None:
        return props.size, props.spacing, props.scale
    run_props = _Props(size=props.size, spacing=props.spacing, scale=props.scale)
    _apply_rpr(run_props, rpr)
    return run_props.size, run_props.spacing, run_props.scale


@functools.lru_cache(maxsize=4)
def _reader(styles_element) -> Reader:
    """One reader per styles element: documents share one parse of the base styles
    (``package.styles_for_reading``), which nothing changes, so the styles it resolves are
    resolved once per process, not once per document."""
    return Reader(styles_element)


class Reader:
    """Styles resolved once (docDefaults, then the basedOn chain), then paragraphs and rows."""

    def __init__(self, styles_element):
        # iterchildren filters in C; findall runs lxml's ElementPath machinery (twice as slow)
        self._styles = {s.get(qn("w:styleId")): s for s in styles_element.iterchildren(qn("w:style"))}
        self._defaults = _Props()
        defaults = _child(styles_element, qn("w:docDefaults"))
        if defaults is not None:
            _apply_ppr(self._defaults, defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
            _apply_rpr(self._defaults, defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
        self._cache: dict[str | None, _Props] = {}

    def style(self, style_id: str | None) -> _Props:
        if style_id not in self._cache:
            chain, current = [], self._styles.get(style_id or "Normal", self._styles.get("Normal"))
            while current is not None and len(chain) < 10:
                chain.append(current)
                based = _child(current, qn("w:basedOn"))
                current = self._styles.get(based.get(qn("w:val"))) if based is not None else None
            props = self._defaults.copy()
            for style in reversed(chain):
                _apply_ppr(props, _child(style, qn("w:pPr")))
                _apply_rpr(props, _child(style, qn("w:rPr")))
            self._cache[style_id] = props
        return self._cache[style_id]

    def paragraph(self, p, width: int = TYPE_WIDTH) -> Flow:
        ppr = _child(p, qn("w:pPr"))
        style = _child(ppr, qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else None
        props = self.style(style_id).copy()
        _apply_ppr(props, ppr)  # its w:rPr formats only the paragraph mark: not read
        segments: list[list[tuple[str, int, int, int]]] = [[]]
        page_break, colophon = False, 0
        for run in p.iter(qn("w:r")):
            if run.getparent() is not p and run.getparent().tag != qn("w:hyperlink"):
                continue
            run_format = _run_format(props, _child(run, qn("w:rPr")))
            for child in run:
                if child.tag == qn("w:t") and child.text:
                    segments[-1].append((child.text, *run_format))
                elif child.tag == qn("w:br"):
                    if child.get(qn("w:type")) == "page":
                        page_break = True
                    else:
                        segments.append([])
            for doc_pr in run.iter(qn("wp:docPr")):
                if doc_pr.get("name") == COLOPHON_NAME:
                    extent = doc_pr.getparent().find(qn("wp:extent"))
                    colophon = int(extent.get("cy")) // 635
        room = width - props.left - props.right
        lines: list[bool] = []
        for index, segment in enumerate(segments):
            lines += break_lines(pieces(segment), room, props.first if index == 0 else 0)
        if props.exact and props.line:
            heights = (props.line,) * len(lines)
        else:  # single spacing: the font's own height, taller for the Chinese fonts
            heights = tuple(round(props.size * 10 * (SINGLE_CJK if wide else SINGLE_LATIN)) for wide in lines)
        text = "".join(t for seg in segments for t, *_ in seg).strip()
        return Flow(
            heights,
            keep_with_next=props.keep_next,
            keep_together=props.keep_lines,
            widows=props.widows,
            page_break_before=props.break_before or page_break,
            body=bool(text) and style_id in BODY_STYLES,
            colophon=colophon,
        )

    def table(self, tbl) -> list[Flow]:
        grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
        margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        side = _CELL_MARGIN
        if margins is not None and _child(margins, qn("w:left")) is not None:
            side = int(_child(margins, qn("w:left")).get(qn("w:w")))
        bordered = margins is None
        flows, header = [], 0
        for tr in tbl.findall(qn("w:tr")):
            column, height = 0, 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                count = int(span.get(qn("w:val"))) if span is not None else 1
                width = sum(grid[column : column + count]) - 2 * side
                column += count
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    continue
                height = max(height, sum(sum(self.paragraph(p, width).lines) for p in tc.findall(qn("w:p"))))
            height += TABLE_BORDER if bordered else 0
            tr_pr = _child(tr, qn("w:trPr"))
            is_header = tr_pr is not None and _child(tr_pr, qn("w:tblHeader")) is not None
            flows.append(Flow((height,), keep_together=True, repeat=0 if is_header else header))
            header += height if is_header else 0
        return flows


BODY_STYLES = frozenset({"GwBody", "GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4"})  # 正文 and headings


def document_flows(document) -> list[Flow]:
    """The flows of a python-docx document's body, in order."""
    reader = _reader(styles_for_reading(document))
    flows: list[Flow] = []
    new_section = False  # a paragraph ending a section: what follows starts a new page
    for child in document.element.body:
        if child.tag == qn("w:p"):
            flow = reader.paragraph(child)
            flows.append(replace(flow, page_break_before=True) if new_section else flow)
            ppr = _child(child, qn("w:pPr"))
            new_section = ppr is not None and _child(ppr, qn("w:sectPr")) is not None
        elif child.tag == qn("w:tbl"):
            flows.extend(reader.table(child))
    return flows


def predict(document) -> tuple[list[Flow], Prediction]:
    flows = document_flows(document)
    return flows, paginate(flows)


def predict_file(path) -> Prediction:
    """The prediction for a .docx on disk (tests and tools)."""
    import docx

    return predict(docx.Document(str(path)))[1]
