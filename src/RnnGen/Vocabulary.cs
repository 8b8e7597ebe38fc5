using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace RnnGen;

/// <summary>
/// The tokens a one-hot model knows, each with its index (its position in the list), and the lookup
/// that turns words into indices: an exact match, else the lower-case word's match, else <c>&lt;UNK&gt;</c>.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The token that stands for every word the vocabulary does not hold.</summary>
    public const string Unknown = SpecWords.Unknown;

    private readonly string[] tokens;
    private readonly FrozenDictionary<string, int> indices;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spanIndices;

    /// <summary>Creates a vocabulary whose token <c>i</c> is <c>tokens[i]</c>.</summary>
    /// <param name="tokens">Distinct tokens (ordinal comparison), one of which is <see cref="Unknown"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A token is null, a token appears twice, or <see cref="Unknown"/> is missing.</exception>
    public Vocabulary(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var copy = new string[tokens.Count];
        var map = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < copy.Length; i++)
        {
            string token = tokens[i] ?? throw new ArgumentException(
                FormattableString.Invariant($"Token {i} is null."), nameof(tokens));
            if (!map.TryAdd(token, i))
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"The token '{token}' appears twice, at {map[token]} and {i}."), nameof(tokens));
            }
            copy[i] = token;
        }
        if (!map.TryGetValue(Unknown, out int unknown))
        {
            throw new ArgumentException($"The vocabulary has no '{Unknown}' token for unknown words.", nameof(tokens));
        }
        this.tokens = copy;
        indices = map.ToFrozenDictionary(StringComparer.Ordinal);
        spanIndices = indices.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownIndex = unknown;
        Tokens = Array.AsReadOnly(copy);
    }

    /// <summary>
    /// A vocabulary from the lines of a vocabulary file, where a line that is exactly <c>\s</c>, <c>\t</c> or <c>\n</c>
    /// stands for the token of a space, a tab or a line break (the <c>text</c> tokenizer's white space, which a line
    /// cannot hold as it is). Every other line is its token as written.
    /// </summary>
    /// <param name="lines">The file's lines, line k (from 0) token k.</param>
    /// <exception cref="ArgumentException">As the constructor's.</exception>
    public static Vocabulary FromFileLines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var tokens = new string[lines.Count];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = TokenOfLine(lines[i]);
        return new Vocabulary(tokens);
    }

    /// <summary>The token a vocabulary file's line stands for (see <see cref="FromFileLines"/>).</summary>
    /// <param name="line">One line, without its line break.</param>
    public static string TokenOfLine(string line) => line switch
    {
        "\\s" => " ",
        "\\t" => "\t",
        "\\n" => "\n",
        _ => line ?? throw new ArgumentNullException(nameof(line)),
    };

    /// <summary>The line of a vocabulary file that stands for <paramref name="token"/> (see <see cref="FromFileLines"/>).</summary>
    /// <param name="token">A token.</param>
    public static string LineOfToken(string token) => token switch
    {
        " " => "\\s",
        "\t" => "\\t",
        "\n" => "\\n",
        _ => token ?? throw new ArgumentNullException(nameof(token)),
    };

    /// <summary>The number of tokens, which is the size of the one-hot input x.</summary>
    public int Count => tokens.Length;

    /// <summary>The index of <see cref="Unknown"/>.</summary>
    public int UnknownIndex { get; }

    /// <summary>The tokens; token <c>i</c> has index <c>i</c>.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The token at <paramref name="index"/>.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public string this[int index] => tokens[index];

    /// <summary>
    /// The index of <paramref name="word"/>: its exact (ordinal) match, else the match of
    /// <c>word.ToLowerInvariant()</c>, else <see cref="UnknownIndex"/>.
    /// </summary>
    /// <param name="word">A word, as the tokenizer produced it.</param>
    /// <returns>An index in [0, <see cref="Count"/>).</returns>
    public int IndexOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return TryIndexOf(word, out int index) ? index : UnknownIndex;
    }

    /// <summary>Whether <paramref name="word"/> or its lower-case form is a token (so it does not fall back to <see cref="Unknown"/>).</summary>
    /// <param name="word">A word.</param>
    /// <returns><see langword="true"/> when <see cref="IndexOf"/> finds it without falling back.</returns>
    public bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return TryIndexOf(word, out _);
    }

    /// <summary>The indices of <paramref name="words"/>, by <see cref="IndexOf"/>.</summary>
    /// <param name="words">The words of one sequence.</param>
    /// <returns>One index per word.</returns>
    public int[] Encode(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var result = new int[words.Count];
        Encode(words, result);
        return result;
    }

    /// <summary>Writes the indices of <paramref name="words"/> into the first <c>words.Count</c> places of <paramref name="destination"/>.</summary>
    /// <param name="words">The words of one sequence.</param>
    /// <param name="destination">At least <c>words.Count</c> places; the rest is left untouched.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="words"/>.</exception>
    public void Encode(IReadOnlyList<string> words, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (destination.Length < words.Count)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The destination holds {destination.Length} places for {words.Count} words."),
                nameof(destination));
        }
        for (int i = 0; i < words.Count; i++) destination[i] = IndexOf(words[i]);
    }

    /// <summary>
    /// Looks <paramref name="word"/> up without allocating: its exact (ordinal) match, else the match of its
    /// lower-case form (invariant), the lookup <see cref="IndexOf"/> makes.
    /// </summary>
    /// <param name="word">A word, as the tokenizer produced it.</param>
    /// <param name="index">The word's index, or <see cref="UnknownIndex"/> when it is not found.</param>
    /// <returns><see langword="true"/> when the word or its lower-case form is a token.</returns>
    public bool TryIndexOf(ReadOnlySpan<char> word, out int index)
    {
        if (spanIndices.TryGetValue(word, out index)) return true;
        char[]? rented = null;
        Span<char> lower = word.Length <= 128 ? stackalloc char[128] : (rented = ArrayPool<char>.Shared.Rent(word.Length));
        lower = lower[..word.ToLowerInvariant(lower)];
        bool found = !lower.SequenceEqual(word) && spanIndices.TryGetValue(lower, out index);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        if (!found) index = UnknownIndex;
        return found;
    }

    private bool TryIndexOf(string word, out int index) => TryIndexOf(word.AsSpan(), out index);
}
