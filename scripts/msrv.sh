#!/usr/bin/env bash
# Tests the minimum supported Rust version that the manifests claim (`rust-version` in the
# root Cargo.toml). When the toolchain that ran the rest of scripts/test.sh is that version,
# the whole suite has just tested it and this only says so. Otherwise the workspace is built
# and tested again with `cargo +VERSION`, which must be installed (rustup toolchain install
# VERSION): an MSRV that nothing tests is not claimed.
# Usage: scripts/msrv.sh [target dir] (default: the workspace's `target`).
set -euo pipefail
cd "$(dirname "$0")/.."
target="$(realpath -m "${1:-target}")"
msrv="$(sed -n 's/^rust-version = "\([0-9.]*\)"$/\1/p' Cargo.toml)"
[ -n "$msrv" ] || { echo "no rust-version in Cargo.toml" >&2; exit 1; }
# The same version in every manifest that states one.
for manifest in */Cargo.toml bindings/*/Cargo.toml; do
  if grep -q '^rust-version' "$manifest" && ! grep -q '^rust-version.workspace = true' "$manifest"; then
    echo "$manifest states its own rust-version; use rust-version.workspace = true" >&2
    exit 1
  fi
done
# A version `1.95` means the toolchain 1.95.0.
case "$msrv" in *.*.*) toolchain="$msrv" ;; *) toolchain="$msrv.0" ;; esac
current="$(rustc --version | cut -d' ' -f2)"
if [ "$current" = "$toolchain" ]; then
  echo "the suite ran on Rust $current, the minimum supported version (rust-version = $msrv)"
  exit 0
fi
if ! rustc "+$toolchain" --version >/dev/null 2>&1; then
  echo "Rust $toolchain (rust-version in Cargo.toml) is not installed; install it with" >&2
  echo "    rustup toolchain install $toolchain --profile minimal" >&2
  exit 1
fi
echo "the suite ran on Rust $current; testing the minimum supported version, $toolchain"
cargo "+$toolchain" test --workspace --locked --quiet --target-dir "$target/msrv"
