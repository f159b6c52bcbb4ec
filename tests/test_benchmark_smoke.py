"""The benchmark script runs end to end (``benchmarks/compare.py --smoke``, tiny counts).

Not a timed test: it only shows that the script, its generated inputs and its correctness
checks (every output opens with python-docx, batch outputs equal single builds byte for byte)
still work, so ``benchmarks/RESULTS.md`` can be regenerated at any time. docxtpl, pandoc and
LibreOffice are optional there; the run says which comparisons it could not make.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_benchmark_runs_in_smoke_mode(tmp_path):
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "compare.py"), "--smoke", "--out", str(results)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "Correctness checks: all passed." in text
    for heading in ("## Targets", "## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## 6.", "## Profile and levers"):
        assert heading in text, heading
    assert "| gongwen build |" in text and "outputs opened with python-docx; failures: 0" in text
    assert "| the stack as a build uses it |" in text and "Two such gongwen processes at once" in text
