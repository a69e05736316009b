#!/usr/bin/env bash
# Packages each library crate as crates.io would receive it, unpacks it and runs its tests
# there, so a test that reaches outside its package fails here rather than for a user.
# The unpacked crates use the workspace's lock file (their entries only) and, for the mlzone
# crates they depend on, the unpacked packages (a `patch` of crates.io); no network is used.
# Usage: scripts/package-test.sh [target dir] (default: the workspace's `target`).
set -euo pipefail
cd "$(dirname "$0")/.."
target="$(realpath -m "${1:-target}")"
crates=(mlzone-rbac mlzone-model mlzone-codegen)
out="$target/package"
rm -rf "$out/unpacked"
mkdir -p "$out/unpacked"
args=()
for crate in "${crates[@]}"; do args+=(-p "$crate"); done
cargo package "${args[@]}" --no-verify --allow-dirty --offline --quiet --target-dir "$target"
patches=()
for crate in "${crates[@]}"; do
  tar -xzf "$out/$crate-0.1.0.crate" -C "$out/unpacked"
  # A package's files carry one fixed old mtime, so cargo would take a test binary built from
  # an earlier package in this target dir as fresh: date them now.
  find "$out/unpacked/$crate-0.1.0" -type f -exec touch {} +
  patches+=(--config "patch.crates-io.$crate.path=\"$out/unpacked/$crate-0.1.0\"")
done
for crate in "${crates[@]}"; do
  dir="$out/unpacked/$crate-0.1.0"
  cp Cargo.lock "$dir/Cargo.lock"
  # A workspace of its own, not a member of the one it is unpacked in.
  printf '\n[workspace]\n' >>"$dir/Cargo.toml"
  echo "-- cargo test ($crate, unpacked)"
  (cd "$dir" && cargo test --offline --quiet --target-dir "$target" "${patches[@]}")
done
