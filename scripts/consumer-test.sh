#!/usr/bin/env bash
# Builds and runs tests/consumer, a crate outside the workspace that depends on mlzone and
# locks serde, uuid and toml at older patch versions than the workspace's lock: mlzone's
# requirements must let a consumer choose them. Offline when the locked crates are in the
# cargo cache (`cargo fetch` downloads only what is missing).
# Usage: scripts/consumer-test.sh [target dir] (default: the workspace's `target`).
set -euo pipefail
cd "$(dirname "$0")/.."
target="$(realpath -m "${1:-target}")"
manifest=tests/consumer/Cargo.toml
cargo fetch --locked --manifest-path "$manifest" --quiet
cargo run --locked --offline --quiet --manifest-path "$manifest" --target-dir "$target"
