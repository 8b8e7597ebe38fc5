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
prog="fetch-music"
cache="$repo/data/cache"
source "$here/fetch-common.sh"
fetch_parse_args "$@"

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

if $need_deb; then
  for tool in mkdir mktemp rm mv sha256sum sort; do fetch_require "$tool" "apt-get install coreutils"; done
  fetch_require apt-get "apt-get is Debian's package tool; on another system fetch the .deb files of abcmidi and abcm2ps by hand (see docs/data.md)"
  fetch_require dpkg-deb "apt-get install dpkg"
fi

examples_sum() { # folder: the sha256 of the sorted list of its .abc files' sums
  (cd "$1" && sha256sum -- *.abc | LC_ALL=C sort -k2 | sha256sum | { read -r sum _; echo "$sum"; })
}

mkdir -p "$cache"

check_examples() { # extracted-folder deb-name: the examples and the copyright file are there, with the pinned sum
  local folder="$1/$(examples_of "$package")" sum
  if [[ ! -d "$folder" || ! -f "$1/$(marker_of "$package")" ]]; then
    echo "fetch-music: $2 has no $(examples_of "$package") or no $(marker_of "$package")" >&2
    return 4
  fi
  sum="$(examples_sum "$folder")"
  if [[ "$sum" != "$pinned" ]]; then
    echo "fetch-music: the examples in $2 have the sum $sum, not the pinned $pinned; review them before changing the pin" >&2
    return 5
  fi
}

for entry in "${packages[@]}"; do
  read -r package pinned <<<"$entry"
  if [[ -f "$cache/$package/$(marker_of "$package")" ]]; then
    echo "fetch-music: $package is already in $cache/$package"
    continue
  fi
  fetch_deb "$package" "$package" check_examples
  echo "fetch-music: $package -> $cache/$package/$(examples_of "$package")"
done

echo "fetch-music: the ABC examples are in $cache"
