"""The base package's shared parts: styles.xml parsed only on demand, deflated members reused,
and a zip writer of gongwen's own that lays a package out exactly as ``zipfile`` does."""

from __future__ import annotations

import datetime
import io
import random
import zipfile

import docx as docx_module
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from gongwen.docx import writer
from gongwen.docx.package import LazyStylesPart, open_document, styles_for_reading
from gongwen.docx.reproducible import write_zip
from conftest import EXAMPLES


def zipfile_reference(parts: list[tuple[str, bytes]]) -> bytes:
    """What gongwen wrote with ``zipfile`` before it had a writer of its own."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def random_parts(seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    names = ["word/document.xml", "[Content_Types].xml", "word/媒体/图一.xml", "a" * 300, "x"]
    parts = []
    for index in range(rng.randint(0, 9)):
        if rng.random() < 0.3:
            data = rng.randbytes(rng.randint(0, 5000))  # incompressible
        else:
            data = "<w:p>正文</w:p>".encode() * rng.randint(0, 4000)
        parts.append((f"{rng.choice(names)}{index}", data))
    return parts


@pytest.mark.parametrize("seed", range(40))
def test_the_zip_writer_matches_zipfile_byte_for_byte(seed):
    parts = random_parts(seed)
    assert write_zip(parts) == zipfile_reference(parts)
    assert write_zip(parts) == zipfile_reference(parts)  # members now deflated from the cache


def test_an_empty_package_matches_zipfile_too():
    assert write_zip([]) == zipfile_reference([])


def test_a_zip_written_from_cached_members_reads_back():
    parts = random_parts(7) + [("word/styles.xml", b"<w:styles/>" * 1000)]
    write_zip(parts)
    with zipfile.ZipFile(io.BytesIO(write_zip(parts))) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == parts


def built_example(name: str) -> bytes:
    from gongwen.output.build import load, render

    return render(load(EXAMPLES / f"{name}.yaml"))


def test_a_document_built_leaves_its_styles_unparsed():
    """The body names styles by id and the pagination check reads the shared parse, so the
    350 KB styles.xml is neither parsed nor serialized again for a document."""
    from gongwen.output.build import compose, load

    document = load(EXAMPLES / "2021-sicheng-tongchuang.yaml")
    laid_out = writer._lay_out(compose(document), writer.DocumentInfo("t", "a", datetime.datetime(2022, 1, 1)), "portable")
    writer.pagination.predict(laid_out)
    part = laid_out.part.part_related_by(RT.STYLES)
    assert isinstance(part, LazyStylesPart) and part.untouched


@pytest.mark.parametrize("name", ["2021-sicheng-tongchuang", "2021-sicheng-tongchuang-baogao", "2022-tongzhi-lianhe"])
def test_a_document_built_leaves_the_parts_it_does_not_change_unparsed(name, monkeypatch):
    """Styles, settings, numbering and the page-number footers are saved as opened: each of
    them is neither parsed nor serialized again for a document (the 版记's own section gets
    new footers)."""
    from gongwen.docx.package import LazyXmlPart

    seen = {}
    real = writer.package_parts

    def looking(document):
        parts = document.part.package.iter_parts()
        seen.update({str(p.partname): p.untouched for p in parts if isinstance(p, LazyXmlPart)})
        return real(document)

    monkeypatch.setattr(writer, "package_parts", looking)
    built_example(name)
    assert set(seen) >= {"/word/styles.xml", "/word/settings.xml", "/word/numbering.xml", "/word/footer1.xml"}
    assert all(seen.values()), seen


def test_a_lazy_settings_part_reads_and_writes_as_python_docx_does():
    document = open_document(writer.base_package("portable", False))
    settings = document.settings
    settings.odd_and_even_pages_header_footer = not settings.odd_and_even_pages_header_footer
    saved = io.BytesIO()
    document.save(saved)
    assert docx_module.Document(saved).settings.odd_and_even_pages_header_footer == settings.odd_and_even_pages_header_footer


def test_styles_edited_through_python_docx_are_saved():
    base = writer.base_package("portable", False)
    document = open_document(base)
    shared = styles_for_reading(document)
    document.styles.add_style("GwTestOnly", WD_STYLE_TYPE.PARAGRAPH)  # parses the part's own copy
    assert styles_for_reading(document) is not shared
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as archive:
        assert b"GwTestOnly" in archive.read("word/styles.xml")
    assert b"GwTestOnly" not in zipfile.ZipFile(io.BytesIO(base)).read("word/styles.xml")
    assert styles_for_reading(open_document(base)) is shared  # the shared parse was not touched


def test_other_packages_open_as_python_docx_opens_them():
    import docx

    open_document(writer.base_package("portable", False))
    styles = docx.Document(io.BytesIO(writer.base_package("portable", False))).part.part_related_by(RT.STYLES)
    assert not isinstance(styles, LazyStylesPart)


def test_examples_with_tables_and_joint_logos_build_the_same_twice():
    for name in ("2021-sicheng-tongchuang-baogao", "2022-tongzhi-lianhe"):
        assert built_example(name) == built_example(name)


def test_documents_opened_from_one_package_do_not_share_parts():
    base = writer.base_package("portable", False)
    first, second = open_document(base), open_document(base)
    first.add_paragraph("只在第一份")
    first.core_properties.title = "第一份"
    assert first.element is not second.element
    assert [p.text for p in second.paragraphs] == [p.text for p in open_document(base).paragraphs]
    assert second.core_properties.title != "第一份"
    assert first.sections[0].footer.part is not second.sections[0].footer.part


@pytest.mark.parametrize("name", ["2021-sicheng-tongchuang", "2021-sicheng-tongchuang-baogao", "2022-tongzhi-lianhe"])
def test_the_members_saved_are_what_python_docx_saves(name):
    """``package_members`` keeps the content types and relationships it serialized; each
    document's members (the second time from what was kept) equal python-docx's own save."""
    from gongwen.docx.package import package_members
    from gongwen.output.build import compose, load

    blocks = compose(load(EXAMPLES / f"{name}.yaml"))
    for draft in (False, True, False, True):  # a draft has a header part of its own, and its relationship
        info = writer.DocumentInfo("t", "a", datetime.datetime(2022, 1, 1), draft=draft)
        document = writer._lay_out(blocks, info, "portable")
        members = package_members(document)
        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(saved) as archive:
            assert members == [(info.filename, archive.read(info)) for info in archive.infolist()]
