#!/usr/bin/env bash
# The figures docs/benchmarks.md divides by: the clock (a loop of dependent adds, one a cycle), one core's FP32 FMA
# throughput (12 independent FMAs per iteration, no loads) and its read bandwidth from L1, L2 and L3 (loads over buffers
# that fit each level), each printed three to five times, since a KVM guest's clock moves from second to second. Built
# with -march=native: 512-bit vectors where the CPU has AVX-512F, else 256-bit (it needs AVX2 with FMA at least). Needs gcc.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/clock" "$here/clock.c"
gcc -O2 -march=native -o "$out/fma-peak" "$here/fma-peak.c"
gcc -O2 -march=native -o "$out/load-bandwidth" "$here/load-bandwidth.c"
"$out/clock"
"$out/fma-peak"
"$out/load-bandwidth" 2>/dev/null
