"""Shared fixtures: the bundled examples, built once per session into real .docx files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import gongwen
from gongwen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_EXAMPLE = EXAMPLES / "2021-sicheng-tongchuang.yaml"
SHORT_EXAMPLE = EXAMPLES / "2022-xiaoqu-gaizao.yaml"


def pytest_configure(config):
    """The records and compiled templates of a test run go to a cache of its own (subprocesses
    inherit it), never to the user's ~/.cache/gongwen: a record left by one run must not make
    another skip a build. Tests about the cache set GONGWEN_CACHE_DIR themselves."""
    if "GONGWEN_CACHE_DIR" not in os.environ:
        config._gongwen_cache = tempfile.mkdtemp(prefix="gongwen-test-cache-")
        os.environ["GONGWEN_CACHE_DIR"] = config._gongwen_cache


def pytest_unconfigure(config):
    folder = getattr(config, "_gongwen_cache", None)
    if folder is not None:
        os.environ.pop("GONGWEN_CACHE_DIR", None)
        shutil.rmtree(folder, ignore_errors=True)


def run_cli(args: list[str]) -> tuple[int, str]:
    """Invoke the real command group; ``output`` holds stdout and stderr as a user sees them."""
    result = CliRunner().invoke(cli, args, prog_name="gongwen", catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory) -> dict[str, Path]:
    """Every example built once: stem → .docx path."""
    folder = tmp_path_factory.mktemp("examples")
    built = {}
    for source in sorted(EXAMPLES.glob("*.yaml")):
        built[source.stem] = gongwen.build(source, folder / f"{source.stem}.docx").docx
    return built


@pytest.fixture(scope="session")
def seed_docx(built_examples) -> Path:
    return built_examples[SEED_EXAMPLE.stem]


@pytest.fixture(scope="session")
def short_docx(built_examples) -> Path:
    return built_examples[SHORT_EXAMPLE.stem]


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML file on disk (real files, as a clerk would) and return its path."""

    def write(text: str, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


MINIMAL = """\
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作
成文日期: 2021-12-02
指标:
  工作会议: 6次
正文:
  - 标题: 加强领导，明确责任
    段落:
      - 全年召开工作会议{{ 工作会议 }}。
"""
