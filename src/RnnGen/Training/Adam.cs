using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;

namespace RnnGen.Training;

/// <summary>
/// Adam as <c>torch.optim.Adam</c> 1.13 computes it (its single-tensor path, <c>amsgrad=False</c>), or AdamW as
/// <c>torch.optim.AdamW</c>: per value, in float, with the bias corrections in double as PyTorch's Python code has them:
/// <code>
/// g ← g + λ·w                          (Adam's weight decay: coupled, an L2 penalty)
/// w ← w · (1 − lr·λ)                   (AdamW's instead: decoupled)
/// m ← m·β1 + (1 − β1)·g
/// v ← v·β2 + ((1 − β2)·g)·g
/// w ← w + (−lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε)
/// </code>
/// PyTorch's vector kernels may fuse a multiply and an add, so the two agree to within float rounding, not bit for bit.
/// Here every lane computes exactly what the scalar code does (no fused multiply-add), so the result does not depend
/// on the vector width or on how the values are cut into chunks.
/// </summary>
internal sealed class Adam
{
    private readonly float[][] m;
    private readonly float[][] v;
    private readonly TrainerOptions options;

    public Adam(IReadOnlyList<float[]> parameters, TrainerOptions options)
    {
        this.options = options;
        m = Parameters.Zeros(parameters);
        v = Parameters.Zeros(parameters);
    }

    /// <summary>The number of updates made so far (PyTorch's <c>state['step']</c>).</summary>
    public int Steps { get; private set; }

    /// <summary>The scalars of the next update, at learning rate <paramref name="learningRate"/>; counts the update.</summary>
    public Scalars Next(double learningRate)
    {
        Steps++;
        double beta1 = options.Beta1, beta2 = options.Beta2;
        double correction1 = 1 - Math.Pow(beta1, Steps);
        double correction2 = 1 - Math.Pow(beta2, Steps);
        bool decoupled = options.DecoupledWeightDecay;
        return new Scalars(
            Beta1: (float)beta1,
            OneMinusBeta1: (float)(1 - beta1),
            Beta2: (float)beta2,
            OneMinusBeta2: (float)(1 - beta2),
            NegativeStepSize: (float)-(learningRate / correction1),
            Correction2Sqrt: (float)Math.Sqrt(correction2),
            Epsilon: (float)options.Epsilon,
            CoupledDecay: decoupled ? 0f : (float)options.WeightDecay,
            DecoupledFactor: decoupled ? (float)(1 - learningRate * options.WeightDecay) : 1f);
    }

    /// <summary>Updates values [start, start + length) of tensor <paramref name="tensor"/> with their gradient.</summary>
    public void Update(int tensor, int start, int length, float[] parameter, float[] gradient, in Scalars s)
    {
        Span<float> w = parameter.AsSpan(start, length);
        ReadOnlySpan<float> g = gradient.AsSpan(start, length);
        Span<float> mean = m[tensor].AsSpan(start, length);
        Span<float> square = v[tensor].AsSpan(start, length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var beta1 = Vector256.Create(s.Beta1);
            var oneMinusBeta1 = Vector256.Create(s.OneMinusBeta1);
            var beta2 = Vector256.Create(s.Beta2);
            var oneMinusBeta2 = Vector256.Create(s.OneMinusBeta2);
            var step = Vector256.Create(s.NegativeStepSize);
            var correction = Vector256.Create(s.Correction2Sqrt);
            var epsilon = Vector256.Create(s.Epsilon);
            var coupled = Vector256.Create(s.CoupledDecay);
            var decoupled = Vector256.Create(s.DecoupledFactor);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> wi = Vector256.Create(w[i..]);
                Vector256<float> gi = Vector256.Create(g[i..]) + coupled * wi;
                wi *= decoupled;
                Vector256<float> mi = Vector256.Create(mean[i..]) * beta1 + oneMinusBeta1 * gi;
                Vector256<float> vi = Vector256.Create(square[i..]) * beta2 + oneMinusBeta2 * gi * gi;
                Vector256<float> denominator = Vector256.Sqrt(vi) / correction + epsilon;
                wi += step * mi / denominator;
                mi.CopyTo(mean[i..]);
                vi.CopyTo(square[i..]);
                wi.CopyTo(w[i..]);
            }
        }
        for (; i < length; i++)
        {
            float wi = w[i];
            float gi = g[i] + s.CoupledDecay * wi;
            wi *= s.DecoupledFactor;
            float mi = mean[i] * s.Beta1 + s.OneMinusBeta1 * gi;
            float vi = square[i] * s.Beta2 + s.OneMinusBeta2 * gi * gi;
            float denominator = MathF.Sqrt(vi) / s.Correction2Sqrt + s.Epsilon;
            wi += s.NegativeStepSize * mi / denominator;
            mean[i] = mi;
            square[i] = vi;
            w[i] = wi;
        }
    }

    /// <summary>One update's scalars, as float as PyTorch passes them to its kernels.</summary>
    internal readonly record struct Scalars(
        float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float NegativeStepSize, float Correction2Sqrt,
        float Epsilon, float CoupledDecay, float DecoupledFactor);
}
