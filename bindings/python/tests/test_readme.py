"""The README's Python example runs as written, from the repository root."""

import os
import re
from pathlib import Path

import pytest


def readme_example(root: Path) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the README's Python section holds one example"
    return blocks[0]


def test_the_readme_example_runs(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = readme_example(root)
    assert len(code.strip().splitlines()) <= 10, "the example stays ten lines long"
    here = os.getcwd()
    os.chdir(root)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(here)
    assert "operations in production" in capsys.readouterr().out
