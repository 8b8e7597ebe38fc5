using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>What one step's outputs say in words: the labels that fire (sigmoid) or the chosen class (softmax).</summary>
internal static class OutputMarks
{
    /// <summary>The probability from which a sigmoid output counts as "yes".</summary>
    public const float Threshold = RnnGen.Training.LabelScheme.Threshold;

    /// <summary>
    /// sigmoid: every label whose output is ≥ 0.5, comma-separated (empty when none);
    /// softmax: the label of the largest output; tanh and linear: empty. Outputs without labels are named y0, y1, ….
    /// </summary>
    public static string Mark(RnnModelInfo info, IReadOnlyList<float> outputs) => info.OutputActivation switch
    {
        SpecWords.Sigmoid => string.Join(", ", outputs.Select((v, k) => (v, k)).Where(p => p.v >= Threshold).Select(p => Label(info, p.k))),
        SpecWords.Softmax => Label(info, ArgMax(outputs)),
        _ => "",
    };

    public static string Label(RnnModelInfo info, int k) => k < info.Labels.Count ? info.Labels[k] : "y" + Numbers.Int(k);

    private static int ArgMax(IReadOnlyList<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Count; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
