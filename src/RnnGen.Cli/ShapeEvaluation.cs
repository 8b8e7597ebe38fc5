using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen eval</c> reports for the shapes other than a tagger: a generator's perplexity per symbol (e to the
/// mean negative log-likelihood of each next token), a classifier's accuracy and confusion counts.
/// </summary>
internal static class ShapeEvaluation
{
    /// <summary>The smallest probability a log is taken of, so that a token the model gives 0 costs a finite amount.</summary>
    private const double Floor = 1e-30;

    public static IReadOnlyList<string> Report(IOneHotRnnModel model, string path, ShapeCorpus corpus) =>
        model.Info.Shape == SpecWords.OneToMany ? Perplexity(model, path, corpus) : Accuracy(model, path, corpus);

    private static IReadOnlyList<string> Perplexity(IOneHotRnnModel model, string path, ShapeCorpus corpus)
    {
        int v = model.Info.OutputSize;
        double nll = 0;
        long steps = 0;
        foreach (TrainingSequence s in corpus.Sequences)
        {
            var outputs = new float[s.Length * v];
            model.Forward(s.Tokens.Span, outputs);
            ReadOnlySpan<float> targets = s.Targets.Span;
            for (int t = 0; t < s.Length; t++)
            {
                int next = targets.Slice(t * v, v).IndexOf(1f);
                nll -= Math.Log(Math.Max(outputs[t * v + next], Floor));
                steps++;
            }
        }
        double mean = nll / steps;
        return
        [
            corpus.Summary,
            $"mean negative log-likelihood {Numbers.Fixed4((float)mean)} nats per symbol; perplexity per symbol {Numbers.Fixed4((float)Math.Exp(mean))}",
        ];
    }

    private static IReadOnlyList<string> Accuracy(IOneHotRnnModel model, string path, ShapeCorpus corpus)
    {
        RnnModelInfo info = model.Info;
        int y = info.OutputSize;
        var confusion = new int[y, y];
        int right = 0;
        foreach (TrainingSequence s in corpus.Sequences)
        {
            var output = new float[y];
            model.Forward(s.Tokens.Span, output);
            ReadOnlySpan<float> target = s.Targets.Span.Slice((s.Length - 1) * y, y);
            int truth = TokenSampler.ArgMax(target), guess = TokenSampler.ArgMax(output);
            confusion[truth, guess]++;
            if (truth == guess) right++;
        }
        var lines = new List<string>
        {
            corpus.Summary,
            $"accuracy {Numbers.Fixed4((float)right / corpus.Sequences.Count)} ({Numbers.Int(right)} of {Numbers.Int(corpus.Sequences.Count)}; the largest output against the label)",
            "",
            "confusion (rows: label, columns: output):",
        };
        var header = new List<string> { "" };
        header.AddRange(Enumerable.Range(0, y).Select(k => OutputMarks.Label(info, k)));
        var rows = new List<IReadOnlyList<string>> { header };
        for (int a = 0; a < y; a++)
        {
            var row = new List<string> { OutputMarks.Label(info, a) };
            for (int b = 0; b < y; b++) row.Add(Numbers.Int(confusion[a, b]));
            rows.Add(row);
        }
        lines.AddRange(TextTable.Format(rows, new HashSet<int>(Enumerable.Range(1, y))));
        return lines;
    }
}
