"""Reading a produced .docx back the way Word resolves it: run → paragraph style chain → defaults."""

from __future__ import annotations

from docx.oxml.ns import qn


def _style_chain(document, style_id):
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if style is None:
            return
        yield style
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def _defaults_rpr(document):
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def _paragraph_style_id(paragraph):
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.pStyle is not None:
        return ppr.pStyle.val
    return "Normal"


def effective_run_property(document, paragraph, run, getter):
    """The first value ``getter(rPr)`` finds on the run, its paragraph style chain, or defaults."""
    candidates = [run._r.rPr]
    candidates += [s.find(qn("w:rPr")) for s in _style_chain(document, _paragraph_style_id(paragraph))]
    candidates.append(_defaults_rpr(document))
    for rpr in candidates:
        if rpr is not None:
            value = getter(rpr)
            if value is not None:
                return value
    return None


def east_asian_font(document, paragraph, run):
    def get(rpr):
        fonts = rpr.find(qn("w:rFonts"))
        return None if fonts is None else fonts.get(qn("w:eastAsia"))

    return effective_run_property(document, paragraph, run, get)


def font_size_pt(document, paragraph, run):
    def get(rpr):
        size = rpr.find(qn("w:sz"))
        return None if size is None else int(size.get(qn("w:val"))) / 2

    return effective_run_property(document, paragraph, run, get)


def effective_paragraph_property(document, paragraph, tag, attribute):
    """An attribute of a ``w:pPr`` child (e.g. ``w:ind``/``w:firstLine``), resolved through styles."""
    candidates = [paragraph._p.pPr]
    candidates += [s.find(qn("w:pPr")) for s in _style_chain(document, _paragraph_style_id(paragraph))]
    for ppr in candidates:
        if ppr is None:
            continue
        element = ppr.find(qn(tag))
        if element is not None and element.get(qn(attribute)) is not None:
            return element.get(qn(attribute))
    return None
