using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using RnnGen.Data.Names;
using RnnGen.Data.Stats;

namespace RnnGen.Data.Commands;

/// <summary>
/// <c>check --data data/names/train.conll --judgments docs/data/name-rule-check.tsv</c>: the rule's precision and
/// recall estimated from the hand verdicts, with 95 % intervals.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The CoNLL file the sample was drawn from (its .source.tsv beside it).",
            HelpName = "file",
            DefaultValueFactory = _ => "data/names/train.conll",
        };
        var judgments = new Option<string>("--judgments")
        {
            Description = "The hand verdicts: kind, file, sentence, start, end, rule, verdict (tab-separated).",
            HelpName = "file",
            DefaultValueFactory = _ => "docs/data/name-rule-check.tsv",
        };
        var command = new Command("check", "Estimate the labelling rule's precision and recall from hand verdicts on a sample (see sample).")
        {
            data, judgments,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(judgments)));
        return command;
    }

    private static int Run(string dataPath, string judgmentsPath)
    {
        IReadOnlyList<NameSentence> sentences = SourceIndex.ReadFiles(dataPath);
        IReadOnlyList<Judgment> judged = RuleCheck.Parse(File.ReadAllLines(judgmentsPath), judgmentsPath);
        RuleCheck.Verify(judged, sentences);
        RuleCheck.Estimate e = RuleCheck.Evaluate(judged, sentences);
        Console.WriteLine(FormattableString.Invariant($"{dataPath}: {e.LabelledSpans:N0} labelled person spans, {e.UnlabelledRuns:N0} unlabelled proper-noun runs"));
        Console.WriteLine("| measure | judged | estimate | 95 % interval |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        Row("precision (span wholly a person's name)", e.Precision);
        Row("spans wholly or partly a person's name", e.Found);
        Row("unlabelled runs holding a person's name", e.Missed);
        (double r, double low, double high) = e.Recall();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| recall over runs holding a person's name | {e.Found.Trials} + {e.Missed.Trials} | {r:P1} | {low:P1} – {high:P1} (conservative) |"));
        foreach ((NameRule rule, Proportion p) in e.PrecisionByRule) Row($"precision, {NameRuleCodes.Name(rule)} spans", p);
        return 0;
    }

    private static void Row(string what, Proportion p)
    {
        (double low, double high) = p.Wilson();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {p.Successes} / {p.Trials} | {p.Value:P1} | {low:P1} – {high:P1} |"));
    }
}
