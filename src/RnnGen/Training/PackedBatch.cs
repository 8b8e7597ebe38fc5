using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>
/// A batch of sequences packed one after another into reused buffers, and cut into parts of a fixed number of
/// sequences, each handed to <see cref="ITrainingProgram.Backward"/> as a <see cref="SequenceBatch"/> of its own.
/// </summary>
internal sealed class PackedBatch(int partSize)
{
    private int[] tokens = [];
    private float[] inputs = [];
    private float[] targets = [];
    private float[] weights = [];
    private int[] lengths = [];
    private int[] starts = [0]; // step at which each sequence starts, and the batch's end
    private bool weighted;
    private int inputSize;
    private int outputSize;

    /// <summary>The number of sequences packed.</summary>
    public int Count { get; private set; }

    /// <summary>The number of steps packed.</summary>
    public int Steps => starts[Count];

    /// <summary>The sum of the step weights: the denominator of the batch's mean loss.</summary>
    public double Weight { get; private set; }

    /// <summary>The number of parts: ⌈Count / partSize⌉.</summary>
    public int Parts => (Count + partSize - 1) / partSize;

    /// <summary>Packs <c>data[indices[0]]</c>, <c>data[indices[1]]</c>, … in that order.</summary>
    public void Pack(IReadOnlyList<TrainingSequence> data, ReadOnlySpan<int> indices)
    {
        Count = indices.Length;
        Grow(ref lengths, Count);
        Grow(ref starts, Count + 1);
        int steps = 0;
        weighted = false;
        for (int i = 0; i < Count; i++)
        {
            TrainingSequence s = data[indices[i]];
            lengths[i] = s.Length;
            starts[i] = steps;
            steps += s.Length;
            weighted |= !s.StepWeights.IsEmpty;
        }
        starts[Count] = steps;
        TrainingSequence first = data[indices[0]];
        inputSize = first.InputSize;
        outputSize = first.OutputSize;
        bool oneHot = !first.Tokens.IsEmpty;
        if (oneHot) Grow(ref tokens, steps);
        else Grow(ref inputs, steps * inputSize);
        Grow(ref targets, steps * outputSize);
        if (weighted) Grow(ref weights, steps);

        double weight = 0;
        for (int i = 0; i < Count; i++)
        {
            TrainingSequence s = data[indices[i]];
            int at = starts[i];
            if (oneHot) s.Tokens.Span.CopyTo(tokens.AsSpan(at));
            else s.Inputs.Span.CopyTo(inputs.AsSpan(at * inputSize));
            s.Targets.Span.CopyTo(targets.AsSpan(at * outputSize));
            if (weighted)
            {
                if (s.StepWeights.IsEmpty) weights.AsSpan(at, s.Length).Fill(1f);
                else s.StepWeights.Span.CopyTo(weights.AsSpan(at));
            }
            weight += s.Weight;
        }
        Weight = weight;
    }

    /// <summary>Part <paramref name="part"/>: sequences [part·partSize, (part + 1)·partSize) of the batch.</summary>
    public SequenceBatch Part(int part)
    {
        int first = part * partSize;
        int end = Math.Min(Count, first + partSize);
        int from = starts[first], to = starts[end];
        int steps = to - from;
        return new SequenceBatch(
            tokens.Length == 0 ? default : tokens.AsSpan(from, steps),
            inputs.Length == 0 ? default : inputs.AsSpan(from * inputSize, steps * inputSize),
            lengths.AsSpan(first, end - first),
            targets.AsSpan(from * outputSize, steps * outputSize),
            weighted ? weights.AsSpan(from, steps) : default);
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[Math.Max(length, buffer.Length * 2)];
    }
}
