#!/usr/bin/env bash
# The two figures docs/benchmarks.md divides by: the clock (a loop of dependent adds, one a cycle) and one core's
# FP32 FMA throughput (12 independent 512-bit FMAs per iteration, no loads), each printed three to five times,
# since a KVM guest's clock moves from second to second. Needs gcc and a CPU with AVX-512F.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/clock" "$here/clock.c"
gcc -O2 -mavx512f -o "$out/fma-peak" "$here/fma-peak.c"
"$out/clock"
"$out/fma-peak"
