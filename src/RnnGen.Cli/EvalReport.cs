using System.Collections.Generic;
using System.Linq;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen eval</c> prints: the data read, then four tables (token-level scores per label, span-level scores per
/// label, the confusion count, token-level scores of in-vocabulary and <c>&lt;UNK&gt;</c> tokens) and the accuracy.
/// Ratios have four decimals; a ratio without a denominator is 0.0000.
/// </summary>
internal static class EvalReport
{
    public static IReadOnlyList<string> Format(string path, TaggedCorpus corpus, TaggingEvaluation scores)
    {
        LabelScheme scheme = corpus.Labels;
        var lines = new List<string> { TaggingData.Summary(path, corpus), "" };

        lines.Add(scheme.Exclusive
            ? "Tokens (a step has the label of its largest output)"
            : $"Tokens (a step has every label whose output is ≥ {Numbers.Short(LabelScheme.Threshold)})");
        lines.AddRange(Scores(scores.Tokens, "SUPPORT"));
        lines.Add("");
        lines.Add("Spans (maximal runs of steps with the same label; a predicted span counts if a gold one has its label, start and end)");
        lines.AddRange(Scores(scores.Spans, "SPANS"));
        lines.Add("");
        lines.Add("Confusion (steps; rows: gold, columns: predicted)");
        lines.AddRange(Confusion(scores.Confusion));
        lines.Add("");
        lines.Add($"Tokens in the vocabulary and {Vocabulary.Unknown} ({Numbers.Size(scores.UnknownSteps)} of {Numbers.Size(scores.Steps)} steps are {Vocabulary.Unknown})");
        lines.AddRange(Split(scores));
        lines.Add("");
        lines.Add($"accuracy {Numbers.Fixed4((float)scores.Accuracy)} (the step's class, {Numbers.Size(scores.Steps)} steps)");
        return lines;
    }

    private static IEnumerable<string> Scores(ScoreTable table, string support)
    {
        var rows = new List<IReadOnlyList<string>> { new[] { "LABEL", "PRECISION", "RECALL", "F1", support, "TP", "FP", "FN" } };
        rows.AddRange(table.Labels.Select(Row));
        if (table.Labels.Count > 1)
        {
            rows.Add(Row(table.Micro));
            rows.Add(["macro", "", "", Numbers.Fixed4((float)table.MacroF1), "", "", "", ""]);
        }
        return TextTable.Format(rows, new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });

        static IReadOnlyList<string> Row(LabelScore s) =>
        [
            s.Label, Numbers.Fixed4((float)s.Precision), Numbers.Fixed4((float)s.Recall), Numbers.Fixed4((float)s.F1),
            Numbers.Size(s.Support), Numbers.Size(s.TruePositives), Numbers.Size(s.FalsePositives), Numbers.Size(s.FalseNegatives),
        ];
    }

    private static IEnumerable<string> Confusion(ConfusionTable table)
    {
        int n = table.Classes.Count;
        var rows = new List<IReadOnlyList<string>> { new[] { "GOLD \\ PREDICTED" }.Concat(table.Classes).ToArray() };
        for (int g = 0; g < n; g++)
        {
            rows.Add(new[] { table.Classes[g] }.Concat(Enumerable.Range(0, n).Select(p => Numbers.Size(table[g, p]))).ToArray());
        }
        return TextTable.Format(rows, new HashSet<int>(Enumerable.Range(1, n)));
    }

    private static IEnumerable<string> Split(TaggingEvaluation scores)
    {
        var rows = new List<IReadOnlyList<string>> { new[] { "LABEL", "TOKENS", "PRECISION", "RECALL", "F1", "SUPPORT", "TP", "FP", "FN" } };
        for (int i = 0; i < scores.Tokens.Labels.Count; i++)
        {
            rows.Add(Row(scores.InVocabulary!.Labels[i], "in vocabulary"));
            rows.Add(Row(scores.OutOfVocabulary!.Labels[i], Vocabulary.Unknown));
        }
        return TextTable.Format(rows, new HashSet<int> { 2, 3, 4, 5, 6, 7, 8 });

        static IReadOnlyList<string> Row(LabelScore s, string set) =>
        [
            s.Label, set, Numbers.Fixed4((float)s.Precision), Numbers.Fixed4((float)s.Recall), Numbers.Fixed4((float)s.F1),
            Numbers.Size(s.Support), Numbers.Size(s.TruePositives), Numbers.Size(s.FalsePositives), Numbers.Size(s.FalseNegatives),
        ];
    }
}
