using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Names;

/// <summary>What a sampled span is: a labelled person span, or an unlabelled proper-noun run.</summary>
public enum SpanKind
{
    /// <summary>A person span the rule labelled (the precision check).</summary>
    Labelled,

    /// <summary>A proper-noun run the rule did not label (the recall check).</summary>
    Unlabelled,
}

/// <summary>
/// A span by its identifiers alone (no corpus text): the Brown file, the sentence's index in it, the words
/// [<see cref="Start"/>, <see cref="End"/>) of the sentence as the CoNLL file holds it, and the rule that labelled it.
/// </summary>
public sealed record SampledSpan(SpanKind Kind, string DocumentId, int SentenceIndex, int Start, int End, NameRule Rule)
{
    /// <summary>The kind's name in the files: labelled, unlabelled.</summary>
    public static string KindName(SpanKind kind) => kind == SpanKind.Labelled ? "labelled" : "unlabelled";

    /// <summary>The identifier fields: kind, file, sentence, start, end, rule (tab-separated).</summary>
    public string Fields => FormattableString.Invariant($"{KindName(Kind)}\t{DocumentId}\t{SentenceIndex}\t{Start}\t{End}\t{NameRuleCodes.Name(Rule)}");

    /// <summary>Every labelled span and every unlabelled run of <paramref name="sentences"/>, in file order.</summary>
    public static (IReadOnlyList<SampledSpan> Labelled, IReadOnlyList<SampledSpan> Unlabelled) All(IReadOnlyList<NameSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var labelled = new List<SampledSpan>();
        var unlabelled = new List<SampledSpan>();
        foreach (NameSentence s in sentences)
        {
            labelled.AddRange(Spans.Persons(s).Select(span =>
                new SampledSpan(SpanKind.Labelled, s.DocumentId, s.SentenceIndex, span.Start, span.End, s.Rules[span.Start])));
            unlabelled.AddRange(Spans.UnlabelledProperNounRuns(s).Select(span =>
                new SampledSpan(SpanKind.Unlabelled, s.DocumentId, s.SentenceIndex, span.Start, span.End, NameRule.None)));
        }
        return (labelled, unlabelled);
    }

    /// <summary>
    /// <paramref name="count"/> of <paramref name="items"/> (all of them if fewer) drawn uniformly without replacement by a
    /// partial Fisher-Yates shuffle driven by <paramref name="random"/>, in the order drawn.
    /// </summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> items, int count, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pool = items.ToArray();
        int take = Math.Min(count, pool.Length);
        for (int i = 0; i < take; i++)
        {
            int j = i + random.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..take];
    }
}
