"""The stamp keeps the digests of large parts by identity: a document's fingerprint is the
same as computed from scratch, whatever was kept before, and a part's bytes under another
name or with other content are never taken for a kept one."""

from __future__ import annotations

import datetime
import hashlib

from conftest import EXAMPLES

from gongwen.docx import writer
from gongwen.output import stamp
from gongwen.output.build import compose, load


def _from_scratch(parts: dict[str, bytes], properties: dict[str, str]) -> str:
    own = {k: v for k, v in properties.items() if k != stamp.FINGERPRINT_PROPERTY}
    parts = dict(parts, **{"docProps/custom.xml": stamp._custom_xml(own)})
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(stamp.source_digest(name, parts[name]).encode())
    return "v2:" + digest.hexdigest()


def test_fingerprints_equal_those_computed_from_scratch():
    blocks = compose(load(EXAMPLES / "2021-sicheng-tongchuang.yaml"))
    info = writer.DocumentInfo("t", "a", datetime.datetime(2022, 1, 1))
    first, second = writer.render_parts(blocks, info), writer.render_parts(blocks, info)
    assert dict(first)["word/styles.xml"] is dict(second)["word/styles.xml"]  # the kept object
    properties = {stamp.SOURCE_PROPERTY: "0" * 32}
    for parts in (first, second):
        assert stamp.package_fingerprint(dict(parts), properties) == _from_scratch(dict(parts), properties)
    big = bytes(200_000)
    renamed = {"word/styles.xml": big}
    assert stamp.package_fingerprint(renamed, properties) == _from_scratch(renamed, properties)
    moved = {"word/other.xml": big}  # the same object under another name
    assert stamp.package_fingerprint(moved, properties) == _from_scratch(moved, properties)
    changed = {"word/styles.xml": bytes(199_999) + b"x"}
    assert stamp.package_fingerprint(changed, properties) == _from_scratch(changed, properties)
