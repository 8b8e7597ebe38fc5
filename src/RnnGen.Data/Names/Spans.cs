using System;
using System.Collections.Generic;

namespace RnnGen.Data.Names;

/// <summary>A span of words [<see cref="Start"/>, <see cref="End"/>) of one sentence.</summary>
/// <param name="Start">The first word's 0-based offset.</param>
/// <param name="End">One past the last word.</param>
public readonly record struct WordSpan(int Start, int End)
{
    /// <summary>The number of words.</summary>
    public int Length => End - Start;
}

/// <summary>The spans of a labelled sentence, as a reader of the CoNLL file sees them.</summary>
public static class Spans
{
    /// <summary>
    /// The maximal runs of consecutive words for which <paramref name="inside"/> holds. With the person/O labels of the
    /// files, this is the only way to see spans, so two names next to each other ("Smith, Jones" loses its comma) read as
    /// one span; <see cref="NamesCounts"/> counts spans this way.
    /// </summary>
    public static IReadOnlyList<WordSpan> Of(int count, Func<int, bool> inside)
    {
        ArgumentNullException.ThrowIfNull(inside);
        var spans = new List<WordSpan>();
        int i = 0;
        while (i < count)
        {
            if (!inside(i))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < count && inside(i)) i++;
            spans.Add(new WordSpan(start, i));
        }
        return spans;
    }

    /// <summary>The person spans of a sentence.</summary>
    public static IReadOnlyList<WordSpan> Persons(NameSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return Of(sentence.Count, sentence.IsPerson);
    }

    /// <summary>
    /// The proper-noun runs of a sentence that hold no person word and are not all titles ("Mr." alone, as in "Mr. and
    /// Mrs. Smith"): the candidates of the recall check. A run is a maximal sequence of words whose Brown tags are proper
    /// nouns of any kind (<see cref="BrownTag.IsProperNoun"/>, plurals included).
    /// </summary>
    public static IReadOnlyList<WordSpan> UnlabelledProperNounRuns(NameSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var result = new List<WordSpan>();
        foreach (WordSpan run in Of(sentence.Count, i => BrownTag.IsProperNoun(sentence.Tags[i])))
        {
            bool anyPerson = false;
            bool allTitles = true;
            for (int i = run.Start; i < run.End; i++)
            {
                anyPerson |= sentence.IsPerson(i);
                allTitles &= PersonTitles.IsTitle(sentence.Words[i]);
            }
            if (!anyPerson && !allTitles) result.Add(run);
        }
        return result;
    }
}
