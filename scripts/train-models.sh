#!/usr/bin/env bash
# Writes the shipped weights: models/name-tagger.safetensors (and its vocabulary, models/name-tagger.vocab.txt) from
# the Brown corpus, and models/dna-sites.safetensors from the E. coli CRP sites. One command, the same bytes on every
# run (rnngen train is reproducible bit for bit with a seed, on any number of threads):
#
#   bash scripts/train-models.sh            # both
#   bash scripts/train-models.sh names      # only the name tagger
#   bash scripts/train-models.sh dna        # only the DNA site tagger
#   bash scripts/train-models.sh compare    # the GRU and LSTM taggers and the DNA cross-validation of docs/models.md
#   bash scripts/train-models.sh speech     # the spoken-digit classifier, samples/speech/spoken-digits.safetensors
#
# Needs npm, apt-get and dpkg-deb for the data (scripts/fetch-data.sh says what to install when one is missing); speech
# needs espeak-ng and sox instead (scripts/make-speech.sh, which installs them with --install).
# The data and the curves go to the git-ignored data/ folder; docs/models.md gives the figures these runs printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
if [ "$what" != speech ]; then bash scripts/fetch-data.sh; fi
dotnet build -c Release src/RnnGen.Cli -v q -nologo > /dev/null
rnngen=(dotnet src/RnnGen.Cli/bin/Release/net10.0/RnnGen.Cli.dll)
mkdir -p data/runs

if [ "$what" = all ] || [ "$what" = names ]; then
  dotnet run -c Release --project src/RnnGen.Data -- names --cache data/cache --out data/names
  # The shipped vocabulary is the training split's: <UNK> and its 9,999 most frequent words.
  cp data/names/vocab.txt models/name-tagger.vocab.txt
  cp data/names/vocab.txt samples/name-taggers/name-tagger.vocab.txt
  dotnet build -c Release src/RnnGen.Cli -v q -nologo > /dev/null
  "${rnngen[@]}" train name-tagger --data data/names/train.conll --valid data/names/dev.conll --out models/name-tagger.safetensors \
    --epochs 8 --batch 32 --lr 0.002 --optimizer adamw --weight-decay 0.1 --schedule cosine --patience 2 --clip 5 --seed 1 \
    --curves data/runs/name-tagger.csv --plot data/runs/name-tagger.png
  "${rnngen[@]}" eval name-tagger --data data/names/test.conll
fi

if [ "$what" = all ] || [ "$what" = dna ]; then
  dotnet run -c Release --project src/RnnGen.Data -- dna --cache data/cache --out data/dna
  "${rnngen[@]}" train dna-sites --data data/dna/all.conll --out models/dna-sites.safetensors \
    --epochs 80 --lr 0.01 --batch 4 --clip 5 --seed 1 --curves data/runs/dna-sites.csv --plot data/runs/dna-sites.png
fi

if [ "$what" = compare ]; then
  # The GRU and LSTM taggers of docs/models.md: the name tagger's data, vocabulary, head and options, another cell.
  cp data/names/vocab.txt samples/name-taggers/name-tagger.vocab.txt
  for cell in gru lstm; do
    "${rnngen[@]}" train samples/name-taggers/$cell-name-tagger.rnn.json --data data/names/train.conll --valid data/names/dev.conll \
      --out samples/name-taggers/$cell-name-tagger.safetensors \
      --epochs 8 --batch 32 --lr 0.002 --optimizer adamw --weight-decay 0.1 --schedule cosine --patience 2 --clip 5 --seed 1 \
      --curves data/runs/$cell-name-tagger.csv
    "${rnngen[@]}" eval samples/name-taggers/$cell-name-tagger.rnn.json --weights samples/name-taggers/$cell-name-tagger.safetensors \
      --data data/names/test.conll
  done
  # The DNA taggers by leave-one-sequence-out cross-validation, with the options the shipped one is trained with:
  # the shipped textbook Elman cell, and a bidirectional GRU.
  DNA_OUT=data/cache/dna-cv-elman bash scripts/dna-cv.sh dna-sites --epochs 80 --lr 0.01 --batch 4 --clip 5 --seed 1
  DNA_OUT=data/cache/dna-cv-bigru bash scripts/dna-cv.sh samples/dna/dna-sites-bigru.rnn.json --epochs 80 --lr 0.01 --batch 4 --clip 5 --seed 1
fi

if [ "$what" = speech ]; then
  # The synthetic spoken digits (espeak-ng), noise at 20, 10 and 5 dB (seed 1), split by voice variant; then the GRU
  # classifier trained with the last-step loss (seed 1) and scored on the held-out voices (docs/models.md).
  bash scripts/make-speech.sh
  dotnet build -c Release src/RnnGen.Data -v q -nologo > /dev/null
  data_tool=(dotnet src/RnnGen.Data/bin/Release/net10.0/RnnGen.Data.dll)
  "${data_tool[@]}" speech --cache data/cache --out data/speech --seed 1
  "${data_tool[@]}" speech-train --data data/speech --out samples/speech/spoken-digits.safetensors \
    --epochs 30 --batch 32 --lr 0.003 --patience 5 --seed 1 --curves data/runs/spoken-digits.csv
fi
