"""The user cache only makes builds faster: validators and templates, rebuilt when missing, stale or damaged."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest
from support import ROOTS, snapshot

from scorm_builder import validate, xsdcache
from scorm_builder.build import build
from scorm_builder.specs import SPECS
from scorm_builder.validate import SchemaSet, load_schema
from scorm_builder.xsd import schema_set, xsd_root

BROKEN = (
    b'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">'
    b"<organizations/><resources><resource identifier='r' type='webcontent'/><extra/></resources></manifest>"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache; the verified XSDs are read from where they are already."""
    monkeypatch.setenv("SCORM_BUILDER_XSD_SOURCE", str(xsd_root()))
    monkeypatch.setenv("SCORM_BUILDER_CACHE", str(tmp_path / "cache"))
    load_schema.cache_clear()
    yield tmp_path / "cache"
    load_schema.cache_clear()


def pinned() -> SchemaSet:
    return schema_set(SPECS["scorm2004-4"].xsd)


def errors(schema) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(BROKEN)]


def fresh() -> object:
    load_schema.cache_clear()
    return load_schema(pinned())


def test_a_pinned_validator_is_built_once_then_read_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = fresh()
    [stored] = (cache / "xsd-validators").iterdir()
    assert stored.name == f"{xsdcache.cache_key(pinned())}.pickle"

    def no_building(schemas: SchemaSet) -> None:
        raise AssertionError("the validator was built again")

    monkeypatch.setattr(validate, "_build", no_building)
    read = fresh()
    assert read is not built and errors(read) == errors(built) != []


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-key", "not-a-validator", "empty"])
def test_a_damaged_cache_file_is_rebuilt_and_replaced(cache: Path, damage: str) -> None:
    expected = errors(fresh())
    [stored] = (cache / "xsd-validators").iterdir()
    good = stored.read_bytes()
    header = good[: good.index(b"\n", len(xsdcache.MAGIC)) + 1]
    stored.write_bytes({
        "truncated": good[: len(good) // 2],
        "garbage": header + b"\x80\x05not a pickle at all",
        "other-key": good.replace(header, xsdcache.MAGIC + b"0" * 64 + b"\n"),
        "not-a-validator": header + pickle.dumps({"a": "dict"}),
        "empty": b"",
    }[damage])
    assert errors(fresh()) == expected
    assert xsdcache._read(stored, xsdcache.cache_key(pinned())) is not None, "replaced by a good file"


def test_the_key_follows_the_pins_and_the_xmlschema_version(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xmlschema

    schemas = pinned()
    key = xsdcache.cache_key(schemas)
    changed = SchemaSet(schemas.folder, schemas.namespaces, schemas.xsd_version, schemas.pins[:-1] + (("x", "0" * 64),))
    assert xsdcache.cache_key(changed) != key
    monkeypatch.setattr(xmlschema, "__version__", "0.0.1")
    assert xsdcache.cache_key(schemas) != key


def test_unpinned_folders_are_never_cached(cache: Path) -> None:
    schemas = pinned()
    unpinned = SchemaSet(schemas.folder, schemas.namespaces, schemas.xsd_version)
    assert errors(load_schema(unpinned)) != []
    assert not (cache / "xsd-validators").exists()


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_XSD_SOURCE", str(xsd_root()))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SCORM_BUILDER_CACHE", str(blocked))
    load_schema.cache_clear()
    try:
        [result] = build(ROOTS / "minimal", ["scorm2004-4"], ["nb"], tmp_path / "dist")
    finally:
        load_schema.cache_clear()
    assert result.path.is_file() and blocked.read_text().startswith("a file")


def test_damaged_template_cache_entries_are_compiled_again(cache: Path, tmp_path: Path) -> None:
    from scorm_builder.render import make_env

    make_env.cache_clear()
    first = build(ROOTS / "minimal", ["scorm12"], ["nb"], tmp_path / "first")
    entries = list((cache / "templates").iterdir())
    assert entries, "the compiled templates are kept"
    for number, entry in enumerate(entries):
        entry.write_bytes(entry.read_bytes()[: 40 + number])
    make_env.cache_clear()
    build(ROOTS / "minimal", ["scorm12"], ["nb"], tmp_path / "second")
    make_env.cache_clear()
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "second") != {}
    assert first[0].path.name in snapshot(tmp_path / "second")


GOOD = (
    b'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">'
    b"<organizations/><resources/></manifest>"
)


def test_a_valid_document_is_remembered_on_disk_and_only_the_same_bytes_skip_validation(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lxml import etree

    validate.forget()
    assert validate.schema_errors(etree.fromstring(GOOD), pinned()) == ()
    assert validate.schema_errors(etree.fromstring(BROKEN), pinned()) != ()
    [verdict] = [p for p in (cache / "xsd-verdicts").rglob("*") if p.is_file()]
    good = hashlib.sha256(etree.tostring(etree.fromstring(GOOD))).hexdigest()
    assert verdict == validate.verdict_path(pinned(), good)

    def no_validator(schemas: SchemaSet) -> None:
        raise AssertionError("validated again")

    validate.forget(validators=False)
    monkeypatch.setattr(validate, "load_schema", no_validator)
    assert validate.schema_errors(etree.fromstring(GOOD), pinned()) == (), "the same bytes: the verdict stands"
    with pytest.raises(AssertionError, match="validated again"):
        validate.schema_errors(etree.fromstring(GOOD.replace(b'"m"', b'"n"')), pinned())
    with pytest.raises(AssertionError, match="validated again"):
        validate.schema_errors(etree.fromstring(BROKEN), pinned())  # an invalid document is never remembered
    unpinned = SchemaSet(pinned().folder, pinned().namespaces, "1.0")
    assert validate.verdict_path(unpinned, "0" * 64) is None
    validate.forget(validators=False)
