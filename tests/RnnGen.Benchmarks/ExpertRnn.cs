using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnGen.Benchmarks;

/// <summary>
/// Baseline (c): what an expert writes by hand for a = 100 with AVX-512 (PERFORMANCE.md, "How the fast ones get there"):
/// Waa stored column-major and padded to 112 = 7 × 16 floats per column, 64-byte aligned; Wax stored transposed with
/// ba folded in, so Wax · x&lt;t&gt; + ba is one aligned 112-float row that initialises the accumulators; the axpy form
/// acc += Waa[:, j] · a[j] with 7 accumulators for even j and 7 for odd j (14 independent FMA chains), FMA throughout;
/// the same vectorised tanh/sigmoid as the library (RnnGen.VectorMath) so that only the kernel differs. Without AVX-512 the
/// same layout runs with 13 ymm accumulators (<see cref="ExpertAvx2"/>).
/// </summary>
public sealed class ExpertRnn
{
    public const int A = 100;
    public const int X = 10000;
    public const int S = 112; // A padded to a multiple of 16

    private readonly float[] _waaT;
    private readonly int _waaOff;
    private readonly float[] _waxT;
    private readonly int _waxOff;
    private readonly float[] _wya;
    private readonly int _wyaOff;
    private readonly float _by;

    public ExpertRnn(float[] waa, float[] wax, float[] ba, float[] wya, float[] by)
    {
        if (!Vector512.IsHardwareAccelerated && !ExpertAvx2.Supported) throw new PlatformNotSupportedException("The expert baseline needs AVX-512 or AVX2 with FMA.");
        (_waaT, _waaOff) = Aligned(A * S);
        (_waxT, _waxOff) = Aligned(X * S);
        (_wya, _wyaOff) = Aligned(S);
        for (int i = 0; i < A; i++)
            for (int j = 0; j < A; j++)
                _waaT[_waaOff + j * S + i] = waa[i * A + j];
        for (int t = 0; t < X; t++)
            for (int i = 0; i < A; i++)
                _waxT[_waxOff + t * S + i] = wax[i * X + t] + ba[i];
        Array.Copy(wya, 0, _wya, _wyaOff, A);
        _by = by[0];
    }

    /// <summary>A zeroed, 64-byte-aligned, pinned block of <paramref name="length"/> floats: (array, offset of the first float).</summary>
    public static (float[] Array, int Offset) Aligned(int length)
    {
        float[] array = GC.AllocateArray<float>(length + 16, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        return (array, (int)((64 - address % 64) % 64) / sizeof(float));
    }

    /// <summary>One step: <paramref name="h"/> (S floats, 64-byte aligned, padding zero) is a&lt;t-1&gt; on entry and a&lt;t&gt; on return; returns ŷ&lt;t&gt;.</summary>
    public float Step(ref float h, int token)
    {
        if (!Vector512.IsHardwareAccelerated) return Step256(ref h, token);
        ref float w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_waaT), _waaOff);
        ref float x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_waxT), _waxOff + (nint)token * S);

        Vector512<float> s0 = Vector512.LoadUnsafe(ref x, 0), s1 = Vector512.LoadUnsafe(ref x, 16), s2 = Vector512.LoadUnsafe(ref x, 32),
            s3 = Vector512.LoadUnsafe(ref x, 48), s4 = Vector512.LoadUnsafe(ref x, 64), s5 = Vector512.LoadUnsafe(ref x, 80), s6 = Vector512.LoadUnsafe(ref x, 96);
        Vector512<float> u0 = default, u1 = default, u2 = default, u3 = default, u4 = default, u5 = default, u6 = default;

        for (nuint j = 0; j < A; j += 2)
        {
            ref float ce = ref Unsafe.Add(ref w, j * S);
            ref float co = ref Unsafe.Add(ref ce, S);
            Vector512<float> he = Vector512.Create(Unsafe.Add(ref h, j));
            Vector512<float> ho = Vector512.Create(Unsafe.Add(ref h, j + 1));
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 0), he, s0);
            u0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 0), ho, u0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 16), he, s1);
            u1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 16), ho, u1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 32), he, s2);
            u2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 32), ho, u2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 48), he, s3);
            u3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 48), ho, u3);
            s4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 64), he, s4);
            u4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 64), ho, u4);
            s5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 80), he, s5);
            u5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 80), ho, u5);
            s6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ce, 96), he, s6);
            u6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref co, 96), ho, u6);
        }

        // The pre-activations go to memory before tanh: VectorMath.Tanh calls Vector512.Exp (not inlined), and on
        // x64 SysV every vector register is caller-saved, so any accumulator still live across that call makes the
        // JIT spill it, and RyuJIT places those spills inside the FMA loop (12 stores + 12 reloads per iteration).
        // With the sums stored first, nothing vector-typed is live across the calls and the loop stays in registers.
        (s0 + u0).StoreUnsafe(ref h, 0);
        (s1 + u1).StoreUnsafe(ref h, 16);
        (s2 + u2).StoreUnsafe(ref h, 32);
        (s3 + u3).StoreUnsafe(ref h, 48);
        (s4 + u4).StoreUnsafe(ref h, 64);
        (s5 + u5).StoreUnsafe(ref h, 80);
        (s6 + u6).StoreUnsafe(ref h, 96);
        for (nuint k = 0; k < S; k += 16)
        {
            VectorMath.Tanh(Vector512.LoadUnsafe(ref h, k)).StoreUnsafe(ref h, k);
        }

        // ŷ = sigmoid(Wya · a<t> + by); the padding of Wya is zero.
        ref float wy = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_wya), _wyaOff);
        Vector512<float> p = Vector512.LoadUnsafe(ref wy, 0) * Vector512.LoadUnsafe(ref h, 0);
        Vector512<float> q = Vector512.LoadUnsafe(ref wy, 16) * Vector512.LoadUnsafe(ref h, 16);
        p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 32), Vector512.LoadUnsafe(ref h, 32), p);
        q = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 48), Vector512.LoadUnsafe(ref h, 48), q);
        p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 64), Vector512.LoadUnsafe(ref h, 64), p);
        q = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 80), Vector512.LoadUnsafe(ref h, 80), q);
        p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 96), Vector512.LoadUnsafe(ref h, 96), p);
        return VectorMath.Sigmoid(Vector512.Sum(p + q) + _by);
    }

    /// <summary>
    /// The step with AVX2 (<see cref="ExpertAvx2"/>): the same layout, 13 ymm accumulators over the 104 rows that hold
    /// a (13 independent FMA chains, one broadcast a column, 14 of the 16 registers); the padding rows stay zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Step256(ref float h, int token)
    {
        ref float w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_waaT), _waaOff);
        ref float x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_waxT), _waxOff + (nint)token * S);

        Vector256<float> s0 = Vector256.LoadUnsafe(ref x, 0), s1 = Vector256.LoadUnsafe(ref x, 8), s2 = Vector256.LoadUnsafe(ref x, 16),
            s3 = Vector256.LoadUnsafe(ref x, 24), s4 = Vector256.LoadUnsafe(ref x, 32), s5 = Vector256.LoadUnsafe(ref x, 40),
            s6 = Vector256.LoadUnsafe(ref x, 48), s7 = Vector256.LoadUnsafe(ref x, 56), s8 = Vector256.LoadUnsafe(ref x, 64),
            s9 = Vector256.LoadUnsafe(ref x, 72), s10 = Vector256.LoadUnsafe(ref x, 80), s11 = Vector256.LoadUnsafe(ref x, 88),
            s12 = Vector256.LoadUnsafe(ref x, 96);
        ref float c = ref w;
        for (nuint j = 0; j < A; j++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref h, j));
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 0), v, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 8), v, s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 16), v, s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 24), v, s3);
            s4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 32), v, s4);
            s5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 40), v, s5);
            s6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 48), v, s6);
            s7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 56), v, s7);
            s8 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 64), v, s8);
            s9 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 72), v, s9);
            s10 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 80), v, s10);
            s11 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 88), v, s11);
            s12 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 96), v, s12);
            c = ref Unsafe.Add(ref c, S);
        }

        // As in the AVX-512 step: the sums go to memory before tanh, so no accumulator is live across its calls.
        s0.StoreUnsafe(ref h, 0); s1.StoreUnsafe(ref h, 8); s2.StoreUnsafe(ref h, 16); s3.StoreUnsafe(ref h, 24);
        s4.StoreUnsafe(ref h, 32); s5.StoreUnsafe(ref h, 40); s6.StoreUnsafe(ref h, 48); s7.StoreUnsafe(ref h, 56);
        s8.StoreUnsafe(ref h, 64); s9.StoreUnsafe(ref h, 72); s10.StoreUnsafe(ref h, 80); s11.StoreUnsafe(ref h, 88);
        s12.StoreUnsafe(ref h, 96);
        ref float wy = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_wya), _wyaOff);
        Vector256<float> p = Vector256<float>.Zero;
        for (nuint k = 0; k < 104; k += 8)
        {
            Vector256<float> a = VectorMath.Tanh(Vector256.LoadUnsafe(ref h, k));
            a.StoreUnsafe(ref h, k);
            p = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wy, k), a, p);
        }
        return VectorMath.Sigmoid(Vector256.Sum(p) + _by);
    }
}
