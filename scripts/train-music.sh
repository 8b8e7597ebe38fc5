#!/usr/bin/env bash
# The music example of docs/models.md, end to end, with its seeds: fetches the ABC examples, writes the cleaned and
# split tunes, prints the Kneser–Ney baselines, trains the three generators of samples/music/ (rewriting their weights),
# scores them, draws 100 tunes from the chosen one for each of six temperatures and top-k, counts how many abc2midi
# accepts, and copies the accepted ones (ABC and MIDI) into docs/music/ and the score of one as a PNG into
# docs/images/. The same bytes on every run: the split, the training and the sampling are seeded.
#
#   bash scripts/train-music.sh            # everything
#   bash scripts/train-music.sh sample     # only the sampling, checking and rendering (the weights as committed)
#
# Needs apt-get and dpkg-deb for the data (scripts/fetch-music.sh), and for checking and rendering the packages
# abcmidi (abc2midi), abcm2ps and librsvg2-bin (rsvg-convert): apt-get install -y abcmidi abcm2ps librsvg2-bin.
# Data, samples, MIDI files and check.tsv (abc2midi's verdict on each tune) go to the git-ignored data/music/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
model="abc-tunes"        # the generator docs/models.md samples from (a GRU, a = 128: the lowest validation perplexity)
count=100 seed=1 temperature=0.7   # the score shown is of the accepted tune with the most notes drawn at 0.7 (top-k all)

bash scripts/fetch-music.sh
dotnet build -c Release samples/MusicGen -v q -nologo > /dev/null
data=(dotnet run -c Release --no-build --project src/RnnGen.Data --)
musicgen=(dotnet samples/MusicGen/bin/Release/net10.0/MusicGen.dll)

"${data[@]}" music --cache data/cache --out data/music --seed 1
if ! cmp -s data/music/vocab.txt samples/music/abc.vocab.txt; then
  echo "train-music: data/music/vocab.txt differs from samples/music/abc.vocab.txt, which the models are compiled with" >&2
  exit 1
fi

if [ "$what" = all ]; then
  "${data[@]}" ngram --data data/music --max-order 12
  mkdir -p data/runs
  for m in abc-tunes abc-gru-64 abc-lstm-128; do
    "${musicgen[@]}" train "$m" --data data/music --epochs 150 --batch 8 --lr 0.003 --weight-decay 0.1 --clip 5 --patience 15 \
      --chunk 128 --seed 1 --curves "data/runs/$m.csv" | tail -n 1
  done
  for m in abc-tunes abc-gru-64 abc-lstm-128; do "${musicgen[@]}" eval "$m" --data data/music; done
fi

for tool in abc2midi abcm2ps rsvg-convert; do
  command -v "$tool" > /dev/null || { echo "train-music: $tool is missing: apt-get install -y abcmidi abcm2ps librsvg2-bin" >&2; exit 3; }
done
# abc2midi accepts a tune when it exits with 0, prints no line that starts with "Error" and writes a MIDI file with a
# note (musicgen check; it writes check.tsv into the folder and a .mid beside each tune).
# The real tunes under the same test, for scale: every tune of the three parts, one file each.
real=data/music/real
rm -rf "$real"; mkdir -p "$real"
awk -v dir="$real" 'BEGIN { RS = ""; ORS = "\n" } { f = sprintf("%s/tune-%03d.abc", dir, NR - 1); print > f; close(f) }' \
  data/music/train.abc data/music/valid.abc data/music/test.abc
"${musicgen[@]}" check "$real" | head -n 1

# Temperature and top-k (0: all symbols), each drawn for the same seeds, as rnngen generate would draw them.
for tk in "1.0 0" "0.7 0" "0.5 0" "1.0 10" "1.0 5" "0.7 5"; do
  read -r t k <<< "$tk"
  samples="data/music/samples-$model-t$t-k$k"
  rm -rf "$samples"
  "${musicgen[@]}" sample "$model" --count "$count" --seed "$seed" --temperature "$t" --top-k "$k" --length 2000 --out "$samples"
  "${musicgen[@]}" check "$samples" --against data/music/train.abc
done

# The score of the accepted tune with the most notes at the shown temperature (the first of equals): abcm2ps writes
# SVG (-g), rsvg-convert a PNG on white.
samples="data/music/samples-$model-t$temperature-k0"
shown=$(awk -F '\t' 'NR > 1 && $6 == "yes" && $5 > best { best = $5; file = $1 } END { print file }' "$samples/check.tsv")
if [ -n "$shown" ]; then
  rm -f "$samples"/Out*.svg
  (cd "$samples" && abcm2ps -q -g "$shown" -O Out.svg > /dev/null 2>&1)
  rsvg-convert -b white -z 1.5 "$(ls "$samples"/Out*.svg | head -n 1)" -o docs/images/music-sample.png
  echo "score of $samples/$shown -> docs/images/music-sample.png"
fi
# Every accepted tune of every setting, as ABC and MIDI, into docs/music/ (a few hundred bytes each), named by setting.
rm -rf docs/music; mkdir -p docs/music
for samples in data/music/samples-"$model"-t*-k*; do
  setting="${samples##*/samples-$model-}"
  for f in $(awk -F '\t' 'NR > 1 && $6 == "yes" { print $1 }' "$samples/check.tsv"); do
    cp "$samples/$f" "docs/music/$setting-$f"
    cp "$samples/${f%.abc}.mid" "docs/music/$setting-${f%.abc}.mid"
  done
done
echo "accepted tunes -> docs/music/: $(ls docs/music | tr '\n' ' ')"
