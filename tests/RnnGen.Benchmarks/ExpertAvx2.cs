using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnGen.Benchmarks;

/// <summary>
/// The expert kernels' form for a machine with AVX2 and FMA but no AVX-512 (16 ymm registers of 8 floats), which
/// <see cref="ExpertGru{TSize}"/>, <see cref="ExpertLstm{TSize}"/> and <see cref="ExpertRnn"/> take when
/// <see cref="Vector512"/> is not accelerated, so that the baselines exist on every machine the generated code runs on.
/// </summary>
/// <remarks>
/// What changes against the AVX-512 form is what an expert changes for half as many registers of half the width:
/// tiles of <see cref="TileRows"/> = 16 rows (2 ymm per gate), packed exactly as before (the packing is written for any
/// tile height), every tile's sweeps first into one buffer of sums, then one pass of gate arithmetic over all of h,
/// which may then write h' in place (no scratch row: no tile reads h after the gates run).
/// </remarks>
internal static class ExpertAvx2
{
    /// <summary>Rows of a tile: 2 ymm per gate, so the GRU's 3 gates with even and odd column sets (12 accumulators)
    /// or the LSTM's 4 gates (8 accumulators) fit the 16 ymm registers beside the broadcasts.</summary>
    public const int TileRows = 16;

    /// <summary>Whether this machine runs the form: 256-bit vectors with fused multiply-add.</summary>
    public static bool Supported => Vector256.IsHardwareAccelerated && Fma.IsSupported;
}

/// <summary>The GRU's 16-row tile and gate pass for AVX2 (<see cref="ExpertAvx2"/>).</summary>
internal static class GruTiles256
{
    private const nuint L = 3 * ExpertAvx2.TileRows; // one column of a tile: r, z, n rows

    /// <summary>
    /// One tile's sweeps: r, z and n's input part from <paramref name="init"/> over the <paramref name="nx"/> input
    /// columns, then r, z and m = W_hn·h + b_hn over the <paramref name="nh"/> recurrent ones, even and odd columns
    /// into separate registers (12 FMA chains, enough for two FMA pipes of latency 4 to 5); the sums go to
    /// <paramref name="pre"/> as [r | z | n | m], 16 floats each. <paramref name="nx"/> and <paramref name="nh"/> are even.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh, ref float bhn, ref float pre)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref init, 0), r1 = Vector256.LoadUnsafe(ref init, 8);
        Vector256<float> z0 = Vector256.LoadUnsafe(ref init, 16), z1 = Vector256.LoadUnsafe(ref init, 24);
        Vector256<float> n0 = Vector256.LoadUnsafe(ref init, 32), n1 = Vector256.LoadUnsafe(ref init, 40);
        Vector256<float> r2 = default, r3 = default, z2 = default, z3 = default, n2 = default, n3 = default;
        ref float c = ref w;
        for (nuint j = 0; j < nx; j += 2)
        {
            Vector256<float> ve = Vector256.Create(Unsafe.Add(ref x, j)), vo = Vector256.Create(Unsafe.Add(ref x, j + 1));
            r0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 0), ve, r0);
            r1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 8), ve, r1);
            z0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 16), ve, z0);
            z1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 24), ve, z1);
            n0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 32), ve, n0);
            n1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 40), ve, n1);
            r2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 0), vo, r2);
            r3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 8), vo, r3);
            z2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 16), vo, z2);
            z3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 24), vo, z3);
            n2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 32), vo, n2);
            n3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 40), vo, n3);
            c = ref Unsafe.Add(ref c, 2 * L);
        }
        (n0 + n2).StoreUnsafe(ref pre, 32);
        (n1 + n3).StoreUnsafe(ref pre, 40);
        Vector256<float> m0 = Vector256.LoadUnsafe(ref bhn, 0), m1 = Vector256.LoadUnsafe(ref bhn, 8);
        Vector256<float> m2 = default, m3 = default;
        for (nuint j = 0; j < nh; j += 2)
        {
            Vector256<float> ve = Vector256.Create(Unsafe.Add(ref h, j)), vo = Vector256.Create(Unsafe.Add(ref h, j + 1));
            r0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 0), ve, r0);
            r1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 8), ve, r1);
            z0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 16), ve, z0);
            z1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 24), ve, z1);
            m0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 32), ve, m0);
            m1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 40), ve, m1);
            r2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 0), vo, r2);
            r3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 8), vo, r3);
            z2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 16), vo, z2);
            z3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 24), vo, z3);
            m2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 32), vo, m2);
            m3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, L + 40), vo, m3);
            c = ref Unsafe.Add(ref c, 2 * L);
        }
        (r0 + r2).StoreUnsafe(ref pre, 0);
        (r1 + r3).StoreUnsafe(ref pre, 8);
        (z0 + z2).StoreUnsafe(ref pre, 16);
        (z1 + z3).StoreUnsafe(ref pre, 24);
        (m0 + m2).StoreUnsafe(ref pre, 48);
        (m1 + m3).StoreUnsafe(ref pre, 56);
    }

    /// <summary>
    /// h' = n + z ⊙ (h − n) with r scaling only m, over all <paramref name="hidden"/> rows from the tiles' sums, in place;
    /// returns w_y · h' as partial sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gates(ref float pre, nuint hidden, ref float h, ref float wy)
    {
        Vector256<float> p = Vector256<float>.Zero;
        for (nuint k = 0; k < hidden; k += 8)
        {
            ref float s = ref Unsafe.Add(ref pre, k / 16 * 64 + k % 16);
            Vector256<float> r = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref s, 0));
            Vector256<float> z = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref s, 16));
            Vector256<float> n = VectorMath.Tanh(Vector256.FusedMultiplyAdd(r, Vector256.LoadUnsafe(ref s, 48), Vector256.LoadUnsafe(ref s, 32)));
            Vector256<float> hk = Vector256.FusedMultiplyAdd(z, Vector256.LoadUnsafe(ref h, k) - n, n);
            hk.StoreUnsafe(ref h, k);
            p = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wy, k), hk, p);
        }
        return p;
    }
}

/// <summary>The LSTM's 16-row tile and gate pass for AVX2 (<see cref="ExpertAvx2"/>).</summary>
internal static class LstmTiles256
{
    private const nuint L = 4 * ExpertAvx2.TileRows; // one column of a tile: i, f, g, o rows

    /// <summary>
    /// One tile's sweeps: i, f, g and o (2 ymm each, 8 FMA chains) from <paramref name="init"/> over the
    /// <paramref name="nx"/> input columns and the <paramref name="nh"/> recurrent ones; the sums go to
    /// <paramref name="pre"/> as [i | f | g | o], 16 floats each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh, ref float pre)
    {
        Vector256<float> i0 = Vector256.LoadUnsafe(ref init, 0), i1 = Vector256.LoadUnsafe(ref init, 8);
        Vector256<float> f0 = Vector256.LoadUnsafe(ref init, 16), f1 = Vector256.LoadUnsafe(ref init, 24);
        Vector256<float> g0 = Vector256.LoadUnsafe(ref init, 32), g1 = Vector256.LoadUnsafe(ref init, 40);
        Vector256<float> o0 = Vector256.LoadUnsafe(ref init, 48), o1 = Vector256.LoadUnsafe(ref init, 56);
        ref float c = ref w;
        for (nuint j = 0; j < nx; j++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, j));
            i0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 0), v, i0);
            i1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 8), v, i1);
            f0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 16), v, f0);
            f1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 24), v, f1);
            g0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 32), v, g0);
            g1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 40), v, g1);
            o0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 48), v, o0);
            o1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 56), v, o1);
            c = ref Unsafe.Add(ref c, L);
        }
        for (nuint j = 0; j < nh; j++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref h, j));
            i0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 0), v, i0);
            i1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 8), v, i1);
            f0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 16), v, f0);
            f1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 24), v, f1);
            g0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 32), v, g0);
            g1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 40), v, g1);
            o0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 48), v, o0);
            o1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, 56), v, o1);
            c = ref Unsafe.Add(ref c, L);
        }
        i0.StoreUnsafe(ref pre, 0); i1.StoreUnsafe(ref pre, 8);
        f0.StoreUnsafe(ref pre, 16); f1.StoreUnsafe(ref pre, 24);
        g0.StoreUnsafe(ref pre, 32); g1.StoreUnsafe(ref pre, 40);
        o0.StoreUnsafe(ref pre, 48); o1.StoreUnsafe(ref pre, 56);
    }

    /// <summary>c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g), h' = σ(o) ⊙ tanh(c'), both in place over all rows; returns w_y · h' as partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gates(ref float pre, nuint hidden, ref float h, ref float c, ref float wy)
    {
        Vector256<float> p = Vector256<float>.Zero;
        for (nuint k = 0; k < hidden; k += 8)
        {
            ref float s = ref Unsafe.Add(ref pre, k / 16 * 64 + k % 16);
            Vector256<float> i = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref s, 0));
            Vector256<float> f = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref s, 16));
            Vector256<float> g = VectorMath.Tanh(Vector256.LoadUnsafe(ref s, 32));
            Vector256<float> o = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref s, 48));
            Vector256<float> cNew = Vector256.FusedMultiplyAdd(i, g, f * Vector256.LoadUnsafe(ref c, k));
            cNew.StoreUnsafe(ref c, k);
            Vector256<float> hk = o * VectorMath.Tanh(cNew);
            hk.StoreUnsafe(ref h, k);
            p = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wy, k), hk, p);
        }
        return p;
    }
}
