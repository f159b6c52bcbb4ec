"""The inputs ``compare.py`` generates: a folder of seed-sized files, documents of N paragraphs,
and the small in-process drivers it runs in fresh processes."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "examples" / "2021-sicheng-tongchuang.yaml"
METRIC = "{数值: 6, 单位: 次"  # 工作会议 in the seed: each generated file gets its own value

_HEADER = """文种: 总结
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作
标题: 2021年街道办事处四城同创工作总结汇报
成文日期: 2021-12-02
署名: 新城街道办事处

正文:
"""
_SENTENCES = [
    "我处把这项工作纳入重要议事日程，制定工作制度和实施方案，进一步明确工作的重要意义，强化全处干部群众的认识。",
    "通过各种途径开展宣传工作，很大程度上提高了居民们的创建热情和爱国卫生意识，调动了广大群众参与的积极性和主动性。",
    "围绕打造廉洁高效的政治环境、民主公正的法制环境、规范守信的市场环境，开展扎实有效的创建活动。",
    "每月对开展的工作进行及时整理和总结，形成文字资料上报市办公室，及时巩固创建成果，安排部署下一阶段工作。",
]
PARAGRAPHS_PER_SECTION = 50


def seed_batch(folder: Path, count: int) -> list[Path]:
    """``count`` seed-sized files, each with its own 工作会议 value (so each output differs)."""
    text = SEED.read_text(encoding="utf-8")
    if METRIC not in text:
        raise SystemExit(f"the seed example no longer contains {METRIC!r}: update benchmarks/workloads.py")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"unit{index:04d}.yaml"
        path.write_text(text.replace(METRIC, f"{{数值: {index + 1}, 单位: 次"), encoding="utf-8")
        paths.append(path)
    return paths


def paragraphs_yaml(count: int) -> str:
    """A 总结 of ``count`` body paragraphs in sections of 50 (the seed's fields otherwise)."""
    lines = [_HEADER]
    sections = max(1, -(-count // PARAGRAPHS_PER_SECTION))
    written = 0
    for section in range(sections):
        lines.append(f"  - 标题: 第{_han(section + 1)}方面的工作\n    段落:\n")
        for _ in range(min(PARAGRAPHS_PER_SECTION, count - written)):
            lines.append(f"      - {_SENTENCES[written % len(_SENTENCES)]}\n")
            written += 1
    return "".join(lines)


def _han(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 105 → 一百零五 (section titles carry no Arabic figures)."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = digits[hundreds] + "百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (digits[ones] if ones else "")


# Run in a fresh process by compare.py: N builds through the library API, after one warm-up.
GONGWEN_RATE = """
import sys, time
from pathlib import Path
import gongwen
source, folder, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
folder.mkdir(parents=True, exist_ok=True)
gongwen.build(source, folder / "warm.docx")
start = time.perf_counter()
for index in range(count):
    gongwen.build(source, folder / f"d{index:04d}.docx")
print(f"{time.perf_counter() - start:.6f}")
"""

# Single builds of many files in one process, for the byte-for-byte check of a batch.
SINGLE_BUILDS = """
import sys
from pathlib import Path
import gongwen
folder = Path(sys.argv[1])
for source in sys.argv[2:]:
    gongwen.build(Path(source), folder / (Path(source).stem + ".docx"))
"""

PDF_CONVERT = """
import sys
from pathlib import Path
from gongwen.output.pdf import convert_to_pdf
convert_to_pdf([Path(p) for p in sys.argv[1:]])
"""
