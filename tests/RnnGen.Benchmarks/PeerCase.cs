using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Onnx;
using RnnGen.Reference;

namespace RnnGen.Benchmarks;

/// <summary>
/// One configuration of the peers benchmark: a generated model (cell, a; one-hot over 10,000, y = 1 sigmoid) with
/// PyTorch-style seeded random weights, one sentence of <see cref="Length"/> tokens and a batch of
/// <see cref="Batch"/> such sentences, and every peer built from the same tensors: the expert kernel (where one exists
/// for the size), the exported ONNX model, the MathNet reference. PeerModels.cs holds the typed halves.
/// </summary>
internal abstract class PeerCase
{
    /// <summary>Tokens in a sentence.</summary>
    public const int Length = 20;

    /// <summary>Sentences in a batch.</summary>
    public const int Batch = 64;

    protected PeerCase(RnnModelInfo info)
    {
        Info = info;
        Tensors = RandomWeights.Create(info.Tensors, info.HiddenSize, 1);
        File = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(Tensors), "seeded");
        var random = new DeterministicRandom(20261202);
        Tokens = Enumerable.Range(0, Length).Select(_ => random.NextInt(info.InputSize)).ToArray();
        BatchTokens = Enumerable.Range(0, Length * Batch).Select(_ => random.NextInt(info.InputSize)).ToArray();
    }

    public RnnModelInfo Info { get; }

    /// <summary>The weights, in <see cref="RnnModelInfo.Tensors"/> order.</summary>
    public IReadOnlyList<Tensor> Tensors { get; }

    protected SafeTensorsFile File { get; }

    /// <summary>The sentence: <see cref="Length"/> token ids.</summary>
    public int[] Tokens { get; }

    /// <summary>The batch, one sentence after another (ForwardBatch's layout).</summary>
    public int[] BatchTokens { get; }

    /// <summary>Every sentence's length.</summary>
    public int[] Lengths { get; } = Enumerable.Repeat(Length, Batch).ToArray();

    /// <summary><c>rnn-100</c>.</summary>
    public string Key => $"{Info.Cell}-{Info.HiddenSize}";

    /// <summary>Step over the sentence from the zero state, the state carried; the sum of the outputs.</summary>
    public abstract float Step();

    /// <summary>Forward over the sentence into a span.</summary>
    public abstract float Forward();

    /// <summary>ForwardBatch over the batch.</summary>
    public abstract float ForwardBatch();

    /// <summary>The sentence's outputs, for the checks.</summary>
    public abstract float[] Outputs();

    /// <summary>The batch's outputs, one sentence after another, for the checks.</summary>
    public abstract float[] BatchOutputs();

    private float[] T(string name) => Tensors.Single(t => t.Name == name).Data;

    /// <summary>
    /// The existing expert SIMD kernel of this cell and size, as a runner of the sentence from the zero state, or
    /// null when there is none: the Elman expert is written for a = 100, the GRU and LSTM experts for multiples of 64.
    /// </summary>
    public Func<float[]?, float>? Expert()
    {
        switch (Info.Cell, Info.HiddenSize)
        {
            case (SpecWords.Rnn, ExpertRnn.A):
            {
                var expert = new ExpertRnn(T("Waa"), T("Wax"), T("ba"), T("Wya"), T("by"));
                (float[] h, int offset) = ExpertRnn.Aligned(ExpertRnn.S);
                return outputs =>
                {
                    Array.Clear(h);
                    ref float state = ref h[offset];
                    float sum = 0;
                    for (int t = 0; t < Length; t++)
                    {
                        float y = expert.Step(ref state, Tokens[t]);
                        sum += y;
                        if (outputs is not null) outputs[t] = y;
                    }
                    return sum;
                };
            }
            case (SpecWords.Gru, 64): return Gru<H64>();
            case (SpecWords.Gru, 256): return Gru<H256>();
            case (SpecWords.Gru, 512): return Gru<H512>();
            case (SpecWords.Lstm, 64): return Lstm<H64>();
            case (SpecWords.Lstm, 256): return Lstm<H256>();
            case (SpecWords.Lstm, 512): return Lstm<H512>();
            default: return null;
        }
    }

    private Func<float[]?, float> Gru<TSize>() where TSize : struct, IHiddenSize
    {
        var expert = new ExpertGru<TSize>(T("rnn.weight_ih_l0"), T("rnn.weight_hh_l0"), T("rnn.bias_ih_l0"), T("rnn.bias_hh_l0"), T("head.weight"), T("head.bias"), oneHot: true);
        var h = new AlignedBuffer(TSize.H);
        return outputs =>
        {
            h.Span.Clear();
            float sum = 0;
            for (int t = 0; t < Length; t++)
            {
                float y = expert.Step(ref h.Start, Tokens[t]);
                sum += y;
                if (outputs is not null) outputs[t] = y;
            }
            return sum;
        };
    }

    private Func<float[]?, float> Lstm<TSize>() where TSize : struct, IHiddenSize
    {
        var expert = new ExpertLstm<TSize>(T("rnn.weight_ih_l0"), T("rnn.weight_hh_l0"), T("rnn.bias_ih_l0"), T("rnn.bias_hh_l0"), T("head.weight"), T("head.bias"), oneHot: true);
        var h = new AlignedBuffer(TSize.H);
        var c = new AlignedBuffer(TSize.H);
        return outputs =>
        {
            h.Span.Clear();
            c.Span.Clear();
            float sum = 0;
            for (int t = 0; t < Length; t++)
            {
                float y = expert.Step(ref h.Start, ref c.Start, Tokens[t]);
                sum += y;
                if (outputs is not null) outputs[t] = y;
            }
            return sum;
        };
    }

    /// <summary>The textbook's dense formula in MathNet (double precision) over the sentence.</summary>
    public Func<double[][]> Reference()
    {
        if (Info.Cell == SpecWords.Rnn && Info.Tensors[0].Name == "Waa")
        {
            var elman = new ReferenceRnn(T("Waa"), T("Wax"), T("ba"), T("Wya"), T("by"), SpecWords.Tanh, SpecWords.Sigmoid);
            return () => elman.ForwardOneHot(Tokens);
        }
        var stack = new ReferenceStack(Info.Cell, Info.InputSize, Info.HiddenSize, 1, false, SpecWords.Tanh, SpecWords.Sigmoid,
            Tensors.ToDictionary(t => t.Name, t => t.Data));
        return () => stack.ForwardOneHot(Tokens);
    }

    /// <summary>The model written by rnngen export's exporter.</summary>
    public byte[] Onnx() => OnnxExporter.Export(RecurrentWeights.From(Info, Tensors.Select(t => t.Data).ToArray()), null);

    /// <summary>Throws when <paramref name="got"/> is not within <paramref name="tolerance"/> of the generated Forward; returns max |Δ|.</summary>
    public double Check(string who, IReadOnlyList<double> got, IReadOnlyList<float> expected, double tolerance)
    {
        double worst = 0;
        for (int i = 0; i < expected.Count; i++) worst = Math.Max(worst, Math.Abs(got[i] - expected[i]));
        if (!(worst <= tolerance)) throw new InvalidOperationException($"{Key}: {who} differs from the generated code by {worst} (more than {tolerance}).");
        return worst;
    }
}
