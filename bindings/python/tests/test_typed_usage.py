"""The script mypy checks against the stubs also runs."""

from pathlib import Path

from conftest import EXAMPLES
from typed_usage import use


def test_typed_usage_runs() -> None:
    seen = use(Path(EXAMPLES))
    assert "invalid-encoding" in " ".join(seen)
    assert "auditor" in seen
