"""A document opened from the base package without parsing its styles (and the other parts a
document does not change) again.

The base package's styles.xml (python-docx's template, restyled: 178 styles, ~350 KB) is the
same for every document of a grid, and the body never edits it: paragraphs and tables name
their styles by id. Parsing it took half of opening a document, serializing and deflating
it again most of saving one. So each document's styles part keeps the bytes it was opened
from and parses them only when something asks for the part's own XML (python-docx looking a
style up by name, say); until then the part saves those bytes unchanged, and readers that
only look share one parse per process (``styles_for_reading``).
"""

from __future__ import annotations

import functools
import io
from contextlib import contextmanager
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import Unmarshaller
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.parts.numbering import NumberingPart
from docx.parts.settings import SettingsPart
from docx.parts.styles import StylesPart

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

_SHARED_PARSES_KEPT = 4  # base packages per process: two grids, each with and without 草稿


class LazyXmlPart:
    """Mixed into a python-docx XML part class: the part is parsed on the first request for its
    element and saved as opened until then. Most parts of the base package (styles, settings,
    numbering, the page-number footers) are never changed by a document; parsing each and
    serializing it again cost ~1 ms of every build."""

    def __init__(self, partname, content_type, blob: bytes, package) -> None:
        Part.__init__(self, partname, content_type, blob, package)
        self._parsed: BaseOxmlElement | None = None

    @classmethod
    def load(cls, partname, content_type, blob: bytes, package):
        return cls(partname, content_type, blob, package)

    @property
    def _element(self) -> BaseOxmlElement:  # what XmlPart's methods read and write
        if self._parsed is None:
            self._parsed = parse_xml(self._blob)
        return self._parsed

    @_element.setter
    def _element(self, element: BaseOxmlElement) -> None:
        self._parsed = element

    @property
    def untouched(self) -> bool:
        return self._parsed is None

    @property
    def blob(self) -> bytes:
        return self._blob if self._parsed is None else super().blob


class LazyStylesPart(LazyXmlPart, StylesPart):
    """styles.xml (~350 KB): readers that only look share one parse (``styles_for_reading``)."""


class _LazySettingsPart(LazyXmlPart, SettingsPart):
    @property
    def _settings(self) -> BaseOxmlElement:  # SettingsPart.__init__ would have set it
        return self._element


class _LazyNumberingPart(LazyXmlPart, NumberingPart):
    pass


class _LazyFooterPart(LazyXmlPart, FooterPart):
    pass


class _LazyHeaderPart(LazyXmlPart, HeaderPart):
    pass


_LAZY_CLASSES = {
    CT.WML_STYLES: LazyStylesPart,
    CT.WML_SETTINGS: _LazySettingsPart,
    CT.WML_NUMBERING: _LazyNumberingPart,
    CT.WML_FOOTER: _LazyFooterPart,
    CT.WML_HEADER: _LazyHeaderPart,
}


def styles_for_reading(document: DocxDocument) -> BaseOxmlElement:
    """The document's styles element, to read and never to change: while the document's own
    part is untouched, one parse shared by every document opened from the same bytes."""
    part = document.part.part_related_by(RT.STYLES)
    if not isinstance(part, LazyStylesPart) or not part.untouched:
        return part.element
    return _shared_parse(part.blob)


@functools.lru_cache(maxsize=_SHARED_PARSES_KEPT)
def _shared_parse(blob: bytes) -> BaseOxmlElement:
    return parse_xml(blob)


def open_document(data: bytes) -> DocxDocument:
    """python-docx's ``Document`` of the package ``data``, its styles part lazy.

    What ``docx.Document`` does, except that the zip is read once per process: python-docx's
    ``PackageReader`` holds only the members' bytes and relationships, which nothing changes,
    and each document's parts are made from them afresh (``Unmarshaller``), as ``Package.open``
    makes them. Inflating the members again took ~40% of opening a document.
    """
    package = Package()
    with _lazy_parts():
        Unmarshaller.unmarshal(_read(data), package, PartFactory)
    return package.main_document_part.document


@functools.lru_cache(maxsize=_SHARED_PARSES_KEPT)
def _read(data: bytes) -> PackageReader:
    return PackageReader.from_file(io.BytesIO(data))


@contextmanager
def _lazy_parts():
    """python-docx picks part classes through a class-wide hook; it is set for one open only,
    so every other package opened in the process (a test reading an output) is unaffected."""
    previous = PartFactory.part_class_selector

    def select(content_type: str, reltype: str):
        if content_type in _LAZY_CLASSES:
            return _LAZY_CLASSES[content_type]
        return previous(content_type, reltype) if previous is not None else None

    PartFactory.part_class_selector = select
    try:
        yield
    finally:
        PartFactory.part_class_selector = previous


def add_table(document: DocxDocument, rows: int, columns: int):
    """A table at the end of the body, as ``Document.add_table`` makes it but without its style
    lookup by name (made even for no style), which would parse styles.xml; callers set the
    style by id."""
    return document._body.add_table(rows, columns, document._block_width)


# ---------------------------------------------------------------- saving

# [Content_Types].xml and the .rels parts depend only on the parts' names and types and on the
# relationships, which are the same for nearly every document of a base package; python-docx
# builds and serializes each again for every save (~0.5 ms a document).
_SERIALIZED_KEPT = 64
_content_types_kept: dict[tuple, bytes] = {}
_rels_kept: dict[tuple, bytes] = {}


def package_members(document: DocxDocument) -> list[tuple[str, bytes]]:
    """What ``document.save`` writes, member by member and in its order, without zipping it
    (as ``OpcPackage.save`` and ``PackageWriter.write`` do, python-docx 1.x)."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = [(CONTENT_TYPES_URI.membername, _content_types(parts)), (PACKAGE_URI.rels_uri.membername, _rels(package.rels))]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, _rels(part.rels)))
    return members


def _content_types(parts) -> bytes:
    key = tuple((str(part.partname), part.content_type) for part in parts)
    return _kept(_content_types_kept, key, lambda: _ContentTypesItem.from_parts(parts).blob)


def _rels(rels) -> bytes:
    # An internal target is named by its part's name, relative to the source's folder.
    key = tuple(
        (rel.rId, rel.reltype, rel.is_external, rel.target_ref if rel.is_external else str(rel.target_part.partname),
         rel._baseURI)
        for rel in rels.values()
    )
    return _kept(_rels_kept, key, lambda: rels.xml)


def _kept(kept: dict[tuple, bytes], key: tuple, make) -> bytes:
    if key not in kept:
        if len(kept) >= _SERIALIZED_KEPT:
            kept.clear()
        kept[key] = make()
    return kept[key]
