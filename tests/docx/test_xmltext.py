"""gongwen's XML escaping gives what ``xml.sax.saxutils`` gives, without importing it."""

from __future__ import annotations

import subprocess
import sys
from xml.sax import saxutils

import pytest

from gongwen.docx import xmltext

SAMPLES = ["", "仿宋_GB2312", "a&b<c>d", "&amp;", "say \"hi\"", "it's", "both \" and '", "tab\tline\nreturn\r", "&lt;x&gt;"]


@pytest.mark.parametrize("text", SAMPLES)
def test_escaping_matches_saxutils(text):
    assert xmltext.escape(text) == saxutils.escape(text)
    assert xmltext.unescape(text) == saxutils.unescape(text)
    assert xmltext.quoteattr(text) == saxutils.quoteattr(text)
    assert xmltext.unescape(xmltext.escape(text)) == text


def test_a_single_build_imports_no_network_or_pdf_modules(tmp_path):
    """saxutils brought urllib, http and ssl into every build; the PDF stage and the process
    pool are imported only when a build needs them."""
    code = (
        "import sys, gongwen\n"
        f"gongwen.build('data/examples/2021-sicheng-tongchuang.yaml', r'{tmp_path / 'x.docx'}')\n"
        "import gongwen.output.batch\n"
        "print(sorted(m for m in ('http.client', 'ssl', 'urllib.request', 'xml.sax.saxutils',"
        " 'gongwen.pdf.convert', 'concurrent.futures.process') if m in sys.modules))\n"
    )
    from conftest import ROOT

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                          env={"GONGWEN_CACHE_DIR": "off", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "[]"
