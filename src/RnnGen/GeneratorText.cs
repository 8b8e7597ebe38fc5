using System;
using System.Collections.Generic;
using System.Text;

namespace RnnGen;

/// <summary>Text in and out of a generator (shape <c>one-to-many</c>): its prime from text, its tokens back to text.</summary>
public static class GeneratorText
{
    /// <summary>
    /// The tokens a generation starts from: <paramref name="prime"/> tokenized and looked up, or, when it has no
    /// token, the vocabulary's <c>&lt;EOS&gt;</c> (a generator trained on sequences wrapped in it starts there).
    /// </summary>
    /// <param name="model">A generator with a vocabulary.</param>
    /// <param name="prime">Any text, or the empty string.</param>
    /// <returns>At least one token index.</returns>
    /// <exception cref="ArgumentException">The model has no vocabulary, or the prime is empty and the vocabulary has no &lt;EOS&gt;.</exception>
    public static int[] Prime(IOneHotGenerator model, string prime)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prime);
        Vocabulary vocabulary = model.Vocabulary ?? throw new ArgumentException(
            $"{model.Info.Name} has no vocabulary, so it cannot read text; give it token indices.", nameof(model));
        IReadOnlyList<string> words = Tokenizer.Tokenize(prime, model.Info.Tokenizer);
        if (words.Count > 0) return vocabulary.Encode(words);
        if (!vocabulary.Contains(SpecWords.EndOfSequence))
        {
            throw new ArgumentException(
                $"{model.Info.Name} needs a prime to start from: its vocabulary has no {SpecWords.EndOfSequence} to start an empty one.", nameof(prime));
        }
        return [vocabulary.IndexOf(SpecWords.EndOfSequence)];
    }

    /// <summary>
    /// The text of <paramref name="tokens"/>: the tokens one after another (with <c>characters</c> and <c>text</c>
    /// tokenizers) or separated by spaces (<c>words</c>).
    /// </summary>
    /// <param name="vocabulary">The model's vocabulary.</param>
    /// <param name="tokens">Token indices of the vocabulary.</param>
    /// <param name="tokenizer">The model's tokenizer (its <see cref="RnnModelInfo.Tokenizer"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A token is not an index of the vocabulary.</exception>
    public static string Decode(Vocabulary vocabulary, ReadOnlySpan<int> tokens, string tokenizer)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var text = new StringBuilder();
        AppendDecoded(text, vocabulary, tokens, tokenizer, atStart: true);
        return text.ToString();
    }

    /// <summary>Appends the text of <paramref name="tokens"/> (see <see cref="Decode"/>), for output written piece by piece.</summary>
    /// <param name="text">Where the text goes.</param>
    /// <param name="vocabulary">The model's vocabulary.</param>
    /// <param name="tokens">Token indices of the vocabulary.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="atStart">Whether nothing precedes these tokens (then a word needs no space before it).</param>
    /// <exception cref="ArgumentOutOfRangeException">A token is not an index of the vocabulary.</exception>
    public static void AppendDecoded(StringBuilder text, Vocabulary vocabulary, ReadOnlySpan<int> tokens, string tokenizer, bool atStart)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vocabulary);
        bool spaced = tokenizer == SpecWords.Words;
        for (int i = 0; i < tokens.Length; i++)
        {
            int token = tokens[i];
            if ((uint)token >= (uint)vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token,
                    FormattableString.Invariant($"Token {i} is {token}, not an index of the vocabulary's {vocabulary.Count} tokens."));
            }
            if (spaced && !(atStart && i == 0)) text.Append(' ');
            text.Append(vocabulary[token]);
        }
    }
}
