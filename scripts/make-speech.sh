#!/usr/bin/env bash
# Makes the spoken-digit data of the speech example in a git-ignored cache (default: data/cache/speech/).
#
#   scripts/make-speech.sh [--cache DIR] [--install]
#
# The clips are SYNTHETIC: Debian's espeak-ng speaks the ten digits "zero" ... "nine", one word per clip, with
#   6 accents   en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-gb-x-gbclan
#   11 variants m1 m2 m3 m4 m5 m6 m7 f1 f2 f3 f4            (espeak-ng's voice variants, "-v en-us+m3")
#   3 speeds    130 165 200 words per minute                  (-s)
#   3 pitches   30 50 70                                      (-p, 0-99)
# that is 66 voices x 10 digits x 9 = 5,940 clips, written by espeak-ng at its own 22,050 Hz and resampled to
# 16,000 Hz, 16-bit mono by sox (scaled by 0.9 first, which keeps its rate effect from clipping; its default
# high-quality rate effect, dither off with -D so the bytes are the same
# on every run). Noise is NOT added here: `rnngen-data speech` adds it, seeded, at stated SNRs (docs/data.md).
#   -> DIR/clean/<accent>+<variant>/<digit>-s<speed>-p<pitch>.wav
#
# The real clips of Debian's pocketsphinx-testdata (CMU Sphinx test data, BSD-2) are fetched as fetch-data.sh fetches
# a .deb (apt-get download + dpkg-deb -x) and their headerless .raw files (16 kHz, 16-bit little-endian mono) turned
# into WAV by sox; none of them is a digit spoken alone, so they are not a test set of this task (docs/data.md):
#   -> DIR/pocketsphinx/<name>.wav
# Two of them start with digits said with a pause after them: cards/004 "five five" and cards/002 "four queen of
# clubs". sox's silence effect cuts them at pauses (below 2 % of full scale for 80 ms); when it finds the expected
# pieces, the digits among them are the real clips the classifier is tried on (three: five, five, four):
#   -> DIR/pocketsphinx/words/<name>-<n>.wav and DIR/pocketsphinx/words.tsv (file, the digit said)
#
# Idempotent: a folder whose marker file is there is skipped (delete the folder to make it again).
# --install runs apt-get install -y espeak-ng sox when one of them is missing (as root); without it a missing tool
# stops the script with the package to install.
#
# Exit codes: 0 done; 2 usage; 3 a tool is missing; 4 a tool failed.
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here="."
repo="$(cd "$here/.." && pwd)"
cache="$repo/data/cache/speech"
install=false

while (( $# > 0 )); do
  case "$1" in
    --cache)
      [[ $# -ge 2 ]] || { echo "make-speech: --cache needs a folder" >&2; exit 2; }
      cache="$2"; shift 2 ;;
    --install) install=true; shift ;;
    -h|--help) echo "usage: scripts/make-speech.sh [--cache DIR] [--install]   (default DIR: data/cache/speech)"; exit 0 ;;
    *) echo "make-speech: unknown argument '$1' (usage: scripts/make-speech.sh [--cache DIR] [--install])" >&2; exit 2 ;;
  esac
done

accents=(en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-gb-x-gbclan)
variants=(m1 m2 m3 m4 m5 m6 m7 f1 f2 f3 f4)
speeds=(130 165 200)
pitches=(30 50 70)
digits=(zero one two three four five six seven eight nine)
deb_package="pocketsphinx-testdata"
deb_data="usr/share/pocketsphinx/test/data"

# tool  the Debian package that has it
require() {
  if command -v "$1" >/dev/null 2>&1; then return; fi
  if $install && command -v apt-get >/dev/null 2>&1; then
    echo "make-speech: installing $2 (apt-get install -y $2)"
    apt-get install -y "$2" >/dev/null || { echo "make-speech: apt-get install $2 failed (run apt-get update first?)" >&2; exit 4; }
    command -v "$1" >/dev/null 2>&1 && return
  fi
  echo "make-speech: $1 is not installed: apt-get install $2 (or run with --install)" >&2
  exit 3
}

clean="$cache/clean"
marker="$clean/voices.tsv"
if [[ -f "$marker" ]]; then
  echo "make-speech: the espeak-ng clips are already in $clean"
else
  require espeak-ng espeak-ng
  require sox sox
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.make.XXXXXX")"
  count=0
  for accent in "${accents[@]}"; do
    for variant in "${variants[@]}"; do
      voice="$accent+$variant"
      mkdir -p "$work/$voice"
      for digit in "${digits[@]}"; do
        for speed in "${speeds[@]}"; do
          for pitch in "${pitches[@]}"; do
            out="$work/$voice/$digit-s$speed-p$pitch.wav"
            if ! espeak-ng -v "$voice" -s "$speed" -p "$pitch" --stdout "$digit" | sox -D -t wav - -b 16 -c 1 "$out" vol 0.9 rate 16000; then
              echo "make-speech: espeak-ng or sox failed for voice $voice, '$digit', speed $speed, pitch $pitch" >&2
              rm -rf "$work"
              exit 4
            fi
            count=$((count + 1))
          done
        done
      done
    done
  done
  {
    printf 'accent\tvariant\n'
    for accent in "${accents[@]}"; do for variant in "${variants[@]}"; do printf '%s\t%s\n' "$accent" "$variant"; done; done
  } > "$work/voices.tsv"
  espeak-ng --version > "$work/espeak-ng-version.txt"
  rm -rf "$clean"
  mv "$work" "$clean"
  echo "make-speech: $count clips -> $clean"
fi

real="$cache/pocketsphinx"
if [[ -f "$real/transcriptions.tsv" ]]; then
  echo "make-speech: the pocketsphinx-testdata clips are already in $real"
else
  require sox sox
  require apt-get "apt-get (Debian's package tool; on another system fetch $deb_package's .deb by hand)"
  require dpkg-deb dpkg
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.make.XXXXXX")"
  if ! (cd "$work" && apt-get download "$deb_package" >download.out 2>download.err); then
    echo "make-speech: apt-get download $deb_package failed; if apt says it cannot locate the package, run 'apt-get update' first:" >&2
    cat "$work/download.err" >&2 || true
    rm -rf "$work"
    exit 4
  fi
  debs=("$work"/*.deb)
  if [[ ! -f "${debs[0]}" ]] || ! dpkg-deb -x "${debs[0]}" "$work/x"; then
    echo "make-speech: could not unpack the .deb of $deb_package in $work" >&2
    rm -rf "$work"
    exit 4
  fi
  mkdir -p "$work/out"
  src="$work/x/$deb_data"
  # name  source file  what is said (the package's own transcriptions; goforward, numbers and something have none)
  clips=(
    "dhd.2934z|tidigits/dhd.2934z.raw|two nine three four zero"
    "goforward|goforward.raw|"
    "numbers|numbers.raw|"
    "something|something.raw|"
    "cards-001|cards/001.wav|ten of clubs"
    "cards-002|cards/002.wav|four queen of clubs"
    "cards-003|cards/003.wav|seven of clubs"
    "cards-004|cards/004.wav|five five"
    "cards-005|cards/005.wav|eight of spades four of clubs seven of hearts"
  )
  printf 'file\tsource\ttranscription\n' > "$work/out/transcriptions.tsv"
  for entry in "${clips[@]}"; do
    IFS='|' read -r name file text <<<"$entry"
    case "$file" in
      *.raw) sox -t raw -r 16000 -e signed-integer -b 16 -c 1 -L "$src/$file" "$work/out/$name.wav" ;;
      *) cp "$src/$file" "$work/out/$name.wav" ;;
    esac
    printf '%s.wav\t%s\t%s\n' "$name" "$deb_data/$file" "$text" >> "$work/out/transcriptions.tsv"
  done
  # name  the pieces sox must find  the digits of the first pieces
  mkdir -p "$work/out/words"
  printf 'file\tsaid\n' > "$work/out/words.tsv"
  for entry in "cards-004|2|five five" "cards-002|2|four"; do
    IFS='|' read -r name pieces said <<<"$entry"
    sox "$work/out/$name.wav" "$work/out/words/$name-.wav" silence 1 0.02 2% 1 0.08 2% : newfile : restart
    # sox ends with an empty piece after the last pause: drop pieces of no samples.
    for piece in "$work/out/words/$name"-*.wav; do
      [[ "$(soxi -s "$piece")" -gt 0 ]] || rm -f "$piece"
    done
    found=("$work/out/words/$name"-*.wav)
    if [[ ${#found[@]} -ne $pieces ]]; then
      echo "make-speech: sox cut $name into ${#found[@]} pieces, not $pieces; its digits are left out" >&2
      rm -f "$work/out/words/$name"-*.wav
      continue
    fi
    i=0
    for digit in $said; do
      printf 'words/%s\t%s\n' "${found[$i]##*/}" "$digit" >> "$work/out/words.tsv"
      i=$((i + 1))
    done
    # The pieces after the digits ("queen of clubs") are not kept.
    for (( ; i < ${#found[@]}; i++ )); do rm -f "${found[$i]}"; done
  done
  rm -rf "$real"
  mv "$work/out" "$real"
  rm -rf "$work"
  echo "make-speech: ${#clips[@]} clips of $deb_package -> $real"
fi

echo "make-speech: the speech data is in $cache"
