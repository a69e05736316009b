"""The wheel's ``mlzone`` command behaves as the native binary: same output, same streams,
same exit statuses.

``test.sh`` installs the wheel into the test venv, which puts the console script beside the
venv's Python, and builds the native binary (``MLZONE_BIN``) from the same sources.
"""

import os
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from conftest import EXAMPLES, ROOT

SCRIPT = Path(sys.executable).with_name("mlzone")
BINARY = Path(os.environ.get("MLZONE_BIN", ROOT / "target" / "debug" / "mlzone"))
INVALID = ROOT / "tests" / "fixtures" / "invalid"


def run(command: List[str], args: List[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key != "CLICOLOR_FORCE"}
    env["NO_COLOR"] = "1"
    return subprocess.run([*command, *args], capture_output=True, cwd=cwd, env=env, check=False)


CASES = {
    "clean": (["validate", str(EXAMPLES / "minimal.yaml")], 0),
    "clean-json": (["validate", str(EXAMPLES / "minimal.yaml"), "--format", "json"], 0),
    "default-topology": (["validate"], 0),
    "errors": (["validate", str(INVALID / "production-without-approval" / "estate.yaml")], 1),
    "errors-json": (
        [
            "validate",
            str(INVALID / "production-without-approval" / "estate.yaml"),
            "--format",
            "json",
        ],
        1,
    ),
    "missing-file": (["validate", "absent.yaml"], 2),
    "usage-error": (["validate", "--format", "xml"], 2),
    "no-command": ([], 2),
    "help": (["validate", "--help"], 0),
    "version": (["--version"], 0),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_console_script_behaves_as_the_binary(name: str, tmp_path: Path) -> None:
    assert SCRIPT.is_file(), f"the wheel installed no `mlzone` command at {SCRIPT}"
    assert BINARY.is_file(), f"no native binary at {BINARY} to compare with"
    args, status = CASES[name]
    script = run([str(SCRIPT)], args, tmp_path)
    native = run([str(BINARY)], args, tmp_path)
    assert script.returncode == status, script.stderr.decode()
    assert native.returncode == status, native.stderr.decode()
    assert script.stdout == native.stdout
    assert script.stderr == native.stderr


def on_terminal(command: List[str], args: List[str], cwd: Path) -> Tuple[int, bytes]:
    """Runs with stdout and stderr on a pseudo-terminal, as a user at a shell does."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR")
    }
    env["TERM"] = "xterm-256color"
    main, terminal = os.openpty()
    process = subprocess.Popen(
        [*command, *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        cwd=cwd,
        env=env,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(), b"".join(chunks)


def test_on_a_terminal_the_console_script_colours_as_the_binary(tmp_path: Path) -> None:
    args = ["validate", str(INVALID / "production-without-approval" / "estate.yaml")]
    script = on_terminal([str(SCRIPT)], args, tmp_path)
    native = on_terminal([str(BINARY)], args, tmp_path)
    assert script[0] == native[0] == 1
    assert b"\x1b[" in native[1], "the binary colours its report on a terminal"
    assert script[1] == native[1]


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    args = ["validate", str(INVALID / "production-without-approval" / "estate.yaml")]
    module = run([sys.executable, "-m", "mlzone"], args, tmp_path)
    native = run([str(BINARY)], args, tmp_path)
    assert module.returncode == native.returncode == 1
    assert module.stdout == native.stdout
    assert module.stderr == native.stderr


def test_the_console_script_writes_generated_files(tmp_path: Path) -> None:
    out = tmp_path / "deploy"
    done = run([str(SCRIPT)], ["generate", "--target", "bicep", "--out", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert (out / "bicep").is_dir()
    args = ["generate", "--target", "bicep", "--out", str(out), "--check"]
    check = run([str(SCRIPT)], args, tmp_path)
    assert check.returncode == 0, check.stderr.decode()
