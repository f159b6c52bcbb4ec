"""Raw WordprocessingML helpers for what python-docx does not expose.

Every ``qn("w:…")`` of the writer lives here, named after the schema element it writes:
East Asian fonts (python-docx sets only ``w:ascii``/``w:hAnsi``), character-unit indents,
the document grid, PAGE fields, outline levels and a few settings.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str, hint_east_asia: bool = False) -> None:
    """Name the East Asian and Latin fonts explicitly; theme fonts would win over them.

    ``hint_east_asia`` writes ``w:hint="eastAsia"``, as Chinese Word does on Chinese runs: it
    draws characters shared by both scripts (“”‘’—…·) in the East Asian font, full width.
    """
    fonts = rpr.get_or_add_rFonts()
    if hint_east_asia:
        fonts.set(qn("w:hint"), "eastAsia")
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def set_east_asian_language(rpr: BaseOxmlElement, language: str = "zh-CN") -> None:
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")


def set_character_spacing(rpr: BaseOxmlElement, twentieths_of_point: int) -> None:
    """``w:spacing`` inside ``w:rPr``: extra space after each character (negative squeezes)."""
    _child(rpr, "w:spacing").set(qn("w:val"), str(twentieths_of_point))


def set_indent(ppr: BaseOxmlElement, **values: int) -> None:
    """``w:ind`` with any of firstLine/firstLineChars/left/leftChars/right/rightChars.

    Word prefers the ``*Chars`` forms, LibreOffice reads only the twips forms: always pass
    both, consistent with each other.
    """
    ind = _child(ppr, "w:ind")
    for name, value in values.items():
        ind.set(qn(f"w:{name}"), str(value))


def set_horizontal_scale(rpr: BaseOxmlElement, percent: int) -> None:
    """``w:w``: characters drawn narrower (the tall look of a red 发文机关标志)."""
    _child(rpr, "w:w").set(qn("w:val"), str(percent))


def set_border(ppr: BaseOxmlElement, side: str, size: int, color: str, space: int = 0) -> None:
    """A paragraph rule: ``side`` top/bottom, ``size`` in eighths of a point, ``space`` in pt."""
    borders = _child(ppr, "w:pBdr")
    element = borders.find(qn(f"w:{side}"))
    if element is None:
        element = OxmlElement(f"w:{side}")
        order = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
        later = [borders.find(qn(tag)) for tag in order[order.index(f"w:{side}") + 1 :]]
        successor = next((e for e in later if e is not None), None)
        successor.addprevious(element) if successor is not None else borders.append(element)
    for name, value in (("val", "single"), ("sz", size), ("space", space), ("color", color)):
        element.set(qn(f"w:{name}"), str(value))


def set_bottom_border(ppr: BaseOxmlElement, size: int, color: str, space: int = 0) -> None:
    set_border(ppr, "bottom", size, color, space)


def set_table_cell_margins(tbl: BaseOxmlElement, twips: int) -> None:
    """``w:tblCellMar``: the same margin on every side of every cell."""
    tbl_pr = tbl.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        # CT_TblPr: … tblLayout, tblCellMar, tblLook, tblCaption, tblDescription, tblPrChange
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for side in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def set_row_flags(tr: BaseOxmlElement, header: bool) -> None:
    """``w:trPr``: a row never splits across pages (``w:cantSplit``); a header row repeats at
    the top of every page the table runs onto (``w:tblHeader``)."""
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """Headings show in Word's navigation pane; 0 is the top level."""
    _child(ppr, "w:outlineLvl").set(qn("w:val"), str(level))


def set_flag(parent: BaseOxmlElement, tag: str, on: bool) -> None:
    """An on/off property such as ``w:widowControl`` or ``w:autoSpaceDE``, written explicitly."""
    _child(parent, tag).set(qn("w:val"), "1" if on else "0")


def set_doc_grid(sectpr: BaseOxmlElement, grid_type: str, line_pitch: int, char_space: int | None) -> None:
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectpr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), grid_type)
    grid.set(qn("w:linePitch"), str(line_pitch))
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))


def append_page_field(paragraph_element: BaseOxmlElement, make_run) -> None:
    """A PAGE field as Word writes it: begin, instruction, separate, placeholder, end."""
    for kind in ("begin", None, "separate", "1", "end"):
        run = make_run()
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run.append(instr)
        elif kind == "1":
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        paragraph_element.append(run)


def new_run_with_properties() -> tuple[BaseOxmlElement, BaseOxmlElement]:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    run.append(rpr)
    return run, rpr


def set_even_and_odd_headers(settings: BaseOxmlElement) -> None:
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.insert_element_before(OxmlElement("w:evenAndOddHeaders"), *_SETTINGS_AFTER_EVEN_ODD)


def set_zoom(settings: BaseOxmlElement, percent: int) -> None:
    """``w:zoom``: the schema requires ``w:percent`` (python-docx's template has only ``w:val``)."""
    zoom = settings.find(qn("w:zoom"))
    if zoom is None:
        zoom = OxmlElement("w:zoom")
        settings.insert(0, zoom)  # after w:writeProtection and w:view, which gongwen never writes
    zoom.set(qn("w:percent"), str(percent))


def set_theme_font_language(settings: BaseOxmlElement, east_asia: str = "zh-CN") -> None:
    """python-docx's template says ja-JP here, which makes CJK fall back to MS Mincho."""
    element = settings.find(qn("w:themeFontLang"))
    if element is not None:
        element.set(qn("w:eastAsia"), east_asia)


def remove_theme_fonts(root: BaseOxmlElement) -> None:
    """Strip every theme-font attribute below ``root`` (styles.xml) so names are explicit."""
    for fonts in root.iter(qn("w:rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The child ``tag`` of ``parent``, created in schema order if missing."""
    getter = getattr(parent, f"get_or_add_{tag.split(':')[1]}", None)
    if getter is not None:
        return getter()
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        order = _RPR_ORDER if parent.tag == qn("w:rPr") else _PPR_ORDER
        successors = order[order.index(tag) + 1 :] if tag in order else ()
        parent.insert_element_before(element, *successors) if successors else parent.append(element)
    return element


# Schema order (CT_PPrBase, CT_RPr): elements that must come after the one being inserted.
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)

_SETTINGS_AFTER_EVEN_ODD = (
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
