"""Every example builds to the same bytes as when these hashes were recorded (issue 10).

The package was reorganised without changing anything a user sees: the .docx and the .txt
preview of each example must keep their SHA-256. Update ``fixtures/example-hashes.json``
(``python tests/test_example_bytes.py``) only in a change that alters output on purpose,
and say why in its commit message.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent  # tests/
sys.path.insert(0, str(HERE))

from conftest import EXAMPLES, run_cli  # noqa: E402

HASHES = HERE / "fixtures" / "example-hashes.json"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def built_hashes(source: Path, folder: Path) -> dict[str, str]:
    code, output = run_cli(["build", str(source), "-o", f"{folder}/", "--to", "docx", "--to", "txt"])
    assert code == 0, output
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_output_bytes_are_unchanged(source, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    recorded = json.loads(HASHES.read_text(encoding="utf-8"))
    assert built_hashes(source, tmp_path) == recorded[source.stem]


if __name__ == "__main__":  # record the hashes anew
    import tempfile

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    table = {}
    for example in EXAMPLE_FILES:
        with tempfile.TemporaryDirectory() as tmp:
            table[example.stem] = built_hashes(example, Path(tmp))
    HASHES.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"recorded {len(table)} examples in {HASHES}")
