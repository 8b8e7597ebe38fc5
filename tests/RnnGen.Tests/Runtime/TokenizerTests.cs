using System;
using System.Linq;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

public sealed class TokenizerTests
{
    [Fact]
    public void The_running_example_has_seven_words()
    {
        var words = Tokenizer.Words("Sam Li and Tom date on Tuesday.");
        Assert.Equal(["Sam", "Li", "and", "Tom", "date", "on", "Tuesday"], words);
        Assert.Equal(7, words.Count);
    }

    [Theory]
    [InlineData("O'Brien is well-known.", new[] { "O'Brien", "is", "well-known" })]
    [InlineData("'quoted' -- dash - x", new[] { "quoted", "dash", "x" })]
    [InlineData("rock-'n'-roll, 1984!", new[] { "rock-'n'-roll", "1984" })]
    [InlineData("a,b;c\td\ne", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("Zoë naïve café", new[] { "Zoë", "naïve", "café" })]
    [InlineData("O’Brien’s", new[] { "O’Brien’s" })]
    [InlineData("  ...  ", new string[0])]
    [InlineData("", new string[0])]
    public void Words_are_runs_of_letters_digits_apostrophes_and_hyphens(string text, string[] expected) =>
        Assert.Equal(expected, Tokenizer.Words(text));

    [Fact]
    public void Characters_are_upper_cased_and_whitespace_is_dropped()
    {
        Assert.Equal(["A", "C", "G", "T", "N"], Tokenizer.Characters("acgtn"));
        Assert.Equal(["A", "C", "G", "T"], Tokenizer.Characters(" a c\ng\tT "));
        Assert.Equal(["A", "-", "1"], Tokenizer.Characters("a-1"));
    }

    [Fact]
    public void Tokenize_dispatches_on_the_spec_name()
    {
        Assert.Equal(["Sam", "Li"], Tokenizer.Tokenize("Sam Li.", "words"));
        Assert.Equal(["S", "A", "M"], Tokenizer.Tokenize("Sam", "characters"));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize("Sam", "bytes"));
        Assert.Contains("'bytes'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize("Sam", "Words"));
    }
}

/// <summary>
/// The span forms (<see cref="Tokenizer.EnumerateTokens"/>, <see cref="Vocabulary.TryIndexOf"/>) that <c>rnngen tag</c>
/// streams with give the same tokens and indices as the string forms, on text drawn from the characters where the
/// rules have edges: joiners at the ends of words, combining marks, surrogate pairs and lone surrogates, case pairs.
/// </summary>
public sealed class TokenSpanTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "é", "e\u0301", "7", "'", "\u2019", "-", "\u2010", " ", "\t", ".", ",", "\u00A0", "\u3000", "İ", "ß", "Σ",
        "𝒜", "😀", "\uD800", "\uDC00", "Sam", "SAM", "the", "The", "O'Brien", "--", "''", "\u0345", "ǅ", "\r", "\n", "\r\n",
    ];

    private static readonly Gen<string> Text =
        Gen.Int[0, Pieces.Length - 1].Array[0, 24].Select(picks => string.Concat(Array.ConvertAll(picks, p => Pieces[p])));

    [Fact]
    public void Enumerated_tokens_are_the_string_tokenizer_s_for_both_tokenizers()
    {
        Text.Sample(text =>
        {
            char[] buffer = new char[text.Length + 2];
            foreach (string tokenizer in new[] { SpecWords.Words, SpecWords.Characters, SpecWords.Text })
            {
                var spans = new System.Collections.Generic.List<string>();
                TokenEnumerator tokens = Tokenizer.EnumerateTokens(text, tokenizer);
                while (tokens.MoveNext()) spans.Add(new string(buffer, 0, tokens.CopyCurrent(buffer)));
                Assert.Equal(Reference(text, tokenizer), spans);
                Assert.Equal(Reference(text, tokenizer), Tokenizer.Tokenize(text, tokenizer));
            }
        });
    }

    [Fact]
    public void A_span_lookup_finds_what_the_string_lookup_finds()
    {
        var vocabulary = new Vocabulary(["<UNK>", "sam", "the", "The", "o'brien", "é", "ß", "σ", "i̇"]);
        Text.Sample(text =>
        {
            foreach (string word in Tokenizer.Words(text))
            {
                bool found = vocabulary.TryIndexOf(word.AsSpan(), out int index);
                Assert.Equal(vocabulary.IndexOf(word), index);
                Assert.Equal(vocabulary.Contains(word), found);
                Assert.Equal(found, vocabulary.Tokens.Contains(word) || vocabulary.Tokens.Contains(word.ToLowerInvariant()));
            }
        });
    }

    /// <summary>The tokenizers as they were written before the span forms: runes, a run's start, a trim; each character as it is.</summary>
    private static System.Collections.Generic.List<string> Reference(string text, string tokenizer)
    {
        var tokens = new System.Collections.Generic.List<string>();
        if (tokenizer == SpecWords.Text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
                if (text[i] == '\r') tokens.Add("\n");
                else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) tokens.Add(text.Substring(i++, 2));
                else tokens.Add(text[i].ToString());
            }
            return tokens;
        }
        if (tokenizer == SpecWords.Characters)
        {
            foreach (System.Text.Rune rune in text.EnumerateRunes())
            {
                if (!System.Text.Rune.IsWhiteSpace(rune)) tokens.Add(System.Text.Rune.ToUpperInvariant(rune).ToString());
            }
            return tokens;
        }
        int start = -1, index = 0;
        foreach (System.Text.Rune rune in text.EnumerateRunes())
        {
            bool inWord = System.Text.Rune.IsLetterOrDigit(rune)
                || System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
                || rune.Value is '\'' or '\u2019' or '-' or '\u2010';
            if (inWord && start < 0) start = index;
            if (!inWord && start >= 0)
            {
                Add(text.AsSpan(start, index - start));
                start = -1;
            }
            index += rune.Utf16SequenceLength;
        }
        if (start >= 0) Add(text.AsSpan(start));
        return tokens;

        void Add(ReadOnlySpan<char> run)
        {
            ReadOnlySpan<char> word = run.Trim("'\u2019-\u2010");
            if (!word.IsEmpty) tokens.Add(word.ToString());
        }
    }

    [Fact]
    public void The_joiner_test_holds_exactly_the_joiners()
    {
        for (int c = 0; c <= char.MaxValue; c++) Assert.Equal(Tokenizer.Joiners.Contains((char)c), Tokenizer.IsJoiner((char)c));
    }
}
