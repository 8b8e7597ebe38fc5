using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// The activation functions of an RNN, for one SIMD register at a time (the form generated models call)
/// and for one scalar (the form tests and tools call).
/// </summary>
/// <remarks>
/// <c>tanh</c> is the 13/6-degree rational approximation that Eigen and ONNX Runtime use: within a
/// few units in the last place of <see cref="float"/> on [-9, 9] and exactly ±1 beyond, with full
/// relative precision near 0, in ten fused multiply-adds and one division (no exponential, so it
/// inlines into generated kernels without spilling their accumulators). <c>sigmoid</c> is
/// <c>1 / (1 + e^(-x))</c> with <see cref="Exp(Vector512{float})"/>, a single-precision exponential
/// (range reduction by ln 2 and a degree-7 polynomial), which keeps the relative precision of tiny
/// probabilities. No function returns NaN for a finite input.
/// </remarks>
public static class VectorMath
{
    // The 13/6-degree rational approximation of tanh on [-9, 9] that Eigen and ONNX Runtime's MLAS
    // use: a few ulp of float everywhere, 10 multiply-adds and one division, no exp.
    private const float A1 = 4.89352455891786e-03f;
    private const float A3 = 6.37261928875436e-04f;
    private const float A5 = 1.48572235717979e-05f;
    private const float A7 = 5.12229709037114e-08f;
    private const float A9 = -8.60467152213735e-11f;
    private const float A11 = 2.00018790482477e-13f;
    private const float A13 = -2.76076847742355e-16f;
    private const float B0 = 4.89352518554385e-03f;
    private const float B2 = 2.26843463243900e-03f;
    private const float B4 = 1.18534705686654e-04f;
    private const float B6 = 1.19825839466702e-06f;

    // e^x: inputs beyond these give 0 and +∞ in float; ln 2 split in a high part exact in float and a low part.
    private const float ExpMin = -104f;
    private const float ExpMax = 88.72284f;
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693145751953125f;
    private const float Ln2Lo = 1.42860682030941723e-6f;
    private const float E2 = 1f / 2;
    private const float E3 = 1f / 6;
    private const float E4 = 1f / 24;
    private const float E5 = 1f / 120;
    private const float E6 = 1f / 720;
    private const float E7 = 1f / 5040;

    /// <summary>Hyperbolic tangent of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        // tanh(x) = x·p(x²) / q(x²) on [-9, 9], ±1 beyond (where float tanh is ±1 anyway).
        Vector512<float> c = Vector512.Min(Vector512.Max(x, Vector512.Create(-9f)), Vector512.Create(9f));
        Vector512<float> x2 = c * c;
        Vector512<float> p = Vector512.FusedMultiplyAdd(x2, Vector512.Create(A13), Vector512.Create(A11));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A9));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A7));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A5));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A3));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A1));
        Vector512<float> q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(B6), Vector512.Create(B4));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B2));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B0));
        return c * p / q;
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        // tanh(x) = x·p(x²) / q(x²) on [-9, 9], ±1 beyond (where float tanh is ±1 anyway).
        Vector256<float> c = Vector256.Min(Vector256.Max(x, Vector256.Create(-9f)), Vector256.Create(9f));
        Vector256<float> x2 = c * c;
        Vector256<float> p = Vector256.FusedMultiplyAdd(x2, Vector256.Create(A13), Vector256.Create(A11));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A9));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A7));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A5));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A3));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A1));
        Vector256<float> q = Vector256.FusedMultiplyAdd(x2, Vector256.Create(B6), Vector256.Create(B4));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256.Create(B2));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256.Create(B0));
        return c * p / q;
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        // tanh(x) = x·p(x²) / q(x²) on [-9, 9], ±1 beyond (where float tanh is ±1 anyway).
        Vector128<float> c = Vector128.Min(Vector128.Max(x, Vector128.Create(-9f)), Vector128.Create(9f));
        Vector128<float> x2 = c * c;
        Vector128<float> p = Vector128.FusedMultiplyAdd(x2, Vector128.Create(A13), Vector128.Create(A11));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A9));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A7));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A5));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A3));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A1));
        Vector128<float> q = Vector128.FusedMultiplyAdd(x2, Vector128.Create(B6), Vector128.Create(B4));
        q = Vector128.FusedMultiplyAdd(x2, q, Vector128.Create(B2));
        q = Vector128.FusedMultiplyAdd(x2, q, Vector128.Create(B0));
        return c * p / q;
    }

    /// <summary>Logistic sigmoid <c>1 / (1 + e^(-x))</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>e^x of each lane in single precision: within 2 ulp on [-87, 88], 0 below, +∞ above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln2 / 2; e^r by its Taylor polynomial of degree 7.
        Vector512<float> c = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpMin)), Vector512.Create(ExpMax));
        Vector512<float> n = Vector512.Round(c * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), c);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(E7), r, Vector512.Create(E6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        // 2^n in two halves, so that n down to -149 (subnormal results) and up to 128 both work.
        Vector512<int> ni = Vector512.ConvertToInt32(n);
        Vector512<int> half = Vector512.ShiftRightArithmetic(ni, 1);
        Vector512<float> scale1 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(ni - half + Vector512.Create(127), 23).AsSingle();
        Vector512<float> result = p * scale1 * scale2;
        result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(ExpMin)), Vector512<float>.Zero, result);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(ExpMax)), Vector512.Create(float.PositiveInfinity), result);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>e^x of each lane in single precision: within 2 ulp on [-87, 88], 0 below, +∞ above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln2 / 2; e^r by its Taylor polynomial of degree 7.
        Vector256<float> c = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpMin)), Vector256.Create(ExpMax));
        Vector256<float> n = Vector256.Round(c * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), c);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(E7), r, Vector256.Create(E6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        // 2^n in two halves, so that n down to -149 (subnormal results) and up to 128 both work.
        Vector256<int> ni = Vector256.ConvertToInt32(n);
        Vector256<int> half = Vector256.ShiftRightArithmetic(ni, 1);
        Vector256<float> scale1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(ni - half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> result = p * scale1 * scale2;
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpMin)), Vector256<float>.Zero, result);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpMax)), Vector256.Create(float.PositiveInfinity), result);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) =>
        Vector128<float>.One / (Vector128<float>.One + Exp(-x));

    /// <summary>e^x of each lane in single precision: within 2 ulp on [-87, 88], 0 below, +∞ above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        // e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln2 / 2; e^r by its Taylor polynomial of degree 7.
        Vector128<float> c = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpMin)), Vector128.Create(ExpMax));
        Vector128<float> n = Vector128.Round(c * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), c);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), r);
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(E7), r, Vector128.Create(E6));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(E5));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(E4));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(E3));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(E2));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        // 2^n in two halves, so that n down to -149 (subnormal results) and up to 128 both work.
        Vector128<int> ni = Vector128.ConvertToInt32(n);
        Vector128<int> half = Vector128.ShiftRightArithmetic(ni, 1);
        Vector128<float> scale1 = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(ni - half + Vector128.Create(127), 23).AsSingle();
        Vector128<float> result = p * scale1 * scale2;
        result = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(ExpMin)), Vector128<float>.Zero, result);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(ExpMax)), Vector128.Create(float.PositiveInfinity), result);
    }

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
    /// subtracting the maximum first keeps every exponent ≤ 0, so nothing overflows. Vectorised with
    /// the widest accelerated vectors (and <see cref="Exp(Vector512{float})"/>), with a scalar tail.
    /// </summary>
    public static void Softmax(System.Span<float> values)
    {
        if (values.IsEmpty) return;
        ref float v = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        int n = values.Length;
        int wide = Vector512.IsHardwareAccelerated ? n / 16 * 16 : 0;
        int narrow = n / 4 * 4;

        // The largest value.
        float max = float.NegativeInfinity;
        int i = 0;
        if (wide > 0)
        {
            Vector512<float> m = Vector512.LoadUnsafe(ref v);
            for (i = 16; i < wide; i += 16) m = Vector512.Max(m, Vector512.LoadUnsafe(ref v, (nuint)i));
            for (int k = 0; k < 16; k++) max = System.MathF.Max(max, m.GetElement(k));
        }
        for (; i < narrow; i += 4)
        {
            Vector128<float> m = Vector128.LoadUnsafe(ref v, (nuint)i);
            for (int k = 0; k < 4; k++) max = System.MathF.Max(max, m.GetElement(k));
        }
        for (; i < n; i++) max = System.MathF.Max(max, Unsafe.Add(ref v, i));

        // e^(v - max), and their sum.
        float sum = 0f;
        for (i = 0; i < wide; i += 16)
        {
            Vector512<float> e = Exp(Vector512.LoadUnsafe(ref v, (nuint)i) - Vector512.Create(max));
            Vector512.StoreUnsafe(e, ref v, (nuint)i);
            sum += Vector512.Sum(e);
        }
        for (; i < narrow; i += 4)
        {
            Vector128<float> e = Exp(Vector128.LoadUnsafe(ref v, (nuint)i) - Vector128.Create(max));
            Vector128.StoreUnsafe(e, ref v, (nuint)i);
            sum += Vector128.Sum(e);
        }
        for (; i < n; i++)
        {
            float e = Exp(Vector128.CreateScalar(Unsafe.Add(ref v, i) - max)).ToScalar();
            Unsafe.Add(ref v, i) = e;
            sum += e;
        }

        // Divide by the sum.
        float inv = 1f / sum;
        for (i = 0; i < wide; i += 16) Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref v, (nuint)i) * inv, ref v, (nuint)i);
        for (; i < narrow; i += 4) Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref v, (nuint)i) * inv, ref v, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref v, i) *= inv;
    }
}
