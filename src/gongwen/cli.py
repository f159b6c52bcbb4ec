"""The ``gongwen`` command: a thin click client of the library.

Exit codes: 0 success, 1 bad input / template / output (a ``GongwenError``), 2 usage error.
"""

from __future__ import annotations

import re
import sys

import click

from . import __version__
from .errors import GongwenError
from .pipeline import build as build_document

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_USAGE_TRANSLATIONS = [
    (r"No such option:? '?([^'\s]+)'?\.?", r"没有这个选项：\1。"),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1。"),
    (r"No such command '(.+)'\.", r"没有这个命令：\1。"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 需要一个值。"),
    (r"Did you mean (.+)\?", r"您是不是想输入 \1？"),
    (r"Invalid value for '(.+)': (.+)", r"选项 \1 的值无效：\2"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
    (r"'(.+)' is not one of (.+)\.", r"“\1”不是可选值，可选：\2。"),
]


def _translate_usage(message: str) -> str:
    for pattern, replacement in _USAGE_TRANSLATIONS:
        message = re.sub(pattern, replacement, message)
    return message


class GongwenGroup(click.Group):
    """A click group whose errors speak Chinese: usage errors exit 2, gongwen errors exit 1."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or "gongwen", complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "gongwen"
            click.echo(f"用法错误：{_translate_usage(exc.format_message())}", err=True)
            click.echo(f"运行“{command} --help”查看用法。", err=True)
            code = 2
        except GongwenError as exc:
            exc.show()
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("已中止。", err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=GongwenGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="gongwen", message="%(prog)s %(version)s")
def cli() -> None:
    """gongwen：把一年的工作数据（YAML）生成符合 GB/T 9704-2012《党政机关公文格式》的公文。

    \b
    示例：
      gongwen build 2021年工作总结.yaml          生成 2021年工作总结.docx
      gongwen build 数据.yaml -o 输出/总结.docx   指定输出位置
    """


@cli.command(context_settings=CONTEXT)
@click.argument("source", metavar="数据文件.yaml", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", metavar="输出.docx", help="输出文件路径（默认：与数据文件同名、同目录的 .docx）。")
@click.option("--template", metavar="模板.j2", help="使用自定义措辞模板（Jinja），代替内置模板。")
@click.option(
    "--grid",
    type=click.Choice(["portable", "word"]),
    default="portable",
    show_default=True,
    help="每行 28 字的实现方式：portable（行网格 + 字距收紧，Word/WPS/LibreOffice 通用）或 word（Word 字符网格）。",
)
def build(source: str, output: str | None, template: str | None, grid: str) -> None:
    """由 YAML 数据文件生成公文（.docx）。

    \b
    示例：
      gongwen build data/examples/2021-sicheng-tongchuang.yaml
      gongwen build 总结.yaml -o 总结.docx --template 我的模板.j2
    """
    result = build_document(source, output, template, grid)
    click.echo(f"已生成：{result.docx}")


def main() -> None:
    """Console entry point (``gongwen``)."""
    cli.main(prog_name="gongwen")


if __name__ == "__main__":
    main()
