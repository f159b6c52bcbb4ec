"""The ``gongwen`` command: a thin click client of the library.

Exit codes: 0 success, 1 bad input / template / output (a ``GongwenError``), 2 usage error.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from gongwen.wording.starter import STARTERS
from gongwen.errors import GongwenError, OutputError, explain
from gongwen.output import FORMATS
from gongwen.version import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_USAGE_TRANSLATIONS = [
    (r"'([^'\s]+)' / '([^'\s]+)'", r"\1/\2"),  # '-j' / '--jobs' → -j/--jobs before the rest
    (r"No such option:? '?([^'\s]+)'?\.?", r"没有这个选项：\1。"),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1。"),
    (r"No such command '(.+)'\.", r"没有这个命令：\1。"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 需要一个值。"),
    (r"Did you mean (.+)\?", r"您是不是想输入 \1？"),
    (r"Invalid value for '?([^':]+?)'?: (.+)", r"选项 \1 的值无效：\2"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
    (r"'(.+?)' is not one of (.+)\.", lambda m: f"“{m[1]}”不是可选值，可选：{m[2].replace(chr(39), '')}。"),
    (r"(\S+) is not in the range (\S+)<=x<=(\S+)\.", r"\1 不在允许的范围内（\2—\3）。"),
    (r"'(.+?)' is not a valid integer( range)?\.", r"“\1”不是整数。"),
]


def _translate_usage(message: str) -> str:
    for pattern, replacement in _USAGE_TRANSLATIONS:
        message = re.sub(pattern, replacement, message)
    return message


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help page with Chinese headings ("用法：", "选项", "命令")."""

    HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")

    def section(self, name: str):
        return super().section(self.HEADINGS.get(name, name))


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class ChineseHelp:
    """Mixed into the group and its commands: Chinese help pages and option texts."""

    context_class = ChineseContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示帮助并退出。"
        return option


class GongwenCommand(ChineseHelp, click.Command):
    pass


class GongwenGroup(ChineseHelp, click.Group):
    """A click group whose errors speak Chinese: usage errors exit 2, gongwen errors exit 1."""

    command_class = GongwenCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        _tolerant_streams()
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
        except OSError as exc:  # stdout is a full disk or a closed pipe: say so, once
            code = _output_failed(exc)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``gongwen --version``: which gongwen this is (gongwen-skill also installs a ``gongwen``),
    and on stderr a note for every clash found."""
    if not value or ctx.resilient_parsing:
        return
    from gongwen.version import clashes, describe

    click.echo(describe())
    for note in clashes():
        click.echo(note, err=True)
    ctx.exit()


@click.group(cls=GongwenGroup, context_settings=CONTEXT)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=f"显示版本（{__version__}）、安装位置，并检查是否与同名软件包（如 gongwen-skill）冲突，然后退出。",
)
def cli() -> None:
    """gongwen：把一年的工作数据（YAML）生成符合 GB/T 9704-2012《党政机关公文格式》的公文。

    \b
    示例：
      gongwen build 2021年工作总结.yaml          生成 2021年工作总结.docx
      gongwen build 数据.yaml -o 输出/总结.docx   指定输出位置
    """


@cli.command(context_settings=CONTEXT)
@click.argument("sources", metavar="数据文件或文件夹…", nargs=-1, required=True)
@click.option("-o", "--output", metavar="路径", help="输出文件；输入多个文件时为输出文件夹（默认：与数据文件同目录）。")
@click.option("--template", metavar="模板.j2", help="使用自定义措辞模板（Jinja），代替内置模板。")
@click.option(
    "--grid",
    type=click.Choice(["portable", "word"]),
    default="portable",
    show_default=True,
    help="每行 28 字的实现方式：portable（行网格 + 字距收紧，Word/WPS/LibreOffice 通用）或 word（Word 字符网格）。",
)
@click.option(
    "--to",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="输出格式，可重复：docx（默认）、txt（纯文本预览）、md（Markdown 预览）、blocks（块模型，调试模板用）。",
)
@click.option("--check", is_flag=True, help="只检查输出是否缺失或过期，不写任何文件；有需要重新生成的则退出码为 1。")
@click.option("--force", is_flag=True, help="即使 .docx 在 Word/WPS 中修改过、或不是 gongwen 生成的，也覆盖它。")
@click.option("--draft", is_flag=True, help="数据中还有占位符等错误时也生成，文件每页标明“草稿”，不得印发。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转出 PDF（与 .docx 同名同目录）。")
@click.option("--soffice", metavar="路径", help="LibreOffice 程序 soffice 的路径（默认在 PATH 中查找）。")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(1, 64), help="并行生成的进程数（默认：CPU 核数）。")
def build(sources, output, template, grid, formats, check, force, draft, pdf, soffice, jobs) -> None:
    """由 YAML 数据文件生成公文（.docx），可一次生成多个文件。

    输入可以是文件、文件夹（查找其中所有 .yaml/.yml）或通配符。已是最新的输出会跳过。

    \b
    示例：
      gongwen build data/examples/2021-sicheng-tongchuang.yaml
      gongwen build 总结.yaml -o 总结.docx --template 我的模板.j2
      gongwen build data/ -o drafts/ --to docx --to txt
      gongwen build data/ -o drafts/ --check          （CI 中检查草稿是否已重新生成）
      gongwen build 总结.yaml --pdf                      （另存 PDF，需要 LibreOffice）
    """
    from gongwen.output.batch import abort_all, check_output_clashes, expand_sources, finish_pdfs
    from gongwen.output.build import BuildOptions

    _refuse_empty(sources, output)
    paths = expand_sources(sources)
    target = Path(output) if output else None
    into_folder = _into_folder(sources, paths, output)
    formats = tuple(dict.fromkeys(formats)) or ("docx",)
    options = BuildOptions(
        template=Path(template) if template else None,
        grid=grid,
        formats=formats,
        force=force,
        draft=draft,
        pdf=pdf,
        defer_commit=pdf and not check,
    )
    check_output_clashes(paths, target, options, into_folder)
    if options.defer_commit:
        from gongwen.pdf.convert import find_soffice

        find_soffice(soffice)  # before building anything: without LibreOffice nothing is written
    outcomes = _run_with_progress(paths, target, options, into_folder, check, jobs)
    if options.defer_commit:
        try:
            finish_pdfs(outcomes, soffice)
        except BaseException:  # Ctrl-C while LibreOffice runs: nothing of these inputs is written
            abort_all(outcomes)
            raise
    sys.exit(_report(outcomes, check))


def _refuse_empty(sources: tuple[str, ...], output: str | None) -> None:
    """``gongwen build ""`` (a script's unset variable) must not mean the current folder."""
    if any(not source.strip() for source in sources):
        raise click.UsageError("数据文件参数是空的（常见原因：脚本中的变量没有赋值）。请写出数据文件或文件夹的路径。")
    if output is not None and not output.strip():
        raise click.UsageError(
            "-o 的值是空的（常见原因：脚本中的变量没有赋值）。请写出输出文件或文件夹的路径，或者不写 -o。"
        )


def _into_folder(arguments: tuple[str, ...], paths: list[Path], output: str | None) -> bool:
    """A folder, a pattern or several inputs always write into a folder; so does ``-o 目录/``."""
    from gongwen.output.batch import is_folder, is_pattern

    if len(paths) > 1 or any(is_pattern(a) or is_folder(Path(a)) for a in arguments):
        return True
    return bool(output and (is_folder(Path(output)) or output.endswith(("/", os.sep))))


def _run_with_progress(paths, output, options, into_folder, check, jobs):
    from gongwen.output.batch import run_batch

    show_bar = len(paths) > 1 and sys.stderr.isatty()
    if not show_bar:
        return run_batch(paths, output, options, into_folder=into_folder, check=check, jobs=jobs)
    with click.progressbar(length=len(paths), label="生成中", file=sys.stderr) as bar:
        return run_batch(
            paths, output, options, into_folder=into_folder, check=check, jobs=jobs, on_done=lambda _: bar.update(1)
        )


def _report(outcomes, check: bool) -> int:
    """Print what happened; the exit code is 1 if any input failed (or, with --check, is stale)."""
    for outcome in outcomes:
        for finding in outcome.findings:
            click.echo(finding.format(), err=True)
        if outcome.error:
            click.echo(outcome.error, err=True)
        for path, state in outcome.stale:
            if state.startswith("blocked:"):
                click.echo(f"无法重新生成：{path}（{state.removeprefix('blocked:')}）")
            else:
                click.echo(f"需要重新生成：{path}（{'缺失' if state == 'missing' else '已过期'}）")
        if len(outcomes) == 1:
            for path in outcome.written:
                click.echo(f"已生成：{path}")
            for path in outcome.skipped:
                click.echo(f"未变化，已跳过：{path}")
    failed = sum(o.failed for o in outcomes)
    if check:
        stale = sum(bool(o.stale) for o in outcomes)
        click.echo(f"检查完毕：{len(outcomes)} 个数据文件，{stale} 个需要重新生成，{failed} 个有错误。")
        return 1 if stale or failed else 0
    if len(outcomes) > 1:
        built = sum(bool(o.written) for o in outcomes)
        skipped = sum(bool(o.skipped) and not o.written for o in outcomes)
        click.echo(f"完成：生成 {built} 个，跳过 {skipped} 个，失败 {failed} 个。")
    return 1 if failed else 0


@cli.command(context_settings=CONTEXT)
def fonts() -> None:
    """字体检查：列出公文各部分要求的字体，以及本机实际会用哪种字体显示（转 PDF 时）。

    \b
    示例：
      gongwen fonts
    """
    from gongwen.pdf.fontdoctor import fonts_report_text

    text, all_present = fonts_report_text()
    click.echo(text)
    sys.exit(0 if all_present else 1)


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """输出数据文件格式的 JSON Schema（供 VS Code 等编辑器补全和检查字段）。

    \b
    示例：
      gongwen schema > gongwen.schema.json
    """
    from gongwen.model.schema import schema_text

    click.echo(schema_text(), nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("target", metavar="新文件.yaml", default="工作总结.yaml")
@click.option("--kind", type=click.Choice(sorted(STARTERS)), default="总结", show_default=True, help="文种。")
def init(target: str, kind: str) -> None:
    """生成一个带注释的数据文件样例，改写后即可 gongwen build。

    \b
    示例：
      gongwen init 2024年工作总结.yaml
    """
    from gongwen.wording.starter import starter_text
    from gongwen.model.schema import schema_text
    from gongwen.output.files import atomic_write, existing_kind

    if not target.strip():
        raise click.UsageError("新文件名是空的。请写出要生成的数据文件名，例如 gongwen init 2024年工作总结.yaml")
    path = Path(target)
    if existing_kind(path) != "missing":
        raise OutputError(str(path), "文件已存在，为免覆盖，未写入。请换一个文件名。")
    atomic_write(path, starter_text(kind).encode("utf-8"))
    schema_file = path.parent / "gongwen.schema.json"
    if existing_kind(schema_file) == "missing":  # the starter's first line points editors at it
        atomic_write(schema_file, schema_text().encode("utf-8"))
    click.echo(f"已生成数据文件：{path}（修改后运行 gongwen build {path}）")


@cli.command("check", context_settings=CONTEXT)
@click.argument("sources", metavar="数据文件或文件夹…", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="有警告也视为不通过（退出码 1）。")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式：text（每行一条，最后一行为汇总）或 json（供 CI 读取的列表）。",
)
def check_command(sources: tuple[str, ...], strict: bool, output_format: str) -> None:
    """检查数据文件：格式、字段、占位符、标点、编号等，不生成任何文件。

    每条问题写明 文件:行:列、字段和改法。退出码：0 没有错误（只有警告也算通过，除非 --strict）；
    1 有错误；2 用法错误。

    \b
    示例：
      gongwen check data/examples/2021-sicheng-tongchuang.yaml
      gongwen check data/ --strict
      gongwen check 总结.yaml --format json        （CI 中读取规则编号、行号）
    """
    from gongwen.output.check import check_sources, exit_code, render_json, render_text

    _refuse_empty(sources, None)
    problems = check_sources(sources)
    if output_format == "json":
        click.echo(render_json(problems, ascii_only=not _stdout_is_utf8()))
    else:
        click.echo(render_text(problems, strict))
    sys.exit(exit_code(problems, strict))


def _output_failed(exc: OSError) -> int:
    """Printing the result failed (``> /dev/full``, a pipe closed early): a Chinese line on
    stderr, and stdout silenced so the interpreter's last flush cannot fail again."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
    try:
        click.echo(f"无法输出结果：{explain(exc)}", err=True)
    except OSError:
        pass
    return 1


def _stdout_is_utf8() -> bool:
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf8sig")


def _tolerant_streams() -> None:
    """A GBK console (Windows, a redirected output, PYTHONIOENCODING=gbk or gbk:strict) cannot
    show every character of a path or a clerk's text: print "?" for those rather than crash after
    the work is done. The encoding is kept (UTF-8 stays UTF-8; Chinese stays readable in GBK)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") != "replace":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError, AttributeError):
                pass


def main() -> None:
    """Console entry point (``gongwen``)."""
    # pydantic looks for plugins in every installed package's entry points when gongwen's
    # models are built (~7 ms of a cold start); none is meant to change how gongwen reads a
    # clerk's data. An explicit setting is left as it is.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli.main(prog_name="gongwen")


if __name__ == "__main__":
    main()
