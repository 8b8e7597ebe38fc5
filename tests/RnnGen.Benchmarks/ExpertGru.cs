using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnGen.Benchmarks;

/// <summary>
/// Baseline: what an expert writes by hand for PyTorch's GRU at H = 64 with a dense input of 16 and a y = 1
/// sigmoid head, with AVX-512: every gate's weights stored by columns (64 rows = 4 zmm per column), 64-byte
/// aligned; b_ir + b_hr and b_iz + b_hz folded, b_in and b_hn kept apart (r scales b_hn); 16 accumulators
/// (r, z, the input part of n, and W_hn · h + b_hn) through one sweep over x and one over h; the same
/// RnnGen.VectorMath sigmoid and tanh as the generated code, so only the kernel differs.
/// </summary>
public sealed class ExpertGru
{
    public const int H = 64;
    public const int X = 16;

    private readonly float[] _w;   // [x columns: r z n blocks of 64][h columns: r z n blocks of 64], 192 floats a column
    private readonly int _wOff;
    private readonly float[] _b;   // b_r, b_z, b_in, b_hn: 4 × 64
    private readonly int _bOff;
    private readonly float[] _wy;
    private readonly int _wyOff;
    private readonly float _by;

    /// <summary>From PyTorch's tensors: weight_ih [192, 16], weight_hh [192, 64], bias_ih [192], bias_hh [192], head.weight [1, 64], head.bias [1].</summary>
    public ExpertGru(float[] wih, float[] whh, float[] bih, float[] bhh, float[] wy, float[] by)
    {
        (_w, _wOff) = ExpertRnn.Aligned((X + H) * 3 * H);
        for (int j = 0; j < X; j++) for (int r = 0; r < 3 * H; r++) _w[_wOff + j * 3 * H + r] = wih[r * X + j];
        for (int j = 0; j < H; j++) for (int r = 0; r < 3 * H; r++) _w[_wOff + (X + j) * 3 * H + r] = whh[r * H + j];
        (_b, _bOff) = ExpertRnn.Aligned(4 * H);
        for (int i = 0; i < H; i++)
        {
            _b[_bOff + i] = bih[i] + bhh[i];
            _b[_bOff + H + i] = bih[H + i] + bhh[H + i];
            _b[_bOff + 2 * H + i] = bih[2 * H + i];
            _b[_bOff + 3 * H + i] = bhh[2 * H + i];
        }
        (_wy, _wyOff) = ExpertRnn.Aligned(H);
        Array.Copy(wy, 0, _wy, _wyOff, H);
        _by = by[0];
    }

    /// <summary>One step: <paramref name="h"/> (64 floats, 64-byte aligned) is h&lt;t-1&gt; on entry and h&lt;t&gt; on return; returns ŷ&lt;t&gt;.</summary>
    public float Step(ref float h, ref float x)
    {
        ref float w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_w), _wOff);
        ref float b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_b), _bOff);
        Vector512<float> r0 = Vector512.LoadUnsafe(ref b, 0), r1 = Vector512.LoadUnsafe(ref b, 16), r2 = Vector512.LoadUnsafe(ref b, 32), r3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> z0 = Vector512.LoadUnsafe(ref b, 64), z1 = Vector512.LoadUnsafe(ref b, 80), z2 = Vector512.LoadUnsafe(ref b, 96), z3 = Vector512.LoadUnsafe(ref b, 112);
        Vector512<float> n0 = Vector512.LoadUnsafe(ref b, 128), n1 = Vector512.LoadUnsafe(ref b, 144), n2 = Vector512.LoadUnsafe(ref b, 160), n3 = Vector512.LoadUnsafe(ref b, 176);
        Vector512<float> m0 = Vector512.LoadUnsafe(ref b, 192), m1 = Vector512.LoadUnsafe(ref b, 208), m2 = Vector512.LoadUnsafe(ref b, 224), m3 = Vector512.LoadUnsafe(ref b, 240);
        for (nuint j = 0; j < X; j++)
        {
            ref float c = ref Unsafe.Add(ref w, j * 3 * H);
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0); r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            r2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, r2); r3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, r3);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, z0); z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, z1);
            z2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 96), v, z2); z3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 112), v, z3);
            n0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 128), v, n0); n1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 144), v, n1);
            n2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 160), v, n2); n3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 176), v, n3);
        }
        for (nuint j = 0; j < H; j++)
        {
            ref float c = ref Unsafe.Add(ref w, (X + j) * 3 * H);
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref h, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0); r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            r2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, r2); r3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, r3);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, z0); z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, z1);
            z2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 96), v, z2); z3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 112), v, z3);
            m0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 128), v, m0); m1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 144), v, m1);
            m2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 160), v, m2); m3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 176), v, m3);
        }
        Vector512<float> one = Vector512<float>.One;
        static Vector512<float> Gate(Vector512<float> r, Vector512<float> z, Vector512<float> n, Vector512<float> m, Vector512<float> hOld, Vector512<float> one)
        {
            r = VectorMath.Sigmoid(r);
            z = VectorMath.Sigmoid(z);
            n = VectorMath.Tanh(Vector512.FusedMultiplyAdd(r, m, n));
            return Vector512.FusedMultiplyAdd(z, hOld, (one - z) * n);
        }
        Vector512<float> h0 = Gate(r0, z0, n0, m0, Vector512.LoadUnsafe(ref h, 0), one);
        Vector512<float> h1 = Gate(r1, z1, n1, m1, Vector512.LoadUnsafe(ref h, 16), one);
        Vector512<float> h2 = Gate(r2, z2, n2, m2, Vector512.LoadUnsafe(ref h, 32), one);
        Vector512<float> h3 = Gate(r3, z3, n3, m3, Vector512.LoadUnsafe(ref h, 48), one);
        h0.StoreUnsafe(ref h, 0); h1.StoreUnsafe(ref h, 16); h2.StoreUnsafe(ref h, 32); h3.StoreUnsafe(ref h, 48);
        ref float wy = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_wy), _wyOff);
        Vector512<float> p = Vector512.LoadUnsafe(ref wy, 0) * h0;
        Vector512<float> q = Vector512.LoadUnsafe(ref wy, 16) * h1;
        p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 32), h2, p);
        q = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, 48), h3, q);
        return VectorMath.Sigmoid(Vector512.Sum(p + q) + _by);
    }
}
