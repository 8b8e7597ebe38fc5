using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// The activation functions of an RNN, for one SIMD register at a time (the form generated models call)
/// and for one scalar (the form tests and tools call).
/// </summary>
/// <remarks>
/// Every function is exact to a few units in the last place of <see cref="float"/> over the whole range
/// and never returns NaN for a finite input: <c>tanh</c> is computed as <c>1 - 2 / (e^(2x) + 1)</c>,
/// evaluated at |x| with the sign put back (so negative inputs do not cancel), which saturates to ±1
/// when <c>e^(2|x|)</c> overflows; below 2^-12 it returns x itself, keeping small inputs' relative precision.
/// </remarks>
public static class VectorMath
{
    /// <summary>Below this magnitude tanh(x) is x, to well within float precision.</summary>
    private const float SmallTanh = 1f / 4096f;

    /// <summary>Hyperbolic tangent of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        // tanh(|x|) = 1 - 2 / (e^(2|x|) + 1), then the sign of x is put back: no cancellation for x < 0.
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> e = Vector512.Exp(ax + ax);
        Vector512<float> t = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);
        // Below 2^-12, tanh(x) = x to within x³/3 (relative 6e-8), and the formula above would cancel.
        return Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(SmallTanh)), x, Vector512.CopySign(t, x));
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> e = Vector256.Exp(ax + ax);
        Vector256<float> t = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);
        // Below 2^-12, tanh(x) = x to within x³/3 (relative 6e-8), and the formula above would cancel.
        return Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(SmallTanh)), x, Vector256.CopySign(t, x));
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> ax = Vector128.Abs(x);
        Vector128<float> e = Vector128.Exp(ax + ax);
        Vector128<float> t = Vector128<float>.One - Vector128.Create(2f) / (e + Vector128<float>.One);
        // Below 2^-12, tanh(x) = x to within x³/3 (relative 6e-8), and the formula above would cancel.
        return Vector128.ConditionalSelect(Vector128.LessThan(ax, Vector128.Create(SmallTanh)), x, Vector128.CopySign(t, x));
    }

    /// <summary>Logistic sigmoid <c>1 / (1 + e^(-x))</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) =>
        Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-x));

    /// <summary>Rectified linear unit <c>max(x, 0)</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);

    /// <inheritdoc cref="Relu(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

    /// <inheritdoc cref="Relu(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero);

    /// <summary>Hyperbolic tangent of one value, by the same formula as the vector forms.</summary>
    public static float Tanh(float x) => Tanh(Vector128.CreateScalar(x)).ToScalar();

    /// <summary>Logistic sigmoid of one value, by the same formula as the vector forms.</summary>
    public static float Sigmoid(float x) => Sigmoid(Vector128.CreateScalar(x)).ToScalar();

    /// <summary>
    /// Replaces <paramref name="values"/> by its softmax, <c>e^(v_i - max v) / Σ_j e^(v_j - max v)</c>;
    /// subtracting the maximum first keeps every exponent ≤ 0, so nothing overflows.
    /// </summary>
    public static void Softmax(System.Span<float> values)
    {
        if (values.IsEmpty) return;
        float max = float.NegativeInfinity;
        foreach (float v in values) max = System.MathF.Max(max, v);
        float sum = 0f;
        for (int i = 0; i < values.Length; i++)
        {
            float e = System.MathF.Exp(values[i] - max);
            values[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = 0; i < values.Length; i++) values[i] *= inv;
    }
}
