"""Starter data files for ``gongwen init``: commented YAML that builds as it is."""

from __future__ import annotations

STARTERS = {
    "总结": "starter-zongjie.yaml",
    "报告": "starter-baogao.yaml",
    "请示": "starter-qingshi.yaml",
    "通知": "starter-tongzhi.yaml",
    "函": "starter-han.yaml",
    "纪要": "starter-jiyao.yaml",
    "通报": "starter-tongbao.yaml",
    "讲话稿": "starter-jianghua.yaml",
    "简报": "starter-jianbao.yaml",
}


def starter_text(kind: str) -> str:
    # importlib.resources brings tempfile, shutil and random (~9 ms); the CLI imports this
    # module for STARTERS on every start, --version and --help included.
    from importlib import resources

    return resources.files("gongwen.templates").joinpath(STARTERS[kind]).read_text(encoding="utf-8")
