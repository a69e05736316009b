#!/usr/bin/env bash
# Builds the Python binding as an abi3 wheel with maturin, installs it into a virtual
# environment under the Cargo target directory (with the `mlzone` command it installs), builds
# the native `mlzone` binary to compare that command with, and runs the pytest suite and
# mypy --strict.
#
# Idempotent: the venv and the pinned tools are reused while `requirements-dev.txt` is
# unchanged; Cargo rebuilds only what changed. `MLZONE_PY_PROFILE=release` builds the wheel
# with the release profile (the default is the dev profile, faster to compile).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/python/venv"
wheels="$target/python/wheels"
python="${PYTHON:-python3}"
profile="${MLZONE_PY_PROFILE:-dev}"

if [ ! -x "$venv/bin/python" ]; then
    # The standard venv module needs ensurepip, which some distributions package apart;
    # fall back to a pinned virtualenv from PyPI.
    if ! "$python" -m venv "$venv"; then
        rm -rf "$venv"
        "$python" -m pip install --quiet --user --disable-pip-version-check "virtualenv==21.15.11"
        "$python" -m virtualenv --quiet "$venv"
    fi
fi
stamp="$venv/requirements-dev.installed"
if ! cmp -s "$here/requirements-dev.txt" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$here/requirements-dev.txt"
    cp "$here/requirements-dev.txt" "$stamp"
fi

rm -rf "$wheels"
"$venv/bin/maturin" build --locked --profile "$profile" \
    --manifest-path "$here/Cargo.toml" --interpreter "$venv/bin/python" --out "$wheels"
wheel=("$wheels"/mlzone-*-abi3-*.whl)
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --force-reinstall --no-deps "${wheel[0]}"

# The native binary, which the wheel's `mlzone` command must behave as (tests/test_cli.py).
cargo build --locked --quiet --profile "$profile" --manifest-path "$root/Cargo.toml" -p mlzone-cli
case "$profile" in dev) profile_dir=debug ;; *) profile_dir="$profile" ;; esac

cd "$here"
status=0
MLZONE_EXAMPLES="$root/examples" MLZONE_ROOT="$root" MLZONE_BIN="$target/$profile_dir/mlzone" \
    "$venv/bin/python" -m pytest -p no:cacheprovider tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    exit "$status"
fi

# The stubs must type-check a script that uses the whole API, and agree with the runtime.
"$venv/bin/python" -m mypy --strict --no-incremental --cache-dir=/dev/null tests/typed_usage.py
"$venv/bin/python" -m mypy.stubtest mlzone
