"""Render tests: the 版记 on an even last page, and the page predictor against LibreOffice.

GB/T 9704 §7.4 puts the 版记 on the last page, the back of the last sheet (封四), so that
page is even; when the text ends on an odd page the writer turns the 版记 onto the next
page, and when it ends on a full even page it inserts the blank page the standard allows,
with no page number on it nor on the 版记 page (§7.5). Where that happens is decided by
``gongwen.docx.pagination``, which predicts LibreOffice's page breaks from the .docx.

Every example and 50 generated documents (seeded: 报告/请示/通知/函 of varied length, with
headings, 要点, tables, 附件) are converted by one LibreOffice start and measured: the page
count, the page the 版记 is on, the page numbers. The agreement of the predicted page count
with LibreOffice's is printed (``-s``) and must stay at 90 % or more.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import EXAMPLES
from measure import page_lines, page_number, page_number_line
from samples import require_soffice

import gongwen
from gongwen.docx import pagination
from gongwen.output.pdf import convert_to_pdf
from gongwen.wording.blocks import Kind

pytestmark = pytest.mark.render

GENERATED = 50
SEED = 9704
AGREEMENT = 0.90  # share of documents whose predicted page count is LibreOffice's exactly
COLOPHON_KINDS = ("报告", "请示", "通知", "函")
EXAMPLE_FILES = (*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "2022-jiedao-huizong" / "新城街道.yaml")


# --- generated documents ----------------------------------------------------------------


def _sentences() -> list[str]:
    """Real sentences (with their digits, quotes and 顿号) from the bundled examples."""
    found = []
    for source in sorted(EXAMPLES.glob("*.yaml")):
        for block in gongwen.compose(gongwen.load(source)):
            if block.kind.name == "PARAGRAPH":
                found += [s + "。" for s in block.full_text.split("。") if len(s) > 8]
    return sorted({s for s in found if not NUMBERED.match(s) and "请" not in s and "指示" not in s})


NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+是|（\w{1,3}）|\d+\.)")  # gongwen writes the numbers itself


HEADINGS = ("加强组织领导", "抓好隐患排查", "严格值班值守", "广泛宣传，营造氛围", "分解任务，强化督办", "健全长效机制")
CELLS = ("工作会议", "宣传专栏", "集中整治", "小区卫生整治", "志愿者会员", "社区、学校和卫生院宣传教育专栏")


def generated_document(seed: int, sentences: list[str]) -> dict:
    """One 报告/请示/通知/函 of random length and shape, the same for the same seed."""
    rng = random.Random(seed)
    kind = COLOPHON_KINDS[seed % 4]

    def paragraph() -> str:
        return "".join(rng.choice(sentences) for _ in range(rng.choice((1, 1, 2, 3, 5))))

    data: dict = {
        "文种": kind,
        "发文机关": "新城街道办事处",
        "年度": 2022,
        "事由": rng.choice(("做好汛期安全防范工作", "老旧小区改造配套资金", "四城同创工作情况", "商请提供资料")),
        "成文日期": "2022-05-20",
        "发文字号": f"新办〔2022〕{seed + 1}号",
        "主送机关": rng.choice(("东湖区人民政府", ["各社区居委会", "办事处各科室", "辖区各企事业单位"])),
        "印章": rng.random() < 0.6,
        "印发机关": "新城街道办事处党政办公室",
        "不检查": ["GW121"],
        "导语": [paragraph() for _ in range(rng.randint(1, 3))],
    }
    if kind == "请示":
        data["主送机关"] = "东湖区人民政府"  # 一文一事: one 主送机关
    if kind in ("报告", "请示"):
        data["签发人"] = rng.choice(("张明", ["张明", "李华", "王刚"]))
    if kind == "函" or rng.random() < 0.5:  # a 函 in 信函格式 has a 版记 only with 抄送
        data["抄送"] = ["区应急管理局", "区水务局"][: rng.randint(1, 2)]
    if rng.random() < 0.2:
        data["附注"] = "此件公开发布"
    sections = []
    for number in range(rng.choice((0, 1, 2, 3, 4, 6))):
        section: dict = {
            "标题": HEADINGS[number % len(HEADINGS)],
            "段落": [paragraph() for _ in range(rng.randint(1, 3))],
        }
        if rng.random() < 0.3:
            section["要点"] = [paragraph() for _ in range(rng.randint(2, 4))]
        sections.append(section)
    if sections:
        data["正文"] = sections
    if rng.random() < 0.3:
        data["附件"] = [_attachment(rng, n) for n in range(rng.randint(1, 2))]
    return data


def _attachment(rng: random.Random, number: int) -> dict:
    rows = [[rng.choice(CELLS), f"{rng.randint(1, 900)}个", rng.choice(CELLS)] for _ in range(rng.randint(2, 30))]
    return {"名称": f"主要指标统计表{number + 1}", "表格": {"表头": ["项目", "数量", "说明"], "行": rows}}


def long_recipients(folder: Path) -> Path:
    """A 通知 whose 版头 and 15 主送机关 would fill page 1: the 主送 goes to the 版记 (§7.3.3)."""
    data = generated_document(SEED, _sentences()) | {
        "文种": "通知",
        "主送机关": [f"东湖区第{n}街道办事处" for n in range(1, 16)],
        "份号": "000001",
        "密级": "秘密",
        "紧急程度": "特急",
    }
    data.pop("签发人", None)
    path = folder / "long-recipients.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def generated_sources(folder: Path, count: int = GENERATED) -> list[Path]:
    sentences = _sentences()
    paths = []
    for index in range(count):
        path = folder / f"gen{index:02d}.yaml"
        path.write_text(yaml.safe_dump(generated_document(SEED + index, sentences), allow_unicode=True), "utf-8")
        paths.append(path)
    return paths


# --- measuring --------------------------------------------------------------------------


MM = 72 / 25.4
TYPE_AREA_BOTTOM = 262.0  # mm


def _colophon_rule(page) -> bool:
    """The 版记's last rule: black, 1 pt, as wide as the 版心, on its bottom edge (§7.4.1)."""
    return any(
        tuple(line["stroking_color"] or ()) in ((0,), (0, 0, 0))
        and line["linewidth"] >= 0.9
        and abs((line["x1"] - line["x0"]) / MM - 156) < 1.5
        and abs(line["top"] / MM - TYPE_AREA_BOTTOM) < 1.5
        for line in page.lines
    )


def measured(pdf: Path) -> tuple[int, int | None, list[int | None], tuple[int, ...]]:
    """(page count, page of the 版记 or None, each page's printed number or None, the pages
    with nothing on them)."""
    with pdfplumber.open(pdf) as document:
        colophons = [number for number, page in enumerate(document.pages, start=1) if _colophon_rule(page)]
        count = len(document.pages)
    lines = page_lines(pdf)
    numbers = [page_number(line) if (line := page_number_line(page)) else None for page in lines]
    blank = tuple(number for number, page in enumerate(lines, start=1) if not page and number not in colophons)
    assert len(colophons) <= 1, colophons
    return count, (colophons[0] if colophons else None), numbers, blank


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[tuple]:
    """(name, 文种, pages, 版记 page, page numbers, predicted pages, blank pages, whether page 1
    shows the first body paragraph) of each document."""
    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("even")
    sources = [*EXAMPLE_FILES, *generated_sources(folder), long_recipients(folder)]
    built, kinds, predicted, openings = [], [], [], []
    for index, source in enumerate(sources):
        docx = gongwen.build(source, folder / f"{index:02d}-{source.stem}.docx").docx
        built.append(docx)
        document = gongwen.load(source)
        kinds.append(document.kind)
        predicted.append(pagination.predict_file(docx).page_count)
        paragraph = next(b for b in gongwen.compose(document) if b.kind is Kind.PARAGRAPH)
        openings.append("".join(c for c in paragraph.full_text if c > "\u2e80")[:5])
    pdfs = convert_to_pdf(built, soffice=soffice)
    out = []
    for source, kind, pdf, guess, opening in zip(sources, kinds, pdfs, predicted, openings):
        count, colophon, numbers, blank = measured(pdf)
        first_page = "".join(c for line in page_lines(pdf)[0] for c in line.text if c > "\u2e80")
        out.append((source.stem, kind, count, colophon, numbers, guess, blank, opening in first_page))
    return out


def test_colophon_is_on_an_even_last_page(results):
    wrong = [r[:4] for r in results if r[3] is not None and (r[3] != r[2] or r[2] % 2)]
    with_colophon = [r for r in results if r[3] is not None]
    assert len(with_colophon) >= GENERATED
    assert not wrong, wrong


def test_every_colophon_kind_example_has_its_colophon_on_an_even_last_page(results):
    examples = {r[0]: r for r in results[: len(EXAMPLE_FILES)]}
    for name, kind, pages, colophon, *_ in examples.values():
        if kind in COLOPHON_KINDS and colophon is not None:
            assert colophon == pages and pages % 2 == 0, (name, pages, colophon)


def test_no_page_number_on_a_blank_page_or_the_colophon_page_after_it(results):
    """§7.5: a blank page before the 版记 page, and that page, are not numbered; every other
    page is (信函格式: all but page 1)."""
    blank_pages = 0
    for name, _, pages, _, numbers, _, blank, _ in results:
        assert len(numbers) == pages
        assert blank in ((), (pages - 1,)), (name, blank)  # only ever right before the 版记 page
        blank_pages += bool(blank)
        for page, number in enumerate(numbers, start=1):
            if blank and page >= pages - 1:
                assert number is None, (name, page)
            elif page > 1 or number is not None:  # 信函格式: no number on page 1
                assert number == page, (name, page, number)
    assert blank_pages  # the generated documents include the blank-page case


def test_first_page_shows_body_text(results):
    """§7.3.3 公文首页必须显示正文: the first body paragraph starts on page 1, also when a long
    主送 list had to move to the 版记 for it."""
    assert [r[0] for r in results if not r[7]] == []


def test_predicted_page_count_agrees_with_libreoffice(results):
    exact = sum(r[2] == r[5] for r in results)
    worst = max(abs(r[2] - r[5]) for r in results)
    share = exact / len(results)
    print(f"\npredicted vs LibreOffice page count: {exact}/{len(results)} exact ({share:.0%}), max deviation {worst}")
    for name, kind, pages, colophon, _, guess, blank, _ in results:
        flag = "" if pages == guess else f"  <-- predicted {guess}"
        print(
            f"  {name:32} {kind:3} {pages:2} pages, 版记 on {colophon}{', blank ' if blank else ''}{blank or ''}{flag}"
        )
    assert share >= AGREEMENT
