"""Shared fixtures: the repository's examples and a few estates."""

import os
from pathlib import Path

import pytest

import mlzone

ROOT = Path(os.environ.get("MLZONE_ROOT", Path(__file__).resolve().parents[3]))
EXAMPLES = Path(os.environ.get("MLZONE_EXAMPLES", ROOT / "examples"))
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# An estate whose files the tests can count on: collected at import time so a missing
# examples folder fails loudly instead of parametrising nothing.
assert EXAMPLE_FILES, f"no examples found in {EXAMPLES}"

TARGETS = ["bicep", "arm", "roles", "docs", "pipeline", "policy"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def default() -> mlzone.Estate:
    return mlzone.default_topology()


@pytest.fixture(scope="session")
def enterprise() -> mlzone.Estate:
    return mlzone.load(EXAMPLES / "enterprise.yaml")


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
