#!/usr/bin/env bash
# Scans the Bicep and ARM that every example generates with Checkov and fails on any failed
# check. Deliberate deviations carry suppressions with their reasons in the output, so they
# count as skipped, not failed. Not part of scripts/test.sh: Checkov is too heavy for CI.
#
# Checkov comes from $CHECKOV when set, else from `checkov` on the PATH, else it is installed
# once from PyPI into target/checkov-venv (CHECKOV_VERSION).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKOV_VERSION=3.3.30
checkov="${CHECKOV:-$(command -v checkov || true)}"
if [ -z "$checkov" ]; then
  checkov="$PWD/target/checkov-venv/bin/checkov"
  if [ ! -x "$checkov" ]; then
    python3 -m venv target/checkov-venv
    target/checkov-venv/bin/pip install --quiet --disable-pip-version-check \
      "checkov==$CHECKOV_VERSION"
  fi
fi

cargo build -p mlzone-cli --locked --quiet
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

status=0
for example in examples/*.yaml; do
  name="$(basename "$example" .yaml)"
  target/debug/mlzone generate "$example" --out "$out/$name" >/dev/null
  echo "== $name"
  # --quiet lists only failed checks; drop it to see every suppression with its reason.
  if ! "$checkov" -d "$out/$name" --framework bicep arm --compact --quiet; then
    status=1
  fi
done
exit "$status"
