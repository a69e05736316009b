#!/usr/bin/env bash
# Checks that the public API of the published crates (mlzone-rbac, mlzone-model,
# mlzone-codegen and the library of mlzone-cli) is the one in tests/public-api/snapshots,
# one item per line. A change fails with the lines removed (-) and added (+); accept an
# intended change with
#     MLZONE_UPDATE_API=1 bash scripts/public-api.sh
# and commit the snapshots with it.
# The listing is made from rustdoc JSON, which stable rustdoc writes when RUSTC_BOOTSTRAP=1
# lets it take `-Z unstable-options`. It is built in a target directory of its own, and the
# tool that reads it in another: build scripts (proc-macro2's) watch the variable, so a
# directory shared with builds without it would rebuild their dependents every time.
# Usage: scripts/public-api.sh [target dir] (default: the workspace's `target`).
set -euo pipefail
cd "$(dirname "$0")/.."
target="$(realpath -m "${1:-target}")/public-api"
rustdoc_target="$target/rustdoc"
tool_target="$target/tool"
crates=(mlzone-rbac mlzone-model mlzone-codegen mlzone-cli)
for crate in "${crates[@]}"; do
  RUSTC_BOOTSTRAP=1 cargo rustdoc -p "$crate" --lib --all-features --locked --quiet \
    --target-dir "$rustdoc_target" -- -Z unstable-options --output-format json
done
tool=tests/public-api/Cargo.toml
cargo test --locked --quiet --manifest-path "$tool" --target-dir "$tool_target"
cargo run --locked --quiet --manifest-path "$tool" --target-dir "$tool_target" -- \
  "$rustdoc_target/doc" tests/public-api/snapshots "${crates[@]}"
