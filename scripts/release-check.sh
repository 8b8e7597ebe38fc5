#!/usr/bin/env bash
# The release gate: runs the release checks in order and stops at the first one that fails, saying which and why.
# Cheap checks of the repository's files come first, so a missing changelog entry fails in a second, not after CI.
#
#   scripts/release-check.sh [--allow-dirty] [VERSION]
#
# VERSION defaults to VersionPrefix in Directory.Build.props (the one version source); when given, it must equal it.
# --allow-dirty skips the clean-work-tree check, to rehearse the other checks before committing a release.
# On success the packages to publish are in artifacts/<version>/. See docs/releasing.md.
set -uo pipefail
cd "$(dirname "$0")/.."

allow_dirty=false
version=""
for arg in "$@"; do
  case "$arg" in
    --allow-dirty) allow_dirty=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "release-check: unknown option '$arg' (known: --allow-dirty)" >&2; exit 2 ;;
    *)
      if [ -n "$version" ]; then echo "release-check: one version only, got '$version' and '$arg'" >&2; exit 2; fi
      version="$arg" ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

total=8
step=0
failed() {
  echo "release-check: FAILED at step $step/$total ($name): $*" >&2
  exit 1
}
begin() {
  step=$((step + 1))
  name="$1"
  echo "release-check: step $step/$total: $name"
}
passed() { echo "release-check:   ok${1:+: $1}"; }

property=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props | head -1)
stamp=$(sed -n 's:.*public const string Version = "\(.*\)";.*:\1:p' generators/RnnGen.Generators/Emit/GeneratorInfo.cs | head -1)
[ -n "$version" ] || version="$property"

begin "the work tree is committed"
if [ "$allow_dirty" = true ]; then
  passed "skipped (--allow-dirty)"
elif ! git rev-parse --git-dir >/dev/null 2>&1; then
  failed "not a git work tree; a release is packed from a commit (the package records it)"
elif [ -n "$(git status --porcelain)" ]; then
  failed "uncommitted changes (the package records the commit it was packed from):
$(git status --short | head -20)"
else
  passed "$(git rev-parse HEAD)"
fi

begin "no snapshot waits to be accepted"
received=$(find tests -name '*.received.*' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
if [ -n "$received" ]; then
  failed "*.received.* files exist: a snapshot test failed and its new output is unreviewed; review and accept or fix (docs/snapshots.md):
$received"
fi
passed

begin "one version: $version"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || failed "'$version' is not a SemVer version (1.2.3 or 1.2.3-beta.1)"
[ "$version" = "$property" ] || failed "VersionPrefix in Directory.Build.props is '$property', not '$version'"
[ "$version" = "$stamp" ] || failed "GeneratorInfo.Version (generators/RnnGen.Generators/Emit/GeneratorInfo.cs, stamped on generated code) is '$stamp', not '$version'; change it and accept the snapshots"
passed

begin "CHANGELOG.md has an entry for $version"
[ -f CHANGELOG.md ] || failed "CHANGELOG.md is missing"
heading=$(grep -nE "^## \[$(printf '%s' "$version" | sed 's/[.]/\\./g')\] - [0-9]{4}-[0-9]{2}-[0-9]{2}\s*$" CHANGELOG.md | head -1)
[ -n "$heading" ] || failed "CHANGELOG.md has no section '## [$version] - YYYY-MM-DD' (move the '## [Unreleased]' entries under it)"
line=${heading%%:*}
entries=$(tail -n +"$((line + 1))" CHANGELOG.md | awk '/^## /{exit} /^- /{n++} END{print n+0}')
[ "$entries" -gt 0 ] || failed "the section '## [$version]' of CHANGELOG.md lists no change ('- ...' lines)"
passed "$entries entries"

begin "the public API and the analyzer releases are up to date"
unshipped_api=$(grep -vE '^\s*$|^#nullable enable$' src/RnnGen/PublicAPI.Unshipped.txt | wc -l)
[ "$unshipped_api" -eq 0 ] || failed "src/RnnGen/PublicAPI.Unshipped.txt still lists $unshipped_api APIs; move them into PublicAPI.Shipped.txt for the release"
unshipped_rules=$(grep -cE '^RNN[0-9]{4}\s*\|' generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md)
[ "$unshipped_rules" -eq 0 ] || failed "generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md still lists $unshipped_rules rules; move them into AnalyzerReleases.Shipped.md under '## Release $version'"
grep -qE "^## Release $(printf '%s' "$version" | sed 's/[.]/\\./g')\s*$" generators/RnnGen.Generators/AnalyzerReleases.Shipped.md \
  || failed "generators/RnnGen.Generators/AnalyzerReleases.Shipped.md has no '## Release $version' section"
passed "(the build checks that both lists match the code: RS0016/RS0017, RS2000-RS2002)"

begin "CI is green (bash .ci/run: build with warnings as errors, every test, snapshots never accepted)"
ci_log=$(mktemp)
bash .ci/run >"$ci_log" 2>&1
ci_status=$?
summary=$(tail -1 "$ci_log")
if [ "$ci_status" -ne 0 ]; then
  grep -E 'error|Failed ' "$ci_log" | head -20 >&2
  failed "bash .ci/run exited $ci_status ($summary); full log: $ci_log"
fi
rm -f "$ci_log"
passed "$summary"

artifacts="artifacts/$version"
begin "pack $version into $artifacts"
rm -rf "$artifacts"
pack_log=$(mktemp)
for project in src/RnnGen src/RnnGen.Cli; do
  if ! dotnet pack "$project" -c Release -o "$artifacts" >"$pack_log" 2>&1; then
    tail -30 "$pack_log" >&2
    failed "dotnet pack $project failed; full log: $pack_log"
  fi
done
rm -f "$pack_log"
for f in "$artifacts/RnnGen.$version.nupkg" "$artifacts/RnnGen.$version.snupkg" "$artifacts/RnnGen.Tool.$version.nupkg"; do
  [ -f "$f" ] || failed "dotnet pack did not write $f"
done
passed "$(cd "$artifacts" && ls -l RnnGen.* | awk '{printf "%s %s bytes; ", $NF, $5}')"

begin "the consumer tests pass against the packed files"
test_log=$(mktemp)
if ! RNNGEN_PACKAGE_FEED="$PWD/$artifacts" dotnet test tests/RnnGen.Tests --filter "Category=EndToEnd" >"$test_log" 2>&1; then
  grep -E 'Failed |error' "$test_log" | head -20 >&2
  failed "the package tests failed against $artifacts; full log: $test_log"
fi
summary=$(grep -E '^\s*Passed!' "$test_log" | tail -1 | sed 's/^ *//')
rm -f "$test_log"
passed "$summary"

echo "release-check: all $total checks passed for RnnGen $version; publish $artifacts/RnnGen.$version.nupkg (its .snupkg goes with it) and $artifacts/RnnGen.Tool.$version.nupkg"
