using System;
using System.Collections.Generic;
using System.Threading;
using RnnGen.Training;

namespace RnnGen.Tests.Training;

/// <summary>
/// Hand-written training programs that stand in for the generated ones (which the generator's half of issue 7 emits):
/// their loss and gradient are written out directly, so the trainer's own arithmetic (batching, the sum over parts,
/// the mean, clipping, Adam, the schedule) can be compared with PyTorch and with itself. Like a generated program, each
/// reads its weights from the model it made (not from the trainer's arrays), so a trainer that forgot to repack the
/// model after an update would compute wrong gradients.
/// </summary>
internal static class TestPrograms
{
    public static RnnModelInfo Info(string key, int inputSize, int outputSize, string activation, IReadOnlyList<string> labels, params TensorInfo[] tensors) =>
        new(key.Replace("-", "", StringComparison.Ordinal), key, "RnnGen.Tests." + key, "", 1, SpecWords.Tanh, SpecWords.OneHot, inputSize,
            SpecWords.Words, outputSize, activation, labels, key + ".safetensors", tensors);
}

/// <summary>A model that only holds a copy of its weights, as packed by <see cref="ITrainingProgram.CreateModel"/>.</summary>
internal sealed class CopiedModel(RnnModelInfo info, IReadOnlyList<float[]> parameters, Func<CopiedModel, int, float[], float[]?>? forward = null) : IOneHotRnnModel
{
    public RnnModelInfo Info { get; } = info;

    public float[][] Weights { get; } = Copy(parameters);

    public Vocabulary? Vocabulary => null;

    public int Repacks { get; set; }

    public void Forward(ReadOnlySpan<int> tokens, Span<float> outputs)
    {
        int size = Info.OutputSize;
        for (int t = 0; t < tokens.Length; t++)
        {
            float[] y = forward?.Invoke(this, tokens[t], new float[size]) ?? throw new NotSupportedException();
            y.CopyTo(outputs.Slice(t * size, size));
        }
    }

    public static float[][] Copy(IReadOnlyList<float[]> parameters)
    {
        var copy = new float[parameters.Count][];
        for (int i = 0; i < copy.Length; i++) copy[i] = (float[])parameters[i].Clone();
        return copy;
    }
}

/// <summary>A workspace that fails if two threads use it at once.</summary>
internal sealed class ExclusiveWorkspace : ITrainingWorkspace
{
    private int busy;

    public int Uses { get; private set; }

    public void Enter()
    {
        if (Interlocked.Exchange(ref busy, 1) != 0) throw new InvalidOperationException("Two threads use one workspace at once.");
        Uses++;
    }

    public void Leave() => Volatile.Write(ref busy, 0);
}

/// <summary>
/// ŷ = w (tensors a[3] and b[2], concatenated) whatever the token, and a per-step loss ½ Σ_k (ŷ_k − t_k)²: the
/// quadratic adam_reference.py gives PyTorch.
/// </summary>
internal sealed class QuadraticProgram : ITrainingProgram
{
    public RnnModelInfo Info { get; } = TestPrograms.Info("quadratic", 1, 5, SpecWords.Linear, [],
        new TensorInfo("a", [3]), new TensorInfo("b", [2]));

    public LossKind Loss => LossKind.SquaredError;

    public IReadOnlyList<ParameterInit> Init { get; } = [new ParameterInit(false, 1f), new ParameterInit(true, 0.5f)];

    public IRnnModel CreateModel(IReadOnlyList<float[]> parameters) =>
        new CopiedModel(Info, parameters, (m, _, y) => [.. m.Weights[0], .. m.Weights[1]]);

    public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters)
    {
        var copied = (CopiedModel)model;
        for (int i = 0; i < parameters.Count; i++) parameters[i].CopyTo(copied.Weights[i], 0);
        copied.Repacks++;
    }

    public ITrainingWorkspace CreateWorkspace() => new ExclusiveWorkspace();

    public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients)
    {
        var w = ((CopiedModel)model).Weights;
        var ws = (ExclusiveWorkspace)workspace;
        ws.Enter();
        try
        {
            double loss = 0;
            int steps = batch.Tokens.Length;
            for (int t = 0; t < steps; t++)
            {
                float weight = batch.StepWeights.IsEmpty ? 1f : batch.StepWeights[t];
                for (int k = 0; k < 5; k++)
                {
                    float value = k < 3 ? w[0][k] : w[1][k - 3];
                    float d = value - batch.Targets[t * 5 + k];
                    loss += weight * 0.5 * d * d;
                    if (k < 3) gradients[0][k] += weight * d;
                    else gradients[1][k - 3] += weight * d;
                }
            }
            return loss;
        }
        finally
        {
            ws.Leave();
        }
    }
}

/// <summary>
/// A per-token logistic regression over one-hot tokens: ŷ = σ(W[token] + b) with W [tokens × outputs] and b [outputs],
/// binary cross-entropy per output (logs clamped at −100, as PyTorch's BCELoss).
/// </summary>
internal sealed class LogisticProgram(int tokens, IReadOnlyList<string> labels) : ITrainingProgram
{
    private readonly int outputs = labels.Count;

    public RnnModelInfo Info { get; } = TestPrograms.Info("logistic", tokens, labels.Count, SpecWords.Sigmoid, labels,
        new TensorInfo("W", [tokens, labels.Count]), new TensorInfo("b", [labels.Count]));

    public LossKind Loss => LossKind.BinaryCrossEntropy;

    public IReadOnlyList<ParameterInit> Init { get; } = [new ParameterInit(false, 0.5f), new ParameterInit(false, 0f)];

    public IRnnModel CreateModel(IReadOnlyList<float[]> parameters) => new CopiedModel(Info, parameters, (m, token, y) =>
    {
        for (int k = 0; k < y.Length; k++) y[k] = Sigmoid(m.Weights[0][token * y.Length + k] + m.Weights[1][k]);
        return y;
    });

    public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters)
    {
        var copied = (CopiedModel)model;
        for (int i = 0; i < parameters.Count; i++) parameters[i].CopyTo(copied.Weights[i], 0);
        copied.Repacks++;
    }

    public ITrainingWorkspace CreateWorkspace() => new ExclusiveWorkspace();

    public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients)
    {
        float[][] w = ((CopiedModel)model).Weights;
        var ws = (ExclusiveWorkspace)workspace;
        ws.Enter();
        try
        {
            double loss = 0;
            for (int t = 0; t < batch.Tokens.Length; t++)
            {
                int token = batch.Tokens[t];
                float weight = batch.StepWeights.IsEmpty ? 1f : batch.StepWeights[t];
                for (int k = 0; k < outputs; k++)
                {
                    float p = Sigmoid(w[0][token * outputs + k] + w[1][k]);
                    float target = batch.Targets[t * outputs + k];
                    loss -= weight * (target * Math.Max(Math.Log(p), -100) + (1 - target) * Math.Max(Math.Log(1 - p), -100));
                    float dz = weight * (p - target);
                    gradients[0][token * outputs + k] += dz;
                    gradients[1][k] += dz;
                }
            }
            return loss;
        }
        finally
        {
            ws.Leave();
        }
    }

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
