#!/usr/bin/env bash
# Times `mlzone generate --target all --quiet` of two binaries side by side, alternating
# run by run, and prints the fastest and the median of each case in milliseconds, with the
# peak resident set of the largest cases (from /usr/bin/time -v).
#
#   [ESTATES=DIR] [BIG_ROUNDS=3] scripts/bench-cli.sh OLD_BINARY NEW_BINARY [ROUNDS]
#
# Cases: an archetype (examples/private-restricted.yaml) with nothing changed on disk and into
# an empty directory; 1,000 and 2,000 synthetic projects into an empty directory (written by
# `cargo run --release -p mlzone-codegen --example scale -- N FILE`, or taken from $ESTATES
# when it holds estate-1000.yaml and estate-2000.yaml).
set -euo pipefail
old="$1"; new="$2"; rounds="${3:-15}"; big_rounds="${BIG_ROUNDS:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlzone-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
archetype="$root/examples/private-restricted.yaml"
for n in 1000 2000; do
    [ -n "${ESTATES:-}" ] && cp "$ESTATES/estate-$n.yaml" "$work/"
    [ -f "$work/estate-$n.yaml" ] || cargo run -q --release -p mlzone-codegen --example scale -- "$n" "$work/estate-$n.yaml"
done

ms() { # command… → elapsed milliseconds
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
stats() { # numbers on stdin → "min median"
    sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'
}

case_unchanged() { # binary document out
    "$1" generate "$2" --target all --out "$3" --quiet >/dev/null 2>&1 || true
    ms "$1" generate "$2" --target all --out "$3" --quiet
}
case_empty() {
    rm -rf "$3"
    ms "$1" generate "$2" --target all --out "$3" --quiet
}

declare -A results
for _ in $(seq "$rounds"); do
    for which in old new; do
        bin="${!which}"
        results[$which-unchanged]+="$(case_unchanged "$bin" "$archetype" "$work/out-$which") "
        results[$which-empty]+="$(case_empty "$bin" "$archetype" "$work/out-$which") "
    done
done
for which in old new; do
    for kind in unchanged empty; do
        printf '%s archetype %-9s min/median ms: %s\n' "$which" "$kind" \
            "$(tr ' ' '\n' <<<"${results[$which-$kind]}" | grep . | stats)"
    done
done

for n in 1000 2000; do
    for _ in $(seq "$big_rounds"); do
        for which in old new; do
            bin="${!which}"
            rm -rf "$work/out-$which"
            /usr/bin/time -f "$which $n projects empty: %e s wall, %U s user, %M KiB peak" \
                "$bin" generate "$work/estate-$n.yaml" --target all --out "$work/out-$which" --quiet
            /usr/bin/time -f "$which $n projects unchanged: %e s wall, %U s user, %M KiB peak" \
                "$bin" generate "$work/estate-$n.yaml" --target all --out "$work/out-$which" --quiet
        done
    done
done
