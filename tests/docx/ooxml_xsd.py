"""Validate a .docx against the ISO/IEC 29500-4 (Transitional) XML schemas with lxml.

The schemas are not shipped with gongwen (nor on any package registry the project uses):
point ``GONGWEN_OOXML_XSD`` at a folder that holds ``ISO-IEC29500-4_2016/wml.xsd`` …,
``mce/mc.xsd`` and ``ecma/fouth-edition/opc-*.xsd`` (the layout of the ECMA-376 download
as several public repositories carry it). Without it the XSD tests skip; the pure-Python
validator (openxml-audit) runs regardless.

Markup compatibility (ECMA-376 Part 3) is applied the way a consumer that knows only the
ISO namespaces would: content in namespaces named by ``mc:Ignorable`` is dropped, and every
``mc:AlternateContent`` is validated twice, once with its first ``mc:Choice`` in its place
and once with its ``mc:Fallback``, so both branches must be valid.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ISO = "ISO-IEC29500-4_2016"

# Namespace → schema file, for every namespace a gongwen .docx uses outside mc:Ignorable.
_SCHEMAS = {
    "http://www.w3.org/XML/1998/namespace": f"{ISO}/xml.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": f"{ISO}/wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": f"{ISO}/dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": f"{ISO}/dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": f"{ISO}/dml-picture.xsd",
    "urn:schemas-microsoft-com:vml": f"{ISO}/vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": f"{ISO}/vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": f"{ISO}/vml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        f"{ISO}/shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        f"{ISO}/shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/content-types": "ecma/fouth-edition/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "ecma/fouth-edition/opc-relationships.xsd",
}
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
# The one non-ISO namespace a gongwen .docx requires: ``wps`` shapes, the mc:Choice branch
# of every text box and line (a:graphicData demands a declaration for its content). Not in
# ISO/IEC 29500: written here from [MS-ODRAWXML] 2.6 (CT_WordprocessingShape, CT_TextboxInfo).
_WPS_SCHEMA = """<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns="{wps}" targetNamespace="{wps}" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xsd:import namespace="http://schemas.openxmlformats.org/drawingml/2006/main" schemaLocation="{dml}"/>
  <xsd:import namespace="http://schemas.openxmlformats.org/wordprocessingml/2006/main" schemaLocation="{wml}"/>
  <xsd:complexType name="CT_TextboxInfo">
    <xsd:sequence>
      <xsd:element ref="w:txbxContent"/>
      <xsd:element name="extLst" type="a:CT_OfficeArtExtensionList" minOccurs="0"/>
    </xsd:sequence>
    <xsd:attribute name="id" type="xsd:unsignedShort" use="optional" default="0"/>
  </xsd:complexType>
  <xsd:complexType name="CT_LinkedTextboxInformation">
    <xsd:sequence><xsd:element name="extLst" type="a:CT_OfficeArtExtensionList" minOccurs="0"/></xsd:sequence>
    <xsd:attribute name="id" type="xsd:unsignedShort" use="required"/>
    <xsd:attribute name="seq" type="xsd:unsignedShort" use="required"/>
  </xsd:complexType>
  <xsd:complexType name="CT_WordprocessingShape">
    <xsd:sequence>
      <xsd:element name="cNvPr" type="a:CT_NonVisualDrawingProps" minOccurs="0"/>
      <xsd:choice>
        <xsd:element name="cNvSpPr" type="a:CT_NonVisualDrawingShapeProps"/>
        <xsd:element name="cNvCnPr" type="a:CT_NonVisualConnectorProperties"/>
      </xsd:choice>
      <xsd:element name="spPr" type="a:CT_ShapeProperties"/>
      <xsd:element name="style" type="a:CT_ShapeStyle" minOccurs="0"/>
      <xsd:element name="extLst" type="a:CT_OfficeArtExtensionList" minOccurs="0"/>
      <xsd:choice minOccurs="0">
        <xsd:element name="txbx" type="CT_TextboxInfo"/>
        <xsd:element name="linkedTxbx" type="CT_LinkedTextboxInformation"/>
      </xsd:choice>
      <xsd:element name="bodyPr" type="a:CT_TextBodyProperties"/>
    </xsd:sequence>
    <xsd:attribute name="normalEastAsianFlow" type="xsd:boolean" use="optional" default="false"/>
  </xsd:complexType>
  <xsd:element name="wsp" type="CT_WordprocessingShape"/>
</xsd:schema>
"""

# docProps/core.xml imports the Dublin Core schemas from the web; lxml fetches nothing.
# openxml-audit checks that part.
SKIPPED_PARTS = ("docProps/core.xml",)


def schema_folder() -> Path | None:
    folder = os.environ.get("GONGWEN_OOXML_XSD", "").strip()
    if folder and (Path(folder) / ISO / "wml.xsd").is_file():
        return Path(folder)
    return None


@lru_cache(maxsize=2)
def _schema(folder: Path) -> etree.XMLSchema:
    locations = {namespace: (folder / path).as_uri() for namespace, path in _SCHEMAS.items()}
    wps = Path(tempfile.mkdtemp(prefix="gongwen-xsd-")) / "wps.xsd"
    wps.write_text(
        _WPS_SCHEMA.format(
            wps=WPS,
            dml=locations["http://schemas.openxmlformats.org/drawingml/2006/main"],
            wml=locations["http://schemas.openxmlformats.org/wordprocessingml/2006/main"],
        ),
        encoding="utf-8",
    )
    locations[WPS] = wps.as_uri()
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{location}"/>'
        for namespace, location in locations.items()
    )
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:gongwen:validation-wrapper">{imports}</xsd:schema>'
    )
    return etree.XMLSchema(etree.parse(io.BytesIO(wrapper.encode()), base_url=folder.as_uri() + "/"))


def _ignorable_namespaces(root: etree._Element) -> set[str]:
    namespaces: set[str] = set()
    for element in root.iter():
        value = element.get(f"{{{MC}}}Ignorable")
        if value:
            namespaces.update(element.nsmap[prefix] for prefix in value.split())
    return namespaces


def _namespace(tag: str) -> str:
    return tag[1:].split("}")[0] if tag.startswith("{") else ""


def _resolve(root: etree._Element, branch: str) -> etree._Element:
    """A copy with one branch of every AlternateContent and no ignorable content."""
    root = etree.fromstring(etree.tostring(root))
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        chosen = alternate.find(f"{{{MC}}}Choice" if branch == "choice" else f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        children = list(chosen) if chosen is not None else []
        parent.remove(alternate)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
    ignorable = _ignorable_namespaces(root) | {MC}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if _namespace(element.tag) in ignorable and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if _namespace(name) in ignorable:
                del element.attrib[name]
    return root


def xsd_errors(docx: Path, folder: Path) -> list[str]:
    """Every schema error of every XML part, as ``part[branch]:line: message``."""
    schema = _schema(folder)
    errors: list[str] = []
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")) or name in SKIPPED_PARTS:
                continue
            root = etree.fromstring(package.read(name))
            branches = ("choice", "fallback") if root.find(f".//{{{MC}}}AlternateContent") is not None else ("choice",)
            for branch in branches:
                resolved = _resolve(root, branch)
                if _namespace(resolved.tag) not in _SCHEMAS:
                    errors.append(f"{name}: no schema for root element {resolved.tag}")
                    continue
                if not schema.validate(resolved):
                    errors.extend(f"{name}[{branch}]:{e.line}: {e.message}" for e in schema.error_log)
    return errors
