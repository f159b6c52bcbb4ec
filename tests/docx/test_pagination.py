"""The page predictor and the rules built on it (fast: no LibreOffice).

``pagination`` predicts LibreOffice's page breaks from the .docx; the writer uses it to put
the 版记 on an even page (GB/T 9704 §7.4, §7.5) and to keep body text on page 1 (§7.3.3).
How well it predicts LibreOffice is measured in tests/pdf/test_even_page.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conftest import EXAMPLES  # noqa: E402

import gongwen  # noqa: E402
from gongwen.docx import pagination  # noqa: E402
from gongwen.docx.pagination import Flow, break_lines, paginate, pieces  # noqa: E402

BODY = (32, -5, 100)  # 3号, squeezed by 0.25 pt, no scale: the body's runs
LINE = 579


def lines(text: str, first_line: int = 640) -> int:
    return len(break_lines(pieces([(text, *BODY)]), pagination.TYPE_WIDTH, first_line))


def test_28_characters_a_line_26_on_the_first():
    assert lines("字" * 26) == 1 and lines("字" * 27) == 2
    assert lines("字" * 26 + "字" * 28) == 2 and lines("字" * 26 + "字" * 29) == 3
    assert lines("字" * 28, first_line=0) == 1


def test_a_line_never_starts_with_closing_punctuation_nor_ends_with_an_opening_one():
    assert lines("字" * 26 + "。") == 2  # 。 pulls the 字 before it down
    assert lines("字" * 25 + "“字") == 2  # “ may not end a line: it moves down with 字
    assert lines("字" * 25 + "“") == 1


def test_digits_are_half_width_and_never_split():
    assert lines("2" * 52) == 1  # 52 half-width digits on a 26-character line
    assert lines("字" * 24 + "2021年") == 2  # 2021 does not break; the gaps around it count


def _flows(*heights: int, **keeps) -> list[Flow]:
    return [Flow((LINE,) * n, **keeps) for n in heights]


def test_22_lines_a_page():
    assert paginate(_flows(22)).page_count == 1
    assert paginate(_flows(23)).page_count == 2
    assert paginate(_flows(*[1] * 44)).pages[-1] == 2


def test_a_keep_with_next_chain_moves_as_one():
    flows = [*_flows(20), Flow((LINE,), keep_with_next=True, keep_together=True), *_flows(3)]
    assert paginate(flows).starts == (1, 1, 1)
    flows = [*_flows(21), Flow((LINE,), keep_with_next=True, keep_together=True), *_flows(3)]
    assert paginate(flows).starts == (1, 2, 2)  # the heading leaves with its paragraph


def test_widow_control_keeps_two_lines_on_each_side():
    flows = [*_flows(19), Flow((LINE,) * 4, widows=True)]
    prediction = paginate(flows)
    assert (prediction.starts[1], prediction.pages[1]) == (1, 2)  # 3 + 1 would leave a widow: 2 + 2
    assert paginate([*_flows(21), Flow((LINE,) * 4, widows=True)]).starts[1] == 2  # no orphan


def test_the_colophon_box_needs_room_below_the_text():
    box = 3 * LINE
    fits = paginate([*_flows(18), Flow((20,), colophon=box)])
    assert fits.colophon_page == 1
    assert paginate([*_flows(20), Flow((20,), colophon=box)]).colophon_page == 2


# --- the writer's rules --------------------------------------------------------------


def _notice(folder: Path, paragraphs: int, **fields) -> Path:
    data = {
        "文种": "通知",
        "发文机关": "新城街道办事处",
        "年度": 2022,
        "事由": "做好汛期安全防范工作",
        "成文日期": "2022-05-20",
        "发文字号": "新办〔2022〕21号",
        "主送机关": "东湖区人民政府",
        "印发机关": "新城街道办事处党政办公室",
        "抄送": ["区应急管理局"],
        "导语": ["各单位要把防汛工作摆在突出位置。"] * paragraphs,
        **fields,
    }
    source = folder / f"notice{paragraphs}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return gongwen.build(source, folder / f"notice{paragraphs}.docx").docx


def _anchor(document):
    for paragraph in document.paragraphs:
        if any(d.get("name") == pagination.COLOPHON_NAME for d in paragraph._p.iter(qn("wp:docPr"))):
            return paragraph
    raise AssertionError("no 版记")


EXAMPLE_FILES = [*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "2022-jiedao-huizong" / "新城街道.yaml"]


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_colophon_predicted_on_an_even_last_page_and_body_on_page_one(source, tmp_path):
    built = gongwen.build(source, tmp_path / f"{source.stem}.docx").docx
    flows, prediction = pagination.predict(docx.Document(str(built)))
    assert prediction.first_page_has_body(flows)
    if prediction.colophon is not None:
        assert prediction.colophon_page == prediction.page_count
        assert prediction.colophon_page % 2 == 0


def test_text_ending_on_an_odd_page_turns_the_colophon_onto_the_next_page(tmp_path):
    document = docx.Document(str(_notice(tmp_path, 26)))  # the text ends on page 3
    assert _anchor(document).paragraph_format.page_break_before
    assert len(document.sections) == 1  # the 版记 page keeps its number
    assert pagination.predict(document)[1].colophon_page == 4


def test_text_filling_an_even_page_gets_a_blank_page_without_numbers(tmp_path):
    document = docx.Document(str(_notice(tmp_path, 20, 印章=True)))  # page 2 full: no room for the 版记
    assert pagination.predict(document)[1].colophon_page == 4
    numbered, last = document.sections
    assert "PAGE" in "".join(t.text or "" for t in numbered.footer._element.iter(qn("w:instrText")))
    for footer in (last.footer, last.even_page_footer):
        assert not footer.is_linked_to_previous
        assert not "".join(p.text for p in footer.paragraphs) and not list(footer._element.iter(qn("w:fldChar")))
    assert _anchor(document).paragraph_format.page_break_before


def test_the_blank_page_document_is_valid_ooxml(tmp_path):
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.OFFICE_2019, max_errors=0)
    result = validator.validate(_notice(tmp_path, 20, 印章=True))
    assert result.error_count == 0, [e.description for e in result.errors]


def test_a_long_recipient_list_moves_to_the_colophon_so_page_one_shows_body_text(tmp_path):
    organs = [f"东湖区第{n}街道办事处" for n in range(1, 16)]
    built = _notice(tmp_path, 3, 主送机关=organs, 紧急程度="特急", 密级="秘密", 份号="000001")
    document = docx.Document(str(built))
    flows, prediction = pagination.predict(document)
    assert prediction.first_page_has_body(flows)
    texts = [p.text for p in document.paragraphs]
    assert not any(text.endswith("街道办事处：") for text in texts)  # no 主送 line above the body
    box = "".join(t.text or "" for t in _anchor(document)._p.iter(qn("w:t")))
    assert box.startswith("主送：东湖区第1街道办事处、") and "15街道办事处。抄送：区应急管理局。" in box


def test_documents_without_a_colophon_are_unchanged(tmp_path):
    built = gongwen.build(EXAMPLES / "2021-sicheng-tongchuang.yaml", tmp_path / "seed.docx").docx
    document = docx.Document(io.BytesIO(built.read_bytes()))
    assert len(document.sections) == 1
    assert pagination.predict(document)[1].colophon is None
