#!/usr/bin/env bash
# Leave-one-sequence-out cross-validation of a DNA site tagger on the CRP folds that
# `dotnet run --project src/RnnGen.Data -- dna` writes (18 folds: one sequence and its reverse complement held out).
# Trains the model on each fold's training sequences with `rnngen train`, scores the held-out pair with `rnngen eval`,
# and prints the per-base table summed over the folds (the PWM baseline's table in docs/models.md is summed the same way).
#
#   bash scripts/dna-cv.sh [model-or-spec] [extra rnngen train options...]
#   bash scripts/dna-cv.sh dna-sites --epochs 60 --lr 0.01 --batch 8 --seed 1
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-dna-sites}"; shift || true
data="${DNA_DATA:-$root/data/dna}"
out="${DNA_OUT:-$root/data/cache/dna-cv}"
if [ ! -f "$data/fold-01/train.conll" ]; then
  echo "dna-cv: no folds in $data; run: bash scripts/fetch-data.sh && dotnet run --project src/RnnGen.Data -- dna --cache data/cache --out data/dna" >&2
  exit 3
fi
mkdir -p "$out"
dotnet build -c Release "$root/src/RnnGen.Cli" -v q -nologo > /dev/null
rnngen=(dotnet "$root/src/RnnGen.Cli/bin/Release/net10.0/RnnGen.Cli.dll")
tp=0; fp=0; fn=0; tn=0
start=$(date +%s)
for dir in "$data"/fold-*; do
  fold=$(basename "$dir")
  "${rnngen[@]}" train "$model" --data "$dir/train.conll" --out "$out/$fold.safetensors" "$@" > "$out/$fold.train.log"
  "${rnngen[@]}" eval "$model" --weights "$out/$fold.safetensors" --data "$dir/test.conll" > "$out/$fold.eval.txt"
  # The token table's row: LABEL PRECISION RECALL F1 SUPPORT TP FP FN; the confusion table gives the true negatives.
  read -r t f n < <(awk '/^Tokens/{on=1} on && $1=="site"{print $6, $7, $8; exit}' "$out/$fold.eval.txt")
  o=$(awk '/^Confusion/{on=1} on && $1=="O"{print $2; exit}' "$out/$fold.eval.txt")
  tp=$((tp + t)); fp=$((fp + f)); fn=$((fn + n)); tn=$((tn + o))
  printf '%s  TP %4d  FP %4d  FN %4d\n' "$fold" "$t" "$f" "$n"
done
awk -v tp=$tp -v fp=$fp -v fn=$fn -v tn=$tn -v s=$(( $(date +%s) - start )) 'BEGIN {
  p = tp / (tp + fp); r = tp / (tp + fn);
  printf "summed over folds: bases %d, site bases %d, precision %.3f, recall %.3f, F1 %.3f, accuracy %.3f (%d s)\n",
    tp + fp + fn + tn, tp + fn, p, r, 2 * p * r / (p + r), (tp + tn) / (tp + fp + fn + tn), s }'
