"""The 版头 geometry is solved for every 标志, however long: never a hang (issue 9)."""

from __future__ import annotations

import pytest

from conftest import run_cli

from gongwen.docx import layout
from gongwen.docx.masthead import LINE, RATIO, masthead_geometry


@pytest.mark.parametrize("rows", [1, 2, 3])
@pytest.mark.parametrize("lines_above", [0, 1, 2, 3])
def test_every_width_gets_a_geometry_on_the_grid_with_the_top_at_35_mm(lines_above, rows):
    target = layout.MASTHEAD_TOP_BELOW_TYPE_AREA.twips
    for width in range(1, 61):
        geometry = masthead_geometry("机" * width, lines_above, rows)
        size = round(geometry.size_pt * 20)
        top = lines_above * LINE + geometry.spacer + RATIO * geometry.line - size
        assert geometry.line * RATIO >= size and geometry.spacer >= 0
        assert abs(top - target) <= rows + 1, (width, geometry)  # rounding the line to whole twips
        total = lines_above * LINE + geometry.spacer + rows * geometry.line + geometry.after
        assert total % LINE == 0, (width, geometry)


def test_a_22_character_organ_builds(write_yaml):
    """It hung before: no whole number of grid lines solved its two equations."""
    from conftest import EXAMPLES

    text = (EXAMPLES / "2021-sicheng-tongchuang-baogao.yaml").read_text(encoding="utf-8")
    long_name = "新城街道办事处新城街道办事处新城街道办事处一"
    source = write_yaml(text.replace("发文机关: 新城街道办事处", f"发文机关: {long_name}", 1))
    code, output = run_cli(["build", str(source)])
    assert code == 0, output
