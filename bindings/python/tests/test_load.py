"""load, loads, default_topology and schema; every kind of bad input raises LoadError."""

import errno
import json
import random
import shutil
from pathlib import Path

import pytest

import mlzone
from conftest import EXAMPLE_FILES, ROOT


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_loads(path: Path) -> None:
    estate = mlzone.load(path)
    assert isinstance(estate, mlzone.Estate)
    assert estate.organisation
    assert estate.environments[0] == "dev"
    assert estate.environments[-1] == "prod"
    assert estate.projects == sorted(estate.projects)
    assert estate.personas == sorted(estate.personas)


def test_load_takes_str_and_pathlike(minimal_text: str) -> None:
    path = ROOT / "examples" / "minimal.yaml"
    by_str = mlzone.load(str(path))
    by_path = mlzone.load(path)
    assert by_str.to_document() == by_path.to_document()
    assert by_str.projects == ["churn"]


def test_load_format_comes_from_the_extension_or_the_argument(tmp_path: Path) -> None:
    odd = tmp_path / "estate.txt"
    shutil.copy(ROOT / "examples" / "minimal.yaml", odd)
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.load(odd)
    assert [d.code for d in caught.value.diagnostics] == ["unknown-format"]
    assert str(caught.value).startswith(f"{odd}: cannot tell the format")
    assert mlzone.load(odd, format="yaml").projects == ["churn"]


def test_load_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    absent = tmp_path / "absent.yaml"
    with pytest.raises(FileNotFoundError) as missing:
        mlzone.load(absent)
    with pytest.raises(FileNotFoundError) as opened:
        open(absent, encoding="utf-8")
    # As `open` raises it: errno, strerror and filename set, the same message.
    assert missing.value.errno == errno.ENOENT
    assert missing.value.strerror == opened.value.strerror
    assert missing.value.filename == str(absent)
    assert str(missing.value) == str(opened.value)
    with pytest.raises(IsADirectoryError) as directory:
        mlzone.load(tmp_path)
    assert directory.value.errno == errno.EISDIR
    assert directory.value.filename == str(tmp_path)


def test_load_reads_no_more_than_the_limit() -> None:
    # `/dev/zero` never ends: reading it whole would exhaust memory before the size check.
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.load("/dev/zero", format="yaml")
    assert [d.code for d in caught.value.diagnostics] == ["input-too-large"]


def test_the_size_limit_can_be_lowered_and_raised(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "estate.yaml"
    path.write_text(minimal_text, encoding="utf-8")
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.load(path, max_input_size=100)
    assert [d.code for d in caught.value.diagnostics] == ["input-too-large"]
    with pytest.raises(mlzone.LoadError):
        mlzone.loads(minimal_text, max_input_size=100)
    # Padded past the default limit of 16 MiB with a comment.
    padded = minimal_text + "# " + "x" * (17 * 1024 * 1024) + "\n"
    with pytest.raises(mlzone.LoadError):
        mlzone.loads(padded)
    assert mlzone.loads(padded, max_input_size=18 * 1024 * 1024).projects
    path.write_text(padded, encoding="utf-8")
    assert mlzone.load(path, max_input_size=18 * 1024 * 1024).projects


def test_load_locates_errors_in_the_file(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(minimal_text.replace("location:", "locaton:"), encoding="utf-8")
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.load(path)
    first = caught.value.diagnostics[0]
    assert first.source == str(path)
    assert (first.line, first.column) == (5, 1)
    assert str(caught.value).startswith(f"{path}:5:1: ")


@pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
def test_loads_reads_every_format(default: mlzone.Estate, fmt: str) -> None:
    text = default.to_document(fmt)
    again = mlzone.loads(text, format=fmt)
    assert again.to_document(fmt) == text
    assert mlzone.loads(text.encode("utf-8"), format=fmt).to_document(fmt) == text


def test_loads_format_names_are_case_insensitive(minimal_text: str) -> None:
    assert mlzone.loads(minimal_text, format="YML").projects == ["churn"]


def test_default_topology() -> None:
    estate = mlzone.default_topology()
    assert estate.environments == ["dev", "test", "prod"]
    assert "data-scientist" in estate.personas


def test_schema_is_the_checked_in_schema(root: Path) -> None:
    text = mlzone.schema()
    assert text == (root / "schema" / "mlzone.schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["$schema"].startswith("https://json-schema.org/")


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)

BAD_INPUTS = {
    "syntax": ("organisation: [\n", "yaml", "syntax"),
    "empty": ("", "yaml", "empty-document"),
    "non-utf8": (b"organisation: \xff\xfe\n", "yaml", "invalid-encoding"),
    "lone-surrogate": ("organisation: \udc80\n", "yaml", "invalid-encoding"),
    "huge": ("# " + "x" * (17 * 1024 * 1024) + "\n", "yaml", "input-too-large"),
    "alias-bomb": (ALIAS_BOMB, "yaml", "alias-limit"),
    "deep": ("a: " + "[" * 200 + "]" * 200 + "\n", "yaml", "nesting-too-deep"),
    "wrong-type": (
        "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n"
        "location: westeurope\nprojects: 5\n",
        "yaml",
        "invalid-type",
    ),
    "wrong-type-json": ('{"organisation": ["not", "a", "string"]}', "json", "invalid-type"),
    "duplicate-key": ("organisation: a\norganisation: b\n", "yaml", "duplicate-key"),
    "toml-syntax": ("organisation = \n", "toml", "syntax"),
    "unknown-format": ("organisation: Contoso\n", "xml", "unknown-format"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_raises_load_error(case: str) -> None:
    text, fmt, code = BAD_INPUTS[case]
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.loads(text, format=fmt, name="bad.yaml")
    error = caught.value
    assert isinstance(error, mlzone.MlzoneError)
    assert error.diagnostics, "a LoadError always carries its diagnostics"
    assert error.diagnostics[0].code == code
    first = error.diagnostics[0]
    if first.line is not None:
        assert str(error).startswith(f"bad.yaml:{first.line}:{first.column}: {first.message}")
    else:
        assert str(error).startswith(f"bad.yaml: {first.message}")


def test_unknown_field_has_a_did_you_mean(minimal_text: str) -> None:
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.loads(minimal_text.replace("preset:", "prest:"))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "unknown-field"
    assert diagnostic.help is not None and "`preset`" in diagnostic.help
    assert diagnostic.path == "/prest"


def test_several_diagnostics_are_counted_in_the_message() -> None:
    text = "organisation: a\norganisation: b\nlocation: x\nlocation: y\n"
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.loads(text)
    count = len(caught.value.diagnostics)
    assert count >= 2
    assert str(caught.value).endswith(f"(and {count - 1} more diagnostic{'s' if count > 2 else ''})")


@pytest.mark.parametrize("value", [123, None, ["a"], bytearray(b"x")])
def test_loads_refuses_what_is_not_text(value: object) -> None:
    with pytest.raises(TypeError):
        mlzone.loads(value)  # type: ignore[arg-type]


def test_wrong_argument_types_are_type_errors(default: mlzone.Estate) -> None:
    with pytest.raises(TypeError):
        mlzone.load(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mlzone.loads("a: b", format=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        default.generate(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        default.generate("bicep", templates={"a": 1})  # type: ignore[dict-item]


def test_mangled_documents_never_escape_as_anything_but_load_error(minimal_text: str) -> None:
    rng = random.Random(20240501)
    data = minimal_text.encode("utf-8")
    outcomes = {"loaded": 0, "refused": 0}
    for _ in range(300):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(mutated))
            choice = rng.random()
            if choice < 0.4:
                mutated[position] = rng.randrange(256)
            elif choice < 0.7:
                del mutated[position]
            else:
                mutated.insert(position, rng.choice(b"[]{}:&*-'\"\n #!|>"))
        try:
            mlzone.loads(bytes(mutated))
            outcomes["loaded"] += 1
        except mlzone.LoadError as error:
            assert error.diagnostics
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0


def test_a_rust_panic_reaches_python_as_runtime_error() -> None:
    from mlzone import _mlzone

    with pytest.raises(RuntimeError, match="internal error in mlzone: deliberate panic"):
        _mlzone._panic_for_tests()
