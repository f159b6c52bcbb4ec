"""Editor support: the JSON Schema stays in sync and accepts every example; init starts a file."""

from __future__ import annotations

import datetime as dt
import json

import docx
import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, ROOT, run_cli

from gongwen.model.schema import schema_text

COMMITTED = ROOT / "docs" / "gongwen.schema.json"


run = run_cli


def as_json_data(path):
    """YAML as an editor's language server sees it: dates are strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def test_committed_schema_matches_the_models():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), "运行 gongwen schema > docs/gongwen.schema.json"


def test_schema_command_prints_it():
    code, output = run(["schema"])
    assert code == 0 and json.loads(output)["title"] == "gongwen 公文数据文件"


def test_every_field_has_a_chinese_description():
    schema = json.loads(schema_text())
    objects = [schema] + list(schema["$defs"].values())
    for obj in objects:
        for name, field in obj["properties"].items():
            assert field.get("description") and not field["description"].isascii(), name


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_validate_against_schema_and_name_it(example):
    jsonschema.validate(as_json_data(example), json.loads(schema_text()))
    assert example.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../docs/gongwen.schema.json"
    )


def test_schema_rejects_what_gongwen_rejects():
    schema = json.loads(schema_text())
    bad = {
        "发文机关": "甲",
        "年度": 2021,
        "事由": "乙",
        "成文日期": "2021-12-02",
        "正文": [{"标题": "丙", "小题目": 1}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_init_writes_a_starter_that_builds(tmp_path):
    target = tmp_path / "新总结.yaml"
    code, output = run(["init", str(target)])
    assert code == 0 and str(target) in output
    assert (tmp_path / "gongwen.schema.json").read_text(encoding="utf-8") == schema_text()
    jsonschema.validate(as_json_data(target), json.loads(schema_text()))
    code, _ = run(["build", str(target)])
    assert code == 0
    texts = [p.text for p in docx.Document(target.with_suffix(".docx")).paragraphs if p.text]
    assert texts[0] == "新城街道办事处2021年重点工作总结"
    assert "一是丰富宣传形式。全年开展宣传活动12场，比上年增加3场，同比增长33.3%。" in texts
    assert ["一、主要工作和成效", "二、存在的问题", "三、下一步工作打算"] == [t for t in texts if t[:2] in ("一、", "二、", "三、")]
    code, output = run(["init", str(target)])
    assert code == 1 and "文件已存在" in output


@pytest.mark.parametrize("kind", ["总结", "报告", "请示", "通知", "函", "纪要"])
def test_every_kind_has_a_starter_that_builds_cleanly(tmp_path, kind):
    target = tmp_path / f"{kind}.yaml"
    assert run(["init", str(target), "--kind", kind])[0] == 0
    assert f"文种: {kind}" in target.read_text(encoding="utf-8")
    code, output = run(["check", str(target)])
    assert code == 0 and output.strip().endswith("检查通过，未发现问题。"), output
    assert run(["build", str(target)])[0] == 0
