using System;
using System.Collections.Generic;

namespace RnnGen.Data.Conll;

/// <summary>One sequence of a CoNLL file: its tokens and one label per token.</summary>
public sealed record ConllSentence
{
    /// <summary>Creates a sentence; <paramref name="tokens"/> and <paramref name="labels"/> have the same length, at least 1.</summary>
    /// <exception cref="ArgumentException">The lengths differ, the sentence is empty, or a token or label is not writable as CoNLL.</exception>
    public ConllSentence(IReadOnlyList<string> tokens, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(labels);
        if (tokens.Count != labels.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"{tokens.Count} tokens but {labels.Count} labels."), nameof(labels));
        }
        if (tokens.Count == 0) throw new ArgumentException("A CoNLL sentence has at least one token.", nameof(tokens));
        for (int i = 0; i < tokens.Count; i++)
        {
            ConllFormat.CheckField(tokens[i], "token");
            ConllFormat.CheckField(labels[i], "label");
        }
        Tokens = tokens;
        Labels = labels;
    }

    /// <summary>The tokens, in order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The label of each token.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The number of tokens.</summary>
    public int Count => Tokens.Count;
}
