"""A user's wording template runs sandboxed: no files outside its folder, no Python internals.

Every escape attempt must end in a ``TemplateError`` naming the template file and line (exit
code 1 on the command line), never in data from outside or a traceback.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import re

from conftest import MINIMAL, run_cli

import gongwen
from gongwen.cli import cli
from gongwen.errors import TemplateError
from gongwen.wording.composer import render_wording

SECRET = "绝密内容-不应出现"


@pytest.fixture
def document(write_yaml):
    return gongwen.load(write_yaml(MINIMAL))


@pytest.fixture
def template(tmp_path):
    """Write a template in its own folder, with a secret file just outside it."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "模板"
    folder.mkdir()

    def write(body: str):
        path = folder / "mine.j2"
        path.write_text(f"【标题】{{{{ 标题 }}}}\n【正文】{body}\n", encoding="utf-8")
        return path

    return write


def refused(document, path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render_wording(document, path)
    error = caught.value
    assert error.template == str(path) and error.line == 2, error.format_message()
    assert SECRET not in error.format_message() and "root:" not in error.format_message()
    return error


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ 标题.__class__ }}",
        "{{ 正文.__class__.__base__.__subclasses__() }}",
        "{{ ''|attr('__class__') }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ 标题.format.__globals__ }}",
        "{{ 指标.工作会议.__dict__ }}",
        "{{ [].pop.__self__ }}",
        "{{ 标题.__len__() }}",
    ],
)
def test_python_internals_are_out_of_reach(document, template, body):
    error = refused(document, template(body))
    assert "模板试图访问不允许的内容" in error.format_message()


@pytest.mark.parametrize(
    "body",
    [
        "{% include '/etc/passwd' %}",
        "{% include '../secret.txt' %}",
        "{% include '../../secret.txt' %}",
        "{% import '../secret.txt' as s %}",
        "{% extends '/etc/passwd' %}",
        "{% include 'secret.txt' %}",  # not in the template's own folder
    ],
)
def test_files_outside_the_template_folder_cannot_be_read(document, template, body):
    refused(document, template(body))


def test_absolute_path_of_an_existing_file_is_not_read(document, template, tmp_path):
    refused(document, template(f"{{% include '{tmp_path / 'secret.txt'}' %}}"))


def test_unknown_names_are_errors_not_blanks(document, template):
    error = refused(document, template("{{ config }}{{ 没有这个 }}"))
    assert "使用了不存在的变量" in error.format_message()


def test_cli_reports_the_escape_with_exit_code_1(write_yaml, template, tmp_path):
    path = template("{{ 标题.__class__.__mro__[1].__subclasses__() }}")
    args = ["build", str(write_yaml(MINIMAL)), "--template", str(path), "-o", str(tmp_path / "o.docx")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and f"{path}:2: 模板错误: 模板试图访问不允许的内容" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o.docx").exists()


# Runtime errors of a user's template (not jinja2.TemplateError) are template errors too.
@pytest.mark.parametrize(
    "body",
    ["{{ 标题 + 1 }}", "{{ 1 / 0 }}", "{% for i in range(999999999) %}{% endfor %}", "{{ 标题|truncate(-5) }}"],
)
def test_runtime_errors_become_template_errors(document, template, body):
    refused(document, template(body))


@pytest.mark.parametrize(
    "body, fragment",
    [
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "宏或 include 互相调用"),
        ("{{ 标题.__class__ }}", "不允许的内容"),
        ("{{ 标题 + 1 }}", "数据类型不匹配"),
        ("{{ 1 / 0 }}", "除数为 0"),
        ("{{ 不存在的名字 }}", "“不存在的名字”"),
    ],
)
def test_template_mistakes_are_explained_in_chinese(tmp_path, write_yaml, body, fragment):
    template = tmp_path / "t.j2"
    template.write_text("【标题】" + body + "\n", encoding="utf-8")
    code, output = run_cli(["build", str(write_yaml(MINIMAL)), "--template", str(template)])
    assert code == 1 and "模板错误" in output and fragment in output, output
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", output.split("模板错误", 1)[1]), (
        output
    )  # no English prose
