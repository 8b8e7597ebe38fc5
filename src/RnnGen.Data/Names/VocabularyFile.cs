using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RnnGen.Data.Names;

/// <summary>
/// The vocabulary of a one-hot word model in the format of <c>models/name-tagger.vocab.txt</c> (docs/spec-format.md):
/// <c>&lt;UNK&gt;</c> on line 1 (index 0), then the chosen words in ascending order of their UTF-8 bytes (the order of
/// <c>LC_ALL=C sort</c>), one a line, LF, a final newline.
/// </summary>
public static class VocabularyFile
{
    /// <summary>
    /// The <paramref name="size"/> - 1 most frequent of <paramref name="words"/> (counted case-sensitively, as the
    /// corpus spells them: "The" and "the" are two words; ties broken by UTF-8 byte order) and <c>&lt;UNK&gt;</c>, in file order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public static IReadOnlyList<string> Build(IEnumerable<string> words, int size)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string word in words)
        {
            if (word == Vocabulary.Unknown) continue;
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        var chosen = counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, Utf8Order.Instance)
            .Take(size - 1)
            .Select(p => p.Key)
            .OrderBy(w => w, Utf8Order.Instance);
        return new[] { Vocabulary.Unknown }.Concat(chosen).ToArray();
    }

    /// <summary>The file's text: one token a line, LF, a final newline.</summary>
    public static string Write(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new StringBuilder();
        foreach (string token in tokens) text.Append(token).Append('\n');
        return text.ToString();
    }

    /// <summary>Orders strings by their UTF-8 bytes, which is the order of their Unicode scalar values.</summary>
    public sealed class Utf8Order : IComparer<string>
    {
        /// <summary>The one instance.</summary>
        public static Utf8Order Instance { get; } = new();

        /// <inheritdoc/>
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            StringRuneEnumerator a = x.EnumerateRunes();
            StringRuneEnumerator b = y.EnumerateRunes();
            while (true)
            {
                bool hasA = a.MoveNext();
                bool hasB = b.MoveNext();
                if (!hasA || !hasB) return hasA ? 1 : hasB ? -1 : 0;
                int c = a.Current.Value.CompareTo(b.Current.Value);
                if (c != 0) return c;
            }
        }
    }
}
