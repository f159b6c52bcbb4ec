"""Keys a clerk writes that look like pydantic's union tags (``·…``) are keys, not tags."""

from __future__ import annotations

from conftest import run_cli


def test_a_key_named_like_a_union_tag_is_an_unknown_key(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text("·: 1\n标题: 测试\n", encoding="utf-8")
    code, output = run_cli(["build", str(source)])
    assert code == 1 and "内部错误" not in output, output
    assert f"{source}:1:1: ·: 未知的键“·”" in output


def test_a_tag_like_key_inside_a_table_row_is_located(tmp_path):
    source = tmp_path / "b.yaml"
    source.write_text(
        "文种: 总结\n发文机关: 新城街道办事处\n年度: 2021\n事由: 测试\n成文日期: 2021-12-02\n"
        "正文:\n  - 标题: 一\n    段落:\n      - {·文字: 1}\n",
        encoding="utf-8",
    )
    code, output = run_cli(["build", str(source)])
    assert code == 1 and "内部错误" not in output, output
    assert f"{source}:9:" in output
