using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>Counts of one label's hits and misses, and the precision, recall and F1 they give (0 where a ratio has no denominator).</summary>
/// <param name="Label">The label, or <c>micro</c> for the sum over the scored labels.</param>
/// <param name="TruePositives">Predicted and gold.</param>
/// <param name="FalsePositives">Predicted, not gold.</param>
/// <param name="FalseNegatives">Gold, not predicted.</param>
public sealed record LabelScore(string Label, long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>The gold count: TP + FN.</summary>
    public long Support => TruePositives + FalseNegatives;

    /// <summary>The predicted count: TP + FP.</summary>
    public long Predicted => TruePositives + FalsePositives;

    /// <summary>TP / (TP + FP), or 0 when nothing was predicted.</summary>
    public double Precision => Predicted == 0 ? 0 : TruePositives / (double)Predicted;

    /// <summary>TP / (TP + FN), or 0 when there is nothing to find.</summary>
    public double Recall => Support == 0 ? 0 : TruePositives / (double)Support;

    /// <summary>The harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN), or 0 when TP = 0.</summary>
    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);
}

/// <summary>Scores per label, and their micro average (counts summed over the labels) and macro average of F1.</summary>
public sealed class ScoreTable
{
    /// <summary>The label of the micro-averaged row.</summary>
    public const string MicroLabel = "micro";

    internal ScoreTable(IReadOnlyList<LabelScore> labels)
    {
        Labels = labels;
        long tp = 0, fp = 0, fn = 0;
        double f1 = 0;
        foreach (LabelScore s in labels)
        {
            tp += s.TruePositives;
            fp += s.FalsePositives;
            fn += s.FalseNegatives;
            f1 += s.F1;
        }
        Micro = new LabelScore(MicroLabel, tp, fp, fn);
        MacroF1 = labels.Count == 0 ? 0 : f1 / labels.Count;
    }

    /// <summary>One row per scored label (every label but a softmax model's <c>O</c>), in output order.</summary>
    public IReadOnlyList<LabelScore> Labels { get; }

    /// <summary>The counts summed over <see cref="Labels"/>.</summary>
    public LabelScore Micro { get; }

    /// <summary>The mean of the labels' F1.</summary>
    public double MacroF1 { get; }
}

/// <summary>How many steps of each gold class were predicted as each class (<see cref="LabelScheme.Classes"/>).</summary>
public sealed class ConfusionTable
{
    private readonly long[,] counts;

    internal ConfusionTable(IReadOnlyList<string> classes, long[,] counts)
    {
        Classes = classes;
        this.counts = counts;
    }

    /// <summary>The classes, in the order of rows and columns.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The number of steps of gold class <paramref name="gold"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="gold">A row: the gold class's index.</param>
    /// <param name="predicted">A column: the predicted class's index.</param>
    public long this[int gold, int predicted] => counts[gold, predicted];
}
