# What scripts/fetch-data.sh and scripts/fetch-music.sh share; sourced by them, not run. Each sets `prog` (its name,
# the prefix of its messages) and `cache` (the default cache folder) before sourcing this file. Only bash builtins
# run here until a script calls fetch_require, so a script's tool check can be tested with a PATH that lacks a tool.

# fetch_parse_args "$@": --cache DIR (exit 2 on anything else), -h/--help.
fetch_parse_args() {
  while (( $# > 0 )); do
    case "$1" in
      --cache)
        [[ $# -ge 2 ]] || { echo "$prog: --cache needs a folder" >&2; exit 2; }
        cache="$2"; shift 2 ;;
      -h|--help) echo "usage: scripts/$prog.sh [--cache DIR]   (default DIR: data/cache)"; exit 0 ;;
      *) echo "$prog: unknown argument '$1' (usage: scripts/$prog.sh [--cache DIR])" >&2; exit 2 ;;
    esac
  done
}

# fetch_require TOOL HINT: exit 3, saying what to install, when TOOL is not on the PATH.
fetch_require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$prog: $1 is not installed: $2" >&2
    exit 3
  fi
}

# fetch_sha256_ok FILE SHA256
fetch_sha256_ok() {
  [[ "$(sha256sum "$1")" == "$2  "* ]]
}

# fetch_deb PACKAGE FOLDER CHECK: apt-get download PACKAGE into a temporary folder inside the cache, dpkg-deb -x it,
# run `CHECK EXTRACTED DEB` (which prints what is wrong and returns the exit code: 4 missing, 5 changed), and only
# then move the extraction to $cache/FOLDER. A failed download exits 4 with apt's message.
fetch_deb() {
  local package="$1" folder="$2" check="$3" work debs status
  echo "$prog: fetching $package with apt-get download"
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  if ! (cd "$work" && apt-get download "$package" >download.out 2>download.err); then
    echo "$prog: apt-get download $package failed; if apt says it cannot locate the package, run 'apt-get update' first:" >&2
    cat "$work/download.err" >&2 || true
    rm -rf "$work"
    exit 4
  fi
  debs=("$work"/*.deb)
  if [[ ! -f "${debs[0]}" ]]; then
    echo "$prog: apt-get download $package wrote no .deb file" >&2
    rm -rf "$work"
    exit 4
  fi
  if ! dpkg-deb -x "${debs[0]}" "$work/x"; then
    echo "$prog: dpkg-deb -x ${debs[0]} failed" >&2
    rm -rf "$work"
    exit 4
  fi
  status=0
  "$check" "$work/x" "${debs[0]##*/}" || status=$?
  if (( status != 0 )); then
    rm -rf "$work"
    exit "$status"
  fi
  rm -rf "${cache:?}/$folder"
  mv "$work/x" "$cache/$folder"
  rm -rf "$work"
}
