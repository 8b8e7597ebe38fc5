using System;

namespace RnnGen.Benchmarks;

/// <summary>
/// Baseline (b): the plain scalar C# loop over float[] — row-major Waa (one dot product per hidden unit),
/// Wax as given (a one-hot x&lt;t&gt; reads the token's column), MathF activations. No SIMD, no packing.
/// </summary>
public sealed class ScalarRnn
{
    public const int A = 100;
    public const int X = 10000;

    private readonly float[] _waa;
    private readonly float[] _wax;
    private readonly float[] _ba;
    private readonly float[] _wya;
    private readonly float _by;
    private readonly float[] _z = new float[A];

    public ScalarRnn(float[] waa, float[] wax, float[] ba, float[] wya, float[] by)
    {
        _waa = (float[])waa.Clone();
        _wax = (float[])wax.Clone();
        _ba = (float[])ba.Clone();
        _wya = (float[])wya.Clone();
        _by = by[0];
    }

    /// <summary>One step: <paramref name="h"/> (length A) is a&lt;t-1&gt; on entry and a&lt;t&gt; on return; returns ŷ&lt;t&gt;.</summary>
    public float Step(float[] h, int token)
    {
        float[] waa = _waa, wax = _wax, ba = _ba, z = _z;
        for (int i = 0; i < A; i++)
        {
            float sum = wax[i * X + token] + ba[i];
            int row = i * A;
            for (int j = 0; j < A; j++) sum += waa[row + j] * h[j];
            z[i] = MathF.Tanh(sum);
        }
        Array.Copy(z, h, A);
        float y = _by;
        for (int j = 0; j < A; j++) y += _wya[j] * h[j];
        return 1f / (1f + MathF.Exp(-y));
    }
}
