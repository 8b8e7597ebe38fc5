using System;
using System.Collections.Generic;
using RnnGen.Training;

namespace RnnGen.Tests.Training;

/// <summary>
/// Backpropagation through time for the textbook's Elman tagger (a one-hot input, tanh hidden state, sigmoid outputs,
/// binary cross-entropy), written out by hand in double, scalar and slow: a stand-in for the generated program of a
/// one-layer Elman model until the generator emits one, and an oracle to compare it with. Its model is the generated
/// class itself, rebuilt from safetensors bytes at every repack, so what it trains is what <c>Load</c> reads.
/// </summary>
/// <param name="info">An Elman model's info: tensors Waa [a, a], Wax [a, x], ba [a], Wya [y, a], by [y] in that order.</param>
/// <param name="load">Makes the generated model from a weights file's contents (e.g. <c>DnaSites.FromSafeTensors</c>).</param>
internal sealed class ReferenceElmanProgram(RnnModelInfo info, Func<SafeTensorsFile, IOneHotRnnModel> load) : ITrainingProgram
{
    private readonly int a = info.HiddenSize, x = info.InputSize, y = info.OutputSize;
    private readonly Func<SafeTensorsFile, IOneHotRnnModel> load = load;

    public RnnModelInfo Info { get; } = info;

    public LossKind Loss => LossKind.BinaryCrossEntropy;

    /// <summary>PyTorch's nn.RNN and nn.Linear: uniform in ±1/√a.</summary>
    public IReadOnlyList<ParameterInit> Init { get; } = [.. Repeat(new ParameterInit(false, 1f / MathF.Sqrt(info.HiddenSize)), 5)];

    public IRnnModel CreateModel(IReadOnlyList<float[]> parameters) => new Model(this, parameters);

    public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters) => ((Model)model).Pack(parameters);

    public ITrainingWorkspace CreateWorkspace() => new ExclusiveWorkspace();

    public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients)
    {
        float[][] w = ((Model)model).Weights;
        float[] waa = w[0], wax = w[1], ba = w[2], wya = w[3], by = w[4];
        double loss = 0;
        int at = 0;
        foreach (int length in batch.Lengths)
        {
            var h = new double[length + 1, a]; // h[0] = 0
            var p = new double[length, y];
            for (int t = 0; t < length; t++)
            {
                int token = batch.Tokens[at + t];
                for (int i = 0; i < a; i++)
                {
                    double z = ba[i] + wax[i * x + token];
                    for (int j = 0; j < a; j++) z += waa[i * a + j] * h[t, j];
                    h[t + 1, i] = Math.Tanh(z);
                }
                for (int k = 0; k < y; k++)
                {
                    double z = by[k];
                    for (int j = 0; j < a; j++) z += wya[k * a + j] * h[t + 1, j];
                    p[t, k] = 1 / (1 + Math.Exp(-z));
                }
            }
            var dh = new double[a]; // ∂L/∂h<t> from the steps after t
            for (int t = length - 1; t >= 0; t--)
            {
                int token = batch.Tokens[at + t];
                double weight = batch.StepWeights.IsEmpty ? 1 : batch.StepWeights[at + t];
                var dhTotal = (double[])dh.Clone();
                for (int k = 0; k < y; k++)
                {
                    double target = batch.Targets[(at + t) * y + k];
                    loss -= weight * (target * Math.Max(Math.Log(p[t, k]), -100) + (1 - target) * Math.Max(Math.Log(1 - p[t, k]), -100));
                    double dz = weight * (p[t, k] - target);
                    gradients[4][k] += (float)dz;
                    for (int j = 0; j < a; j++)
                    {
                        gradients[3][k * a + j] += (float)(dz * h[t + 1, j]);
                        dhTotal[j] += dz * wya[k * a + j];
                    }
                }
                Array.Clear(dh);
                for (int i = 0; i < a; i++)
                {
                    double dz = dhTotal[i] * (1 - h[t + 1, i] * h[t + 1, i]);
                    gradients[2][i] += (float)dz;
                    gradients[1][i * x + token] += (float)dz;
                    for (int j = 0; j < a; j++)
                    {
                        gradients[0][i * a + j] += (float)(dz * h[t, j]);
                        dh[j] += dz * waa[i * a + j];
                    }
                }
            }
            at += length;
        }
        return loss;
    }

    private static IEnumerable<T> Repeat<T>(T value, int count)
    {
        for (int i = 0; i < count; i++) yield return value;
    }

    /// <summary>The generated model, and the weights it was made from (which the backward pass reads).</summary>
    private sealed class Model : IOneHotRnnModel
    {
        private readonly ReferenceElmanProgram program;
        private IOneHotRnnModel generated = null!;

        public Model(ReferenceElmanProgram program, IReadOnlyList<float[]> parameters)
        {
            this.program = program;
            Weights = CopiedModel.Copy(parameters);
            Pack(parameters);
        }

        public float[][] Weights { get; }

        public RnnModelInfo Info => program.Info;

        public Vocabulary? Vocabulary => generated.Vocabulary;

        public void Pack(IReadOnlyList<float[]> parameters)
        {
            var tensors = new Tensor[parameters.Count];
            for (int i = 0; i < tensors.Length; i++)
            {
                parameters[i].CopyTo(Weights[i], 0);
                tensors[i] = new Tensor(Info.Tensors[i].Name, [.. Info.Tensors[i].Shape], (float[])parameters[i].Clone());
            }
            generated = program.load(SafeTensorsFile.Parse(SafeTensorsFile.Serialize(tensors), "memory"));
        }

        public void Forward(ReadOnlySpan<int> tokens, Span<float> outputs) => generated.Forward(tokens, outputs);
    }
}
