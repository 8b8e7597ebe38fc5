using System;

namespace RnnGen.Cli;

/// <summary>What one step's outputs say in words: the labels that fire (sigmoid) or the chosen class (softmax).</summary>
internal static class OutputMarks
{
    /// <summary>The probability from which a sigmoid output counts as "yes".</summary>
    public const float Threshold = RnnGen.Training.LabelScheme.Threshold;

    /// <summary>
    /// Appends what the outputs mean. sigmoid: every label whose output is ≥ 0.5, comma-separated (nothing when none);
    /// softmax: the label of the largest output; tanh and linear: nothing. <paramref name="labels"/> are
    /// <see cref="Labels"/>' names.
    /// </summary>
    public static void Append(RnnModelInfo info, string[] labels, ReadOnlySpan<float> outputs, CharBuffer text)
    {
        switch (info.OutputActivation)
        {
            case SpecWords.Sigmoid:
                bool first = true;
                for (int k = 0; k < outputs.Length; k++)
                {
                    if (!(outputs[k] >= Threshold)) continue;
                    if (!first) text.Append(", ");
                    text.Append(labels[k]);
                    first = false;
                }
                break;
            case SpecWords.Softmax:
                text.Append(labels[ArgMax(outputs)]);
                break;
        }
    }

    /// <summary><see cref="Append"/> as a string, for one step's outputs.</summary>
    public static string Mark(RnnModelInfo info, ReadOnlySpan<float> outputs)
    {
        var text = new CharBuffer(64);
        Append(info, Labels(info), outputs, text);
        return text.Written.ToString();
    }

    /// <summary>The name of output <paramref name="k"/>: its label, or y0, y1, … for an output without one.</summary>
    public static string Label(RnnModelInfo info, int k) => k < info.Labels.Count ? info.Labels[k] : "y" + Numbers.Int(k);

    /// <summary>The name of every output (<see cref="Label"/>).</summary>
    public static string[] Labels(RnnModelInfo info)
    {
        var names = new string[info.OutputSize];
        for (int k = 0; k < names.Length; k++) names[k] = Label(info, k);
        return names;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
