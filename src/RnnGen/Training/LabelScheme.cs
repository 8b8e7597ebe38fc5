using System;
using System.Collections.Generic;
using System.Globalization;

namespace RnnGen.Training;

/// <summary>
/// What a tagging model's outputs mean as labels, for reading labelled data and for scoring: each sigmoid output is a
/// label of its own, on at ≥ 0.5 (label <c>O</c> is none on); a softmax model's outputs are classes, the largest one
/// chosen, and a class named <c>O</c>, if there is one, is "outside" (not a label of interest, never a span).
/// Only sigmoid and softmax outputs are labels; tanh and linear outputs are values.
/// </summary>
public sealed class LabelScheme
{
    /// <summary>The label of a step that is none of the labels: every sigmoid output 0, or a softmax model's outside class.</summary>
    public const string Outside = "O";

    /// <summary>The value from which a sigmoid output counts as on (as <c>rnngen tag</c> marks a label).</summary>
    public const float Threshold = 0.5f;

    private readonly Dictionary<string, int> indices;

    private LabelScheme(IReadOnlyList<string> labels, bool exclusive)
    {
        Labels = labels;
        Exclusive = exclusive;
        indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < labels.Count; k++) indices.TryAdd(labels[k], k);
        OutsideIndex = exclusive && indices.TryGetValue(Outside, out int outside) ? outside : -1;
        var positive = new List<int>();
        for (int k = 0; k < labels.Count; k++) if (k != OutsideIndex) positive.Add(k);
        Positive = positive;
        var classes = new List<string>();
        if (!exclusive) classes.Add(Outside);
        classes.AddRange(labels);
        Classes = classes;
    }

    /// <summary>One name per output: the spec's labels, or <c>y0</c>, <c>y1</c>, … when it has none.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Softmax: exactly one class per step. Sigmoid: each label on or off by itself.</summary>
    public bool Exclusive { get; }

    /// <summary>The index of a softmax model's class <c>O</c>, or −1 (always −1 for sigmoid, whose <c>O</c> is no output).</summary>
    public int OutsideIndex { get; }

    /// <summary>The labels that are scored and form spans: every label but the outside class.</summary>
    public IReadOnlyList<int> Positive { get; }

    /// <summary>
    /// The rows and columns of a confusion table: sigmoid: <c>O</c>, then the labels; softmax: the classes.
    /// <see cref="ClassOf"/> gives a step's index in this list.
    /// </summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Whether <paramref name="info"/>'s outputs are labels (sigmoid or softmax).</summary>
    /// <param name="info">A model.</param>
    /// <returns><see langword="true"/> for sigmoid and softmax outputs.</returns>
    public static bool Supports(RnnModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.OutputActivation is SpecWords.Sigmoid or SpecWords.Softmax;
    }

    /// <summary>The labels of <paramref name="info"/>'s outputs.</summary>
    /// <param name="info">A model with sigmoid or softmax outputs.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">The outputs are tanh or linear, which are values, not labels.</exception>
    public static LabelScheme For(RnnModelInfo info)
    {
        if (!Supports(info))
        {
            throw new ArgumentException(
                $"Model '{info.Key}' has {info.OutputActivation} outputs, which are values, not labels; labels need sigmoid or softmax outputs.", nameof(info));
        }
        var labels = new string[info.OutputSize];
        for (int k = 0; k < labels.Length; k++) labels[k] = k < info.Labels.Count ? info.Labels[k] : "y" + k.ToString(CultureInfo.InvariantCulture);
        return new LabelScheme(labels, info.OutputActivation == SpecWords.Softmax);
    }

    /// <summary>
    /// Writes the target of a step labelled <paramref name="label"/> into <paramref name="target"/> (one value per output):
    /// sigmoid: 1 for the label's output and 0 for the others, all 0 for <c>O</c>; softmax: the label's one-hot.
    /// </summary>
    /// <param name="label">A label, compared ordinally.</param>
    /// <param name="target">Exactly one value per output.</param>
    /// <returns><see langword="false"/> (and <paramref name="target"/> untouched) when the model has no such label.</returns>
    public bool TryEncode(string label, Span<float> target)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (target.Length != Labels.Count)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The target holds {target.Length} values for {Labels.Count} outputs."), nameof(target));
        }
        if (indices.TryGetValue(label, out int k))
        {
            target.Clear();
            target[k] = 1f;
            return true;
        }
        if (!Exclusive && label == Outside)
        {
            target.Clear();
            return true;
        }
        return false;
    }

    /// <summary>Whether label <paramref name="label"/> is on in one step's values: ≥ 0.5 (sigmoid), or the largest (softmax).</summary>
    /// <param name="values">One step's outputs (or targets).</param>
    /// <param name="label">An output's index.</param>
    /// <returns>Whether the step has the label.</returns>
    public bool IsOn(ReadOnlySpan<float> values, int label) =>
        Exclusive ? ArgMax(values) == label : values[label] >= Threshold;

    /// <summary>
    /// A step's one class, as an index into <see cref="Classes"/>: softmax: the largest output (the first of equals);
    /// sigmoid: the largest output at ≥ 0.5 (its index + 1), or 0 (<c>O</c>) when none is.
    /// </summary>
    /// <param name="values">One step's outputs (or targets).</param>
    /// <returns>An index into <see cref="Classes"/>.</returns>
    public int ClassOf(ReadOnlySpan<float> values)
    {
        int best = ArgMax(values);
        if (Exclusive) return best;
        return values[best] >= Threshold ? best + 1 : 0;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
