using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text;
using RnnGen.Data.Names;

namespace RnnGen.Data.Commands;

/// <summary>
/// <c>sample --data data/names/train.conll --count 120 --seed 1</c>: a seeded random sample of the labelled person spans
/// and of the unlabelled proper-noun runs, each in context, for checking the rule by hand.
/// </summary>
internal static class SampleCommand
{
    private const int ContextWords = 15;

    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "A CoNLL file the names command wrote (its .source.tsv must be beside it).",
            HelpName = "file",
            DefaultValueFactory = _ => "data/names/train.conll",
        };
        var count = new Option<int>("--count") { Description = "How many of each kind to draw.", DefaultValueFactory = _ => 120 };
        var seed = new Option<ulong>("--seed") { Description = "The seed of the draw.", DefaultValueFactory = _ => 1 };
        var command = new Command("sample", "Print a seeded random sample of labelled person spans and of unlabelled proper-noun runs, in context, for hand checking.")
        {
            data, count, seed,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetValue(count), parsed.GetValue(seed)));
        return command;
    }

    private static int Run(string path, int count, ulong seed)
    {
        IReadOnlyList<NameSentence> sentences = SourceIndex.ReadFiles(path);
        var bySentence = sentences.ToDictionary(s => (s.DocumentId, s.SentenceIndex));
        (IReadOnlyList<SampledSpan> labelled, IReadOnlyList<SampledSpan> unlabelled) = SampledSpan.All(sentences);
        var random = new DeterministicRandom(seed);
        IReadOnlyList<SampledSpan> a = SampledSpan.Draw(labelled, count, random);
        IReadOnlyList<SampledSpan> b = SampledSpan.Draw(unlabelled, count, random);
        Console.WriteLine(FormattableString.Invariant(
            $"# {path}: {labelled.Count:N0} labelled person spans, {unlabelled.Count:N0} unlabelled proper-noun runs; {a.Count} + {b.Count} drawn with seed {seed}"));
        Console.WriteLine("# kind\tfile\tsentence\tstart\tend\trule\tcontext (the span in [[ ]]; the first six fields are the check file's identifiers)");
        foreach (SampledSpan span in a.Concat(b))
        {
            Console.WriteLine(span.Fields + "\t" + Context(bySentence[(span.DocumentId, span.SentenceIndex)], span));
        }
        return 0;
    }

    private static string Context(NameSentence sentence, SampledSpan span)
    {
        int from = Math.Max(0, span.Start - ContextWords);
        int to = Math.Min(sentence.Count, span.End + ContextWords);
        var text = new StringBuilder();
        if (from > 0) text.Append("... ");
        for (int i = from; i < to; i++)
        {
            if (i == span.Start) text.Append("[[");
            text.Append(sentence.Words[i]);
            if (i == span.End - 1) text.Append("]]");
            if (i < to - 1) text.Append(' ');
        }
        if (to < sentence.Count) text.Append(" ...");
        return text.ToString();
    }
}
