using System;
using System.Collections.Generic;
using RnnGen.Data.Conll;

namespace RnnGen.Data.Names;

/// <summary>
/// One Brown sentence as the names data holds it: the words <see cref="Tokenizer.Words"/> makes of its tokens, each
/// with the rule that labelled it (or none), the index of the Brown token it came from and that token's tag.
/// </summary>
/// <param name="DocumentId">The Brown file (<c>ca01</c>).</param>
/// <param name="SentenceIndex">The sentence's 0-based index among the file's non-blank lines.</param>
/// <param name="Words">The words, as the corpus spells them.</param>
/// <param name="Rules">For each word, the part of the rule that made it <c>person</c>, or <see cref="NameRule.None"/>.</param>
/// <param name="TokenIndices">For each word, the 0-based index of its Brown token in the sentence.</param>
/// <param name="Tags">For each word, its Brown token's tag.</param>
public sealed record NameSentence(
    string DocumentId,
    int SentenceIndex,
    IReadOnlyList<string> Words,
    IReadOnlyList<NameRule> Rules,
    IReadOnlyList<int> TokenIndices,
    IReadOnlyList<string> Tags)
{
    /// <summary>The number of words.</summary>
    public int Count => Words.Count;

    /// <summary>Whether word <paramref name="i"/> is part of a person's name.</summary>
    public bool IsPerson(int i) => Rules[i] != NameRule.None;

    /// <summary>The sentence as CoNLL: each word with <c>person</c> or <c>O</c>.</summary>
    public ConllSentence ToConll()
    {
        var labels = new string[Count];
        for (int i = 0; i < Count; i++) labels[i] = IsPerson(i) ? Labels.Person : Labels.Outside;
        return new ConllSentence(Words, labels);
    }

    /// <summary>
    /// Tokenises a labelled Brown sentence: each token's word goes through <see cref="Tokenizer.Words"/>, which drops
    /// punctuation tokens (<c>./.</c>, <c>``/``</c>) and splits a token such as "and/or" in two, and every word it gives
    /// takes its token's label. Joining the tokens with spaces and tokenising the line gives the same words, so the
    /// file holds what a generated model's <c>Tokenize</c> makes of the sentence's text. Returns null when no word is left.
    /// </summary>
    public static NameSentence? From(string documentId, int sentenceIndex, IReadOnlyList<BrownToken> tokens, IReadOnlyList<NameRule> rules)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(rules);
        if (tokens.Count != rules.Count) throw new ArgumentException("One rule per token.", nameof(rules));
        var words = new List<string>(tokens.Count);
        var wordRules = new List<NameRule>(tokens.Count);
        var indices = new List<int>(tokens.Count);
        var tags = new List<string>(tokens.Count);
        for (int t = 0; t < tokens.Count; t++)
        {
            foreach (string word in Tokenizer.Words(tokens[t].Word))
            {
                words.Add(word);
                wordRules.Add(rules[t]);
                indices.Add(t);
                tags.Add(tokens[t].Tag);
            }
        }
        return words.Count == 0 ? null : new NameSentence(documentId, sentenceIndex, words, wordRules, indices, tags);
    }
}
