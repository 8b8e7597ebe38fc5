using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Names;

/// <summary>What one split of the names data holds.</summary>
/// <param name="Documents">Brown files.</param>
/// <param name="Sentences">Sentences (with at least one word).</param>
/// <param name="Tokens">Words (CoNLL lines).</param>
/// <param name="PersonTokens">Words labelled person.</param>
/// <param name="Spans">Person spans, as the CoNLL file shows them (<see cref="Spans.Of"/>).</param>
/// <param name="SpansByRule">Person spans by the rule of their first word.</param>
/// <param name="InVocabularyTokens">Words the vocabulary holds (exact or lower-case match, as <see cref="Vocabulary.Contains"/>).</param>
/// <param name="InVocabularyPersonTokens">Person words the vocabulary holds.</param>
public sealed record NamesCounts(
    int Documents, int Sentences, int Tokens, int PersonTokens, int Spans,
    IReadOnlyDictionary<NameRule, int> SpansByRule, int InVocabularyTokens, int InVocabularyPersonTokens)
{
    /// <summary>Counts <paramref name="sentences"/> against <paramref name="vocabulary"/>.</summary>
    public static NamesCounts Of(IReadOnlyList<NameSentence> sentences, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        int tokens = 0, person = 0, spans = 0, inVocabulary = 0, personInVocabulary = 0;
        var byRule = new Dictionary<NameRule, int>();
        foreach (NameSentence s in sentences)
        {
            tokens += s.Count;
            for (int i = 0; i < s.Count; i++)
            {
                bool known = vocabulary.Contains(s.Words[i]);
                if (known) inVocabulary++;
                if (!s.IsPerson(i)) continue;
                person++;
                if (known) personInVocabulary++;
            }
            foreach (WordSpan span in Names.Spans.Persons(s))
            {
                spans++;
                NameRule rule = s.Rules[span.Start];
                byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
            }
        }
        int documents = sentences.Select(s => s.DocumentId).Distinct(StringComparer.Ordinal).Count();
        return new NamesCounts(documents, sentences.Count, tokens, person, spans, byRule, inVocabulary, personInVocabulary);
    }
}
