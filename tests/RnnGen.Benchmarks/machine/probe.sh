#!/usr/bin/env bash
# The figures docs/benchmarks.md divides by: the clock (a loop of dependent adds, one a cycle), one core's FP32 FMA
# throughput (12 independent 512-bit FMAs per iteration, no loads) and its read bandwidth from L1, L2 and L3 (512-bit
# loads over buffers that fit each level), each printed three to five times, since a KVM guest's clock moves from
# second to second. Needs gcc and a CPU with AVX-512F.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/clock" "$here/clock.c"
gcc -O2 -mavx512f -o "$out/fma-peak" "$here/fma-peak.c"
gcc -O2 -mavx512f -o "$out/load-bandwidth" "$here/load-bandwidth.c"
"$out/clock"
"$out/fma-peak"
"$out/load-bandwidth" 2>/dev/null
