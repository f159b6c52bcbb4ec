"""Jinja wording: a ``Document`` → the block text form, through one template per 文种.

Templates hold wording only (what the document says and in which order), never layout; a
clerk may copy one and pass it with ``--template``. They run in a sandbox with
``StrictUndefined``: a user-supplied template can read the data, not the file system.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from gongwen.source.texts import TITLE_BREAK
from gongwen.wording.blocks import Block, BlockSyntaxError, Kind, number_blocks, parse_blocks
from gongwen.wording.sandbox import TemplateLimitError, make_environment, render_bounded
from gongwen.wording.templatefiles import TemplateFileError
from gongwen.errors import TemplateError
from gongwen.figures.references import Figure, make_figure
from gongwen.model.document import Attachment, Document, LeadParagraph, Point, Section
from gongwen.model.dates import format_date
from gongwen.model.period import PERIOD_PREFIX
from gongwen.wording.tables import any_table
from gongwen.source.punctuation import ends_with_punctuation, join_lines
from gongwen.wording.titlebreak import break_title

TITLE_LINE_CHARS = 18
# What a user's template can raise by itself (the sandbox stops file and attribute access,
# range() over 100 000 items raises OverflowError); anything else is a bug in gongwen.
TEMPLATE_RUNTIME_ERRORS = (
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    AssertionError,
    RecursionError,
)  # 2号 on a 156 mm line holds 19.8; a title never runs edge to edge

TEMPLATE_FOR_KIND = {
    "总结": "zongjie.j2",
    "报告": "baogao.j2",
    "请示": "qingshi.j2",
    "通知": "tongzhi.j2",
    "函": "han.j2",
    "纪要": "jiyao.j2",
    "通报": "tongbao.j2",
    "讲话稿": "jianghua.j2",
    "简报": "jianbao.j2",
}


@functools.cache
def builtin_template_dir() -> Path:
    """The packaged ``templates/`` folder (``gongwen.templates`` in the wheel). Asked twice a
    build, and importlib.resources takes longer to answer than the rest of finding a template;
    the package does not move while gongwen runs."""
    return Path(str(resources.files("gongwen.templates")))


def template_path(document: Document, override: str | Path | None = None) -> Path:
    if override is not None:
        return Path(override)
    return builtin_template_dir() / TEMPLATE_FOR_KIND[document.kind]


def render_wording(document: Document, override: str | Path | None = None) -> str:
    """The template's text output (unnumbered blocks) for ``document``."""
    path = template_path(document, override)
    if not os.path.lexists(path):
        raise TemplateError(str(path), None, "模板文件不存在，请检查 --template 的路径。")
    env = make_environment((path.parent.resolve(), builtin_template_dir()))
    try:
        text = render_bounded(env.get_template(path.name), template_context(document))
    except TemplateFileError as exc:
        if Path(exc.filename).resolve() == path.resolve():
            raise TemplateError(str(path), exc.line, f"模板文件{exc.message}") from None
        message = f"引用的模板“{exc.name}”{exc.message}"
        raise TemplateError(str(path), _template_line(exc, path), message) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(str(path), exc.lineno, f"语法错误：{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        message = f"引用的模板“{exc.name}”不存在；只能引用与模板同一文件夹或内置模板文件夹中的模板。"
        raise TemplateError(str(path), _template_line(exc, path), message) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(str(path), _template_line(exc, path), _runtime_message(exc)) from None
    except TEMPLATE_RUNTIME_ERRORS as exc:  # a template's own mistake, e.g. {{ 标题 + 1 }}
        raise TemplateError(str(path), _template_line(exc, path), _mistake_message(exc)) from None
    except MemoryError:
        raise TemplateError(str(path), None, "模板占用的内存过多，已停止。请去掉造出大量内容的表达式。") from None
    _check_output(text, path)
    return text


# What the block text may not contain: characters XML cannot hold (C0 controls but tab and
# newline, C1 controls, lone surrogates, U+FFFE/FFFF) and the other line separators, which
# would start a block line of their own.
_FORBIDDEN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _check_output(text: str, path: Path) -> None:
    bad = _FORBIDDEN_OUTPUT.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        message = (
            f"模板输出第 {line} 行含有不能写入文档的控制字符或无效字符（U+{ord(bad.group()):04X}），"
            "请检查模板中的转义写法（如 \\x01、\\ud800）或数据。"
        )
        raise TemplateError(str(path), None, message)


def compose_blocks(document: Document, override: str | Path | None = None) -> list[Block]:
    """Render the wording and number it: the document as blocks, ready for any writer."""
    text = render_wording(document, override)
    try:
        blocks = number_blocks(parse_blocks(text))
    except BlockSyntaxError as exc:
        where = template_path(document, override)
        raise TemplateError(str(where), None, f"模板输出第 {exc.line} 行：{exc}") from None
    typed = PERIOD_PREFIX.match(document.subject)  # 2022-2023学年 as the 事由 spells it
    protected = (*document.issuers, *document.recipients, document.period.text, *([typed.group()] if typed else []))
    return [_break_title(b, protected) if b.kind is Kind.TITLE else b for b in blocks]


def _break_title(block: Block, protected: tuple[str, ...]) -> Block:
    """Titles wider than a line go on several centred lines, marked ``|`` in the block text."""
    lines = break_title(block.text, TITLE_LINE_CHARS, protected)
    return replace(block, text=TITLE_BREAK.join(lines))


def template_context(document: Document) -> dict[str, Any]:
    """What a template sees, under Chinese names, with text already tidied.

    Every name is available at the top level and, for the shared macros, under ``文档``.
    """
    figures = _figures(document)
    names = _names(document, figures) | _issuance_names(document, figures)
    return names | {"文档": names}


def _names(document: Document, figures: dict[str, Figure]) -> dict[str, Any]:
    return {
        "文种": document.kind,
        "标题": join_lines(document.display_title),
        "发文机关": document.issuer,
        "年度": document.year,
        "期间": document.period.text,
        "上期": document.period.last,
        "事由": document.subject,
        "导语": _paragraphs(document.intro),
        "正文": [_section(s, figures) for s in document.sections],
        "结语": _paragraphs(document.closing),
        "署名": join_lines(document.display_signature),
        "联合发文机关": list(document.co_issuers),
        "成文日期": format_date(document.date),
        "指标": figures,
    }


def _figures(document: Document) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for name, metric in document.metrics.items():
        figures[name] = make_figure(name, metric, figures.get, document.period.baseline)
    return figures


def _issuance_names(document: Document, figures: dict[str, Figure]) -> dict[str, Any]:
    """版头, 主送, 附件, 落款 and 版记 fields (GB/T 9704 §7)."""
    return {
        "份号": document.copy_number,
        "密级": document.secrecy or "",
        "保密期限": document.secrecy_period,
        "紧急程度": document.urgency or "",
        "发文机关标志": join_lines(document.display_masthead),
        "发文字号": str(document.number) if document.number else "",
        "签发人": list(document.signers),
        "主送机关": [join_lines(r) for r in document.recipients],
        "附件": [_attachment(a, figures) for a in document.attachments],
        "印章": document.seal,
        "附注": join_lines(document.note),
        "抄送": [join_lines(c) for c in document.copies_to],
        "印发机关": join_lines(document.printer or document.issuer),
        "印发日期": format_date(document.print_date or document.date),
        "版头": document.letterhead,
        "期数": document.issue or "",
        "总期数": document.total_issue or "",
        "编印单位": join_lines(document.editor or document.issuer),
        "报送": [
            f"{label}：{'、'.join(join_lines(n) for n in names)}"
            for label, names in (("报", document.report_to), ("送", document.send_to), ("发", document.issue_to))
            if names
        ],
        "小标题字体": document.lead_style,
        "讲话人": document.speaker,
        "副标题": _subtitle(document),
        "称呼": _salutation(document.salutation),
        "出席": list(document.attendees),
        "请假": list(document.absentees),
        "列席": list(document.observers),
    }


def _umbrella(text: str) -> str:
    """主要做了三方面工作： — the sentence that opens 一是, 二是 ends in a colon."""
    text = join_lines(text)
    return text + "：" if text and not ends_with_punctuation(text) else text


def _subtitle(document: Document) -> str:
    """——在……上的讲话 under an explicit title that does not already say it."""
    occasion = document.speech_occasion
    if not (document.title and occasion) or document.title.replace(TITLE_BREAK, "") == occasion:
        return ""
    return f"——{occasion}"


def _salutation(text: str) -> str:
    """同志们： by default; a colon added when the clerk left it off."""
    text = join_lines(text) or "同志们"
    return text if text.endswith(("：", ":")) else text + "："


def _attachment(attachment: Attachment, figures: dict[str, Figure]) -> dict[str, Any]:
    return {
        "名称": join_lines(attachment.name),
        "段落": _paragraphs(attachment.paragraphs),
        "表格": any_table(attachment, figures),
    }


def _section(section: Section, figures: dict[str, Figure]) -> dict[str, Any]:
    table = any_table(section, figures)
    return {
        "标题": join_lines(section.heading),
        "段落": _paragraphs(section.paragraphs),
        "要点引语": _umbrella(section.umbrella),
        "标题连写": section.run_in,
        "编号": section.numbered,
        "要点": [_point(p) for p in section.points],
        "要点写法": section.points_style,
        "表格": table,
        "小节": [_section(s, figures) for s in section.subsections],
    }


def _point(point: Point) -> dict[str, str]:
    return {"小标题": _lead(point.lead), "内容": join_lines(point.text)}


def _lead(text: str) -> str:
    lead = join_lines(text)
    return lead + "。" if lead and not ends_with_punctuation(lead) else lead


class ParagraphText(str):
    """A paragraph for the templates: prints as its whole text (lead and all), as paragraphs
    always did; ``小标题`` and ``内容`` give the parts, for a template that sets the lead apart."""

    小标题: str
    内容: str


def _paragraphs(paragraphs: list) -> list[ParagraphText]:
    result = []
    for paragraph in paragraphs:
        lead, text = (
            (_lead(paragraph.lead), join_lines(paragraph.text))
            if isinstance(paragraph, LeadParagraph)
            else ("", join_lines(paragraph))
        )
        item = ParagraphText(lead + text)
        item.小标题, item.内容 = lead, text
        result.append(item)
    return result


_KNOWN_NAMES = "标题、发文机关、年度、事由、导语、正文、结语、署名、成文日期、指标、主送机关、附件、文档"


def _template_line(exc: BaseException, path: Path) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).name == path.name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNDEFINED = re.compile(r"'(.+?)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'(.+?)' (?:object )?has no attribute '(.+?)'")
_UNSAFE = re.compile(r"access to attribute '(.+?)' of '(.+?)' object is unsafe")


def _runtime_message(exc: jinja2.TemplateError) -> str:
    message = str(exc)
    if isinstance(exc, TemplateLimitError):
        return message
    if isinstance(exc, jinja2.UndefinedError):
        found = _UNDEFINED.search(message) or _NO_ATTRIBUTE.search(message)
        what = f"“{found.group(found.lastindex)}”" if found else ""
        return f"使用了不存在的变量或属性{what}。可用的变量有：{_KNOWN_NAMES}等（见内置模板）。"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        unsafe = _UNSAFE.search(message)
        what = f"（“{unsafe.group(2)}”的属性“{unsafe.group(1)}”）" if unsafe else ""
        return f"模板试图访问不允许的内容{what}，模板只能读取文档数据。"
    return f"模板出错（{type(exc).__name__}），请检查这一行。"


_MISTAKES = {
    RecursionError: "宏或 include 互相调用、层层嵌套过深，请检查是否有宏调用了自己。",
    TypeError: "数据类型不匹配（例如把文字和数字相加、对不是列表的值循环），请检查这一行的表达式。",
    ZeroDivisionError: "除数为 0，请检查这一行的算式。",
    OverflowError: "数字过大，无法计算，请检查这一行的算式。",
    LookupError: "取了不存在的列表项或键，请检查下标或键名。",
    AssertionError: "模板中的断言或过滤器参数不满足要求（例如参数太短），请检查这一行的参数。",
    ValueError: "值不符合要求（例如把文字当作数字），请检查这一行的表达式。",
    ArithmeticError: "算式无法计算，请检查这一行的算式。",
}


def _mistake_message(exc: BaseException) -> str:
    """A template's own runtime mistake, in Chinese (Python's English text stays out)."""
    reason = next((text for kind, text in _MISTAKES.items() if isinstance(exc, kind)), "请检查这一行的表达式。")
    return f"模板运算出错：{reason}"
