#!/usr/bin/env bash
# Fetches the ABC tunes of the music example into the git-ignored cache (default: data/cache/): the example files that
# Debian ships in the packages abcmidi and abcm2ps (docs/data.md says what they are, how many, and their licences;
# none of them is committed).
#
#   scripts/fetch-music.sh [--cache DIR]
#
#   abcmidi (Debian)   apt-get download + dpkg-deb -x   -> DIR/abcmidi/usr/share/doc/abcmidi/examples/*.abc  (10 files)
#   abcm2ps (Debian)   apt-get download + dpkg-deb -x   -> DIR/abcm2ps/usr/share/doc/abcm2ps/examples/*.abc  (13 files)
#
# Only the packages are downloaded, never installed. Idempotent: a package whose examples are already in the cache is
# skipped (delete its folder to fetch it again). The examples of each package are checked against a pinned SHA-256 of
# their list of sums (`sha256sum *.abc | LC_ALL=C sort -k2 | sha256sum`), so a new Debian version with other tunes
# stops the script instead of changing the data under the figures of docs/models.md.
#
# Exit codes: 0 done; 2 usage; 3 a tool is missing (the message names the package to install);
# 4 a download or extraction failed; 5 the examples differ from the pinned ones.
#
# Only bash builtins run before the tool check, so the check itself can be tested with a PATH that lacks a tool.
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here="."
repo="$(cd "$here/.." && pwd)" # cd and pwd are builtins
cache="$repo/data/cache"

while (( $# > 0 )); do
  case "$1" in
    --cache)
      [[ $# -ge 2 ]] || { echo "fetch-music: --cache needs a folder" >&2; exit 2; }
      cache="$2"; shift 2 ;;
    -h|--help) echo "usage: scripts/fetch-music.sh [--cache DIR]   (default DIR: data/cache)"; exit 0 ;;
    *) echo "fetch-music: unknown argument '$1' (usage: scripts/fetch-music.sh [--cache DIR])" >&2; exit 2 ;;
  esac
done

# package  sha256 of the sorted list of its examples' sums (bookworm: abcmidi 20230208+ds1-1, abcm2ps 8.14.14-1)
packages=(
  "abcmidi 144af38cc41ddd6f2413010828a5b9de4ddc8f24ac692258c9abfe1f5788b9e1"
  "abcm2ps 4b14810bad823d01b2774533caa4d8deb5132e12b0c57b5115a40d3b33dd1b96"
)
examples_of() { echo "usr/share/doc/$1/examples"; }
# The package's copyright file marks it as fetched: the extraction is moved into the cache whole, only when complete.
marker_of() { echo "usr/share/doc/$1/copyright"; }

need_deb=false
for entry in "${packages[@]}"; do
  read -r package _ <<<"$entry"
  [[ -f "$cache/$package/$(marker_of "$package")" ]] || need_deb=true
done

require() { # tool  what to install when it is missing
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "fetch-music: $1 is not installed: $2" >&2
    exit 3
  fi
}
if $need_deb; then
  for tool in mkdir mktemp rm mv sha256sum sort; do require "$tool" "apt-get install coreutils"; done
  require apt-get "apt-get is Debian's package tool; on another system fetch the .deb files of abcmidi and abcm2ps by hand (see docs/data.md)"
  require dpkg-deb "apt-get install dpkg"
fi

examples_sum() { # folder: the sha256 of the sorted list of its .abc files' sums
  (cd "$1" && sha256sum -- *.abc | LC_ALL=C sort -k2 | sha256sum | { read -r sum _; echo "$sum"; })
}

mkdir -p "$cache"

for entry in "${packages[@]}"; do
  read -r package pinned <<<"$entry"
  if [[ -f "$cache/$package/$(marker_of "$package")" ]]; then
    echo "fetch-music: $package is already in $cache/$package"
    continue
  fi
  echo "fetch-music: fetching $package with apt-get download"
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  if ! (cd "$work" && apt-get download "$package" >download.out 2>download.err); then
    echo "fetch-music: apt-get download $package failed; if apt says it cannot locate the package, run 'apt-get update' first:" >&2
    cat "$work/download.err" >&2 || true
    rm -rf "$work"
    exit 4
  fi
  debs=("$work"/*.deb)
  if [[ ! -f "${debs[0]}" ]]; then
    echo "fetch-music: apt-get download $package wrote no .deb file" >&2
    rm -rf "$work"
    exit 4
  fi
  if ! dpkg-deb -x "${debs[0]}" "$work/x"; then
    echo "fetch-music: dpkg-deb -x ${debs[0]} failed" >&2
    rm -rf "$work"
    exit 4
  fi
  folder="$work/x/$(examples_of "$package")"
  if [[ ! -d "$folder" || ! -f "$work/x/$(marker_of "$package")" ]]; then
    echo "fetch-music: ${debs[0]##*/} has no $(examples_of "$package") or no $(marker_of "$package")" >&2
    rm -rf "$work"
    exit 4
  fi
  sum="$(examples_sum "$folder")"
  if [[ "$sum" != "$pinned" ]]; then
    echo "fetch-music: the examples in ${debs[0]##*/} have the sum $sum, not the pinned $pinned; review them before changing the pin" >&2
    rm -rf "$work"
    exit 5
  fi
  rm -rf "${cache:?}/$package"
  mv "$work/x" "$cache/$package"
  rm -rf "$work"
  echo "fetch-music: $package -> $cache/$package/$(examples_of "$package")"
done

echo "fetch-music: the ABC examples are in $cache"
