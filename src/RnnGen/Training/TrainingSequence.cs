using System;

namespace RnnGen.Training;

/// <summary>
/// One sequence to train or evaluate on: its inputs (token indices for a one-hot model, x&lt;t&gt; values for a dense
/// one), a target for each step, and optionally how much each step's loss counts.
/// </summary>
/// <remarks>The arrays are held, not copied: do not change them while a trainer or an evaluation reads them.</remarks>
public sealed class TrainingSequence
{
    private TrainingSequence(int length, int inputSize, int[] tokens, float[] inputs, float[] targets, float[] stepWeights)
    {
        Length = length;
        InputSize = inputSize;
        Tokens = tokens;
        Inputs = inputs;
        Targets = targets;
        StepWeights = stepWeights;
        OutputSize = length == 0 ? 0 : targets.Length / length;
        double weight = 0;
        foreach (float w in stepWeights) weight += w;
        Weight = stepWeights.Length == 0 ? length : weight;
    }

    /// <summary>The number of steps T.</summary>
    public int Length { get; }

    /// <summary>A one-hot sequence's token indices (T of them), or empty for a dense one.</summary>
    public ReadOnlyMemory<int> Tokens { get; }

    /// <summary>A dense sequence's inputs (T × <see cref="InputSize"/> values, x&lt;1&gt; first), or empty for a one-hot one.</summary>
    public ReadOnlyMemory<float> Inputs { get; }

    /// <summary>A dense sequence's values per step, or 0 for a one-hot one.</summary>
    public int InputSize { get; }

    /// <summary>T × <see cref="OutputSize"/> target values, ŷ&lt;1&gt;'s first.</summary>
    public ReadOnlyMemory<float> Targets { get; }

    /// <summary>The number of target values per step.</summary>
    public int OutputSize { get; }

    /// <summary>Each step's weight in the loss (T values, 0: not scored), or empty: every step counts 1.</summary>
    public ReadOnlyMemory<float> StepWeights { get; }

    /// <summary>The sum of the step weights: the number of scored steps when every weight is 0 or 1.</summary>
    public double Weight { get; }

    /// <summary>A sequence for a one-hot model.</summary>
    /// <param name="tokens">The token indices, at least one.</param>
    /// <param name="targets">The same number of target values for every step: <c>tokens.Length × OutputSize</c>.</param>
    /// <param name="stepWeights">One finite, non-negative weight per step, or <see langword="null"/> for all 1.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a weight is negative or not finite.</exception>
    public static TrainingSequence OneHot(int[] tokens, float[] targets, float[]? stepWeights = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(targets);
        CheckShape(tokens.Length, targets, stepWeights);
        return new TrainingSequence(tokens.Length, 0, tokens, [], targets, stepWeights ?? []);
    }

    /// <summary>A sequence for a dense model.</summary>
    /// <param name="inputs">T × <paramref name="inputSize"/> values, x&lt;1&gt; first; at least one step.</param>
    /// <param name="inputSize">The model's input size, at least 1.</param>
    /// <param name="targets">The same number of target values for every step.</param>
    /// <param name="stepWeights">One finite, non-negative weight per step, or <see langword="null"/> for all 1.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a weight is negative or not finite.</exception>
    public static TrainingSequence Dense(float[] inputs, int inputSize, float[] targets, float[]? stepWeights = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        if (inputs.Length % inputSize != 0)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"{inputs.Length} input values are not a whole number of steps of {inputSize}."), nameof(inputs));
        }
        int length = inputs.Length / inputSize;
        CheckShape(length, targets, stepWeights);
        return new TrainingSequence(length, inputSize, [], inputs, targets, stepWeights ?? []);
    }

    /// <summary>
    /// A generator's (shape <c>one-to-many</c>) sequence: each token is the input of a step and the target of the step
    /// before it, so the loss is the next token's: x&lt;t&gt; = tokens[t - 1], the target of step t the one-hot
    /// tokens[t] (T = tokens.Length - 1 steps).
    /// </summary>
    /// <param name="tokens">The token indices, at least two (wrap a sequence in &lt;EOS&gt; to learn how it starts and ends).</param>
    /// <param name="vocabularySize">The model's input (and output) size.</param>
    /// <exception cref="ArgumentException">Fewer than two tokens, or a token outside [0, <paramref name="vocabularySize"/>).</exception>
    public static TrainingSequence NextTokens(int[] tokens, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        if (tokens.Length < 2) throw new ArgumentException("A next-token sequence needs at least two tokens: an input and its successor.", nameof(tokens));
        int steps = tokens.Length - 1;
        var targets = new float[steps * vocabularySize];
        for (int t = 0; t < tokens.Length; t++)
        {
            if ((uint)tokens[t] >= (uint)vocabularySize)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Token {t} is {tokens[t]}, outside the vocabulary's {vocabularySize} indices."), nameof(tokens));
            }
            if (t > 0) targets[(t - 1) * vocabularySize + tokens[t]] = 1f;
        }
        return OneHot(tokens[..steps], targets);
    }

    /// <summary>
    /// A classifier's (shape <c>many-to-one</c>) one-hot sequence: only the last step is scored, against
    /// <paramref name="target"/> (the other steps have weight 0).
    /// </summary>
    /// <param name="tokens">The token indices, at least one.</param>
    /// <param name="target">ŷ's target after the last token (OutputSize values, e.g. a one-hot class).</param>
    /// <exception cref="ArgumentException">No token, or no target value.</exception>
    public static TrainingSequence OneHotLastStep(int[] tokens, float[] target)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(target);
        (float[] targets, float[] weights) = LastStepOnly(tokens.Length, target);
        return OneHot(tokens, targets, weights);
    }

    /// <summary>A classifier's dense sequence: only the last step is scored, against <paramref name="target"/>.</summary>
    /// <param name="inputs">T × <paramref name="inputSize"/> values, x&lt;1&gt; first; at least one step.</param>
    /// <param name="inputSize">The model's input size, at least 1.</param>
    /// <param name="target">ŷ's target after the last step (OutputSize values).</param>
    /// <exception cref="ArgumentException">No step, a partial step, or no target value.</exception>
    public static TrainingSequence DenseLastStep(float[] inputs, int inputSize, float[] target)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        (float[] targets, float[] weights) = LastStepOnly(inputs.Length / inputSize, target);
        return Dense(inputs, inputSize, targets, weights);
    }

    /// <summary>Targets of T steps that are 0 but the last (<paramref name="target"/>), and weights 0 but the last (1).</summary>
    private static (float[] Targets, float[] Weights) LastStepOnly(int length, float[] target)
    {
        if (target.Length == 0) throw new ArgumentException("The target needs at least one value.", nameof(target));
        if (length == 0) throw new ArgumentException("A sequence needs at least one step.", nameof(target));
        var targets = new float[length * target.Length];
        target.CopyTo(targets, (length - 1) * target.Length);
        var weights = new float[length];
        weights[^1] = 1f;
        return (targets, weights);
    }

    private static void CheckShape(int length, float[] targets, float[]? stepWeights)
    {
        if (length == 0) throw new ArgumentException("A sequence needs at least one step.", nameof(targets));
        if (targets.Length == 0 || targets.Length % length != 0)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"{targets.Length} target values are not the same positive number for each of {length} steps."), nameof(targets));
        }
        if (stepWeights is null) return;
        if (stepWeights.Length != length)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"{stepWeights.Length} step weights for {length} steps."), nameof(stepWeights));
        }
        foreach (float w in stepWeights)
        {
            if (!float.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"The step weight {w} is not a finite number of at least 0."), nameof(stepWeights));
            }
        }
    }
}
