"""The same .docx gives the same PDF bytes: LibreOffice's wall-clock /CreationDate, its /ID
and /DocChecksum are replaced by the document's own moment and digests of the content."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import require_soffice

GONGWEN = Path(sys.executable).with_name("gongwen")
EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "2022-jianbao-anquan.yaml"


@pytest.mark.render
def test_two_builds_at_different_times_give_identical_pdfs(tmp_path):
    soffice = require_soffice()
    pdfs = []
    for index, clock in enumerate(("2026-01-01 00:00:01", "2027-06-30 12:34:56")):
        target = tmp_path / str(index)
        command = [
            "faketime",
            clock,
            str(GONGWEN),
            "build",
            str(EXAMPLE),
            "--pdf",
            "--soffice",
            soffice,
            "-o",
            f"{target}/",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        pdfs.append((target / "2022-jianbao-anquan.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
    assert re.search(rb"/CreationDate\(D:20221220", pdfs[0])  # the 成文日期, not the wall clock
    ids = re.findall(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]", pdfs[0])
    assert len(ids) == 1 and ids[0][0] == ids[0][1]


def test_a_pdf_keeps_its_offsets_when_fixed():
    from gongwen.pdf.fixed import fixed_pdf

    pdf = (
        b"%PDF-1.4\n1 0 obj<</CreationDate(D:20261202071544Z')>>endobj\n"
        b"trailer<</ID [ <A6F577F331D443E859BA962F3EB1A7F3>\n<A6F577F331D443E859BA962F3EB1A7F3> ]\n"
        b"/DocChecksum /EBECE0EC87DCF439BD9B301CA3B0C1D2\n>>\nstartxref\n9\n%%EOF\n"
    )
    fixed = fixed_pdf(pdf, b"D:20221220090000")
    assert len(fixed) == len(pdf) and b"D:20221220090000Z'" in fixed
    assert fixed_pdf(pdf.replace(b"071544", b"235959"), b"D:20221220090000") == fixed  # the clock no longer shows


def test_a_pdf_made_in_another_time_zone_is_fixed_too():
    from gongwen.pdf.fixed import fixed_pdf

    shanghai = b"%PDF-1.4\n1 0 obj<</CreationDate(D:20261202152949+08'00')>>endobj\n%%EOF\n"
    later = shanghai.replace(b"152949", b"152953")
    assert fixed_pdf(shanghai, b"D:20221220090000") == fixed_pdf(later, b"D:20221220090000")
    assert b"D:20221220090000+00'00'" in fixed_pdf(shanghai, b"D:20221220090000")
