"""Every .docx gongwen produces is valid OOXML (issue 13): each example, each ``gongwen init``
starter, each with ``--grid word`` and with ``--draft``.

Two validators: openxml-audit (a pure-Python port of the Open XML SDK validator: schema,
semantic and package checks of every part) always; the ISO/IEC 29500-4 Transitional XSDs
through lxml when ``GONGWEN_OOXML_XSD`` names a folder that holds them (see ``ooxml_xsd``).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from conftest import EXAMPLES, run_cli  # noqa: E402
from ooxml_xsd import schema_folder, xsd_errors  # noqa: E402

from gongwen.wording.starter import STARTERS, starter_text  # noqa: E402

openxml_audit = pytest.importorskip("openxml_audit")

SOURCES = {p.stem: p for p in sorted(EXAMPLES.glob("*.yaml"))}
SOURCES["2022-jiedao-huizong-新城街道"] = EXAMPLES / "2022-jiedao-huizong" / "新城街道.yaml"
STARTER_NAMES = {f"init-{kind}": kind for kind in STARTERS}
VARIANTS = {"portable": [], "word": ["--grid", "word"], "draft": ["--draft"]}
# The default build in the fast suite; the other two variants of every file in the full run.
PRODUCTS = [
    pytest.param(name, variant, id=f"{name}-{variant}", marks=[pytest.mark.slow] if variant != "portable" else [])
    for name in [*SOURCES, *STARTER_NAMES]
    for variant in VARIANTS
]


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """Build on demand, once per (source, variant): name → .docx path."""
    folder = tmp_path_factory.mktemp("validity")
    cache: dict[tuple[str, str], Path] = {}

    def build(name: str, variant: str) -> Path:
        if (name, variant) not in cache:
            if name in STARTER_NAMES:
                source = folder / f"{name}.yaml"
                source.write_text(starter_text(STARTER_NAMES[name]), encoding="utf-8")
            else:
                source = SOURCES[name]
            target = folder / f"{name}-{variant}.docx"
            code, output = run_cli(["build", str(source), "-o", str(target), *VARIANTS[variant]])
            assert code == 0, output
            cache[name, variant] = target
        return cache[name, variant]

    return build


@pytest.fixture(scope="module")
def validator():
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0)


def _describe(errors) -> str:
    return "\n".join(f"{e.part_uri} {e.path}: {e.description}" for e in errors)


@pytest.mark.parametrize(("name", "variant"), PRODUCTS)
def test_openxml_audit_finds_no_error(produced, validator, name, variant):
    result = validator.validate(produced(name, variant))
    assert result.error_count == 0, _describe(result.errors)
    assert result.warning_count == 0


@pytest.mark.skipif(schema_folder() is None, reason="GONGWEN_OOXML_XSD does not name the ISO/IEC 29500-4 schemas")
@pytest.mark.parametrize(("name", "variant"), PRODUCTS)
def test_transitional_schemas_find_no_error(produced, name, variant):
    assert xsd_errors(produced(name, variant), schema_folder()) == []


def test_the_validator_sees_what_gongwen_used_to_get_wrong(produced, validator, tmp_path):
    """The checks are real: the defects found and fixed in issue 13, put back, are errors."""
    good = produced("2022-jiyao-bangong", "portable")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b'w:hanging="', b'w:firstLine="-', 1)
            if item.filename == "word/settings.xml":
                data = data.replace(b' w:percent="100"', b"", 1)
            target.writestr(item, data)
    descriptions = _describe(validator.validate(bad).errors)
    assert "firstLine" in descriptions
    if schema_folder() is not None:
        errors = "\n".join(xsd_errors(bad, schema_folder()))
        assert "firstLine" in errors and "percent" in errors


def test_no_part_gongwen_does_not_need(produced):
    with zipfile.ZipFile(produced("2021-sicheng-tongchuang", "portable")) as package:
        names = set(package.namelist())
        content_types = package.read("[Content_Types].xml").decode()
        relationships = package.read("word/_rels/document.xml.rels").decode()
    assert "word/stylesWithEffects.xml" not in names
    assert not any(n.startswith("customXml/") for n in names)
    assert "docProps/thumbnail.jpeg" not in names
    for text in (content_types, relationships):
        assert "stylesWithEffects" not in text
        assert "customXml" not in text
