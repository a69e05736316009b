"""Estate's properties, validate, to_document, and the Diagnostic class."""

import json
import tomllib
from pathlib import Path

import pytest

import mlzone
from conftest import EXAMPLE_FILES


def test_properties(enterprise: mlzone.Estate) -> None:
    assert enterprise.organisation
    assert enterprise.environments == ["dev", "test", "perf", "prod"]
    assert "auditor" in enterprise.personas
    assert len(enterprise.projects) == 7
    assert repr(enterprise).startswith("<mlzone.Estate organisation=")
    assert "projects=7" in repr(enterprise)


def test_estates_are_immutable(default: mlzone.Estate) -> None:
    with pytest.raises(AttributeError):
        default.organisation = "other"  # type: ignore[misc]
    names = default.projects
    names.append("x")
    assert "x" not in default.projects


def test_version_is_the_crate_version(root: Path) -> None:
    manifest = tomllib.loads((root / "Cargo.toml").read_text(encoding="utf-8"))
    assert mlzone.__version__ == manifest["workspace"]["package"]["version"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_validate_without_errors(path: Path) -> None:
    findings = mlzone.load(path).validate()
    assert isinstance(findings, list)
    assert all(isinstance(d, mlzone.Diagnostic) for d in findings)
    assert all(d.severity in ("error", "warning") for d in findings)
    assert [d for d in findings if d.severity == "error"] == []


def test_validate_locates_its_findings(enterprise: mlzone.Estate) -> None:
    for diagnostic in enterprise.validate():
        assert diagnostic.path.startswith("/") or diagnostic.path == ""
        assert diagnostic.line is not None and diagnostic.column is not None


@pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
def test_to_document_writes_every_default(default: mlzone.Estate, fmt: str) -> None:
    text = default.to_document(fmt)
    assert text.endswith("\n")
    assert "Contoso" in text
    assert "data-scientist" in text  # a default persona, written out
    if fmt == "json":
        assert json.loads(text)["organisation"] == "Contoso"
    if fmt == "toml":
        assert tomllib.loads(text)["organisation"] == "Contoso"


def test_to_document_defaults_to_yaml(default: mlzone.Estate) -> None:
    assert default.to_document() == default.to_document("yaml")
    # No schema address: mlzone publishes the schema nowhere (`mlzone.schema()` returns it).
    assert "$schema" not in default.to_document()
    assert "$schema" not in default.to_document("json")


def test_to_document_refuses_unknown_formats(default: mlzone.Estate) -> None:
    with pytest.raises(ValueError, match="unknown format `xml`"):
        default.to_document("xml")  # type: ignore[arg-type]


def _diagnostic() -> mlzone.Diagnostic:
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.loads("organisation: Contoso\nnmae: x\n", name="d.yaml")
    return caught.value.diagnostics[0]


def test_diagnostic_attributes_and_dict() -> None:
    diagnostic = _diagnostic()
    assert diagnostic.code == "unknown-field"
    assert diagnostic.severity == "error"
    assert diagnostic.message == "unknown key `nmae` in the top level"
    assert diagnostic.path == "/nmae"
    assert (diagnostic.source, diagnostic.line, diagnostic.column) == ("d.yaml", 2, 1)
    assert diagnostic.help is not None
    assert diagnostic.to_dict() == {
        "code": "unknown-field",
        "severity": "error",
        "message": "unknown key `nmae` in the top level",
        "path": "/nmae",
        "source": "d.yaml",
        "line": 2,
        "column": 1,
        "help": diagnostic.help,
    }
    assert str(diagnostic) == "d.yaml:2:1: error[unknown-field]: unknown key `nmae` in the top level (at `/nmae`)"
    assert repr(diagnostic).startswith("Diagnostic(code='unknown-field', severity='error'")


def test_diagnostics_are_frozen_and_compare_by_value() -> None:
    first, second = _diagnostic(), _diagnostic()
    assert first == second
    assert first is not second
    with pytest.raises(AttributeError):
        first.code = "other"  # type: ignore[misc]


def test_unlocated_diagnostics_have_no_line() -> None:
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.loads("organisation: Contoso\n", format="xml", name="d.xml")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.source, diagnostic.line, diagnostic.column) == (None, None, None)
    assert str(caught.value) == "d.xml: unknown format `xml`"


def test_exception_classes_can_be_built_and_caught() -> None:
    diagnostic = _diagnostic()
    for cls in (mlzone.LoadError, mlzone.ValidationError):
        error = cls("message", [diagnostic])
        assert isinstance(error, mlzone.MlzoneError)
        assert error.diagnostics == [diagnostic]
        assert str(error) == "message"
    assert issubclass(mlzone.GenerateError, mlzone.MlzoneError)
    assert issubclass(mlzone.MlzoneError, Exception)
