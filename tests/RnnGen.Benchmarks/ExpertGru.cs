using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen.Benchmarks;

/// <summary>
/// Baseline: what an expert writes by hand for PyTorch's GRU with AVX-512, for H = <typeparamref name="TSize"/>
/// (16, 32, 64, 128, or a multiple of 64 from 256: 256 and 512 for the peers benchmark), a dense input of 16 or a one-hot input over a vocabulary, and a y = 1 sigmoid head.
/// </summary>
/// <remarks>
/// <para>Layout, per tile of T rows (T = H up to 64; at H = 128 two tiles of 64, so the accumulators fit the 32 zmm
/// registers): one 64-byte-aligned stream of columns, each column 3·T floats with the gates interleaved
/// (rows of r, then z, then n, of this tile only), the dense input's 16 columns of W_ih first and then the H
/// columns of W_hh, so both sweeps of a tile read one contiguous stream and the tiles read disjoint ones.
/// Biases: b_ir + b_hr and b_iz + b_hz folded, b_in kept for n's input part and b_hn for its recurrent part
/// (r scales only b_hn). One-hot input: a table of one row per token, 3·H floats in tile order, holding
/// W_ih's column for the token plus the folded biases, so the input part of a step is one row read.</para>
/// <para>Kernel: register accumulators (r, z, n, and m = W_hn·h + b_hn), the axpy form acc += column · h[j]
/// with one broadcast per column, FMA throughout, pointer-bumped loops. At H = 16 the accumulators are split
/// by even and odd columns (6 dependent FMA chains instead of 3, to hide the FMA latency). Gate arithmetic:
/// h' = n + z ⊙ (h − n). The same <see cref="VectorMath"/> sigmoid and tanh as the generated code, so only
/// the kernel's structure differs. The head y = σ(w_y · h' + b_y) is taken from the registers holding h'.
/// At H = 128 tile 0's h' waits in a scratch row until tile 1 has read all of h; so an instance is for one
/// thread at a time.</para>
/// </remarks>
public sealed class ExpertGru<TSize> where TSize : struct, IHiddenSize
{
    private const int Gates = 3;
    private const int DenseX = ExpertLayout.DenseInput;

    private static int H => TSize.H;
    private static int T => Vector512.IsHardwareAccelerated ? ExpertLayout.TileRows(TSize.H) : ExpertAvx2.TileRows;

    private readonly AlignedBuffer _w;       // per tile: [input columns][H recurrent columns], 3·T floats a column
    private readonly AlignedBuffer _init;    // dense: per tile [b_r | b_z | b_in]; one-hot: per token, per tile, W_ih·x + those biases
    private readonly AlignedBuffer _bhn;     // b_hn, H floats
    private readonly AlignedBuffer _wy;      // head.weight, H floats
    private readonly AlignedBuffer _scratch; // H ≥ 128: every tile's h' but the last
    private readonly AlignedBuffer _pre;     // a tile's sums before the gate arithmetic: [r | z | n | m], T floats each
    private readonly float _by;

    /// <summary>Dense input (16 columns) or one-hot over <see cref="InputSize"/> tokens.</summary>
    public bool OneHot { get; }

    /// <summary>16 for the dense input, the vocabulary size for one-hot.</summary>
    public int InputSize { get; }

    /// <summary>
    /// From PyTorch's tensors, row-major: weight_ih [3H, X], weight_hh [3H, H], bias_ih [3H], bias_hh [3H],
    /// head.weight [1, H], head.bias [1].
    /// </summary>
    public ExpertGru(float[] wih, float[] whh, float[] bih, float[] bhh, float[] wy, float[] by, bool oneHot)
    {
        if (!Vector512.IsHardwareAccelerated && !ExpertAvx2.Supported) throw new PlatformNotSupportedException("The expert GRU needs AVX-512 or AVX2 with FMA.");
        int h = H, t = T, tiles = h / t, l = Gates * t, x = wih.Length / (Gates * h);
        if (whh.Length != Gates * h * h || wy.Length != h || (!oneHot && x != DenseX)) throw new ArgumentException("Tensor shapes do not match the expert GRU.");
        OneHot = oneHot;
        InputSize = x;
        int nx = oneHot ? 0 : x;

        _w = new AlignedBuffer(tiles * (nx + h) * l);
        Span<float> w = _w.Span;
        for (int tile = 0, o = 0; tile < tiles; tile++)
        {
            for (int j = 0; j < nx; j++, o += l)
                for (int g = 0; g < Gates; g++)
                    for (int i = 0; i < t; i++) w[o + g * t + i] = wih[(g * h + tile * t + i) * x + j];
            for (int j = 0; j < h; j++, o += l)
                for (int g = 0; g < Gates; g++)
                    for (int i = 0; i < t; i++) w[o + g * t + i] = whh[(g * h + tile * t + i) * h + j];
        }

        // The input part's start: the folded biases, plus W_ih's column of the token for one-hot.
        float Bias(int g, int row) => bih[g * h + row] + (g < 2 ? bhh[g * h + row] : 0f);
        int rows = oneHot ? x : 1;
        _init = new AlignedBuffer(rows * h * Gates);
        Span<float> init = _init.Span;
        for (int token = 0, o = 0; token < rows; token++)
            for (int tile = 0; tile < tiles; tile++, o += l)
                for (int g = 0; g < Gates; g++)
                    for (int i = 0; i < t; i++)
                    {
                        int row = tile * t + i;
                        init[o + g * t + i] = Bias(g, row) + (oneHot ? wih[(g * h + row) * x + token] : 0f);
                    }

        _bhn = new AlignedBuffer(h);
        bhh.AsSpan(2 * h, h).CopyTo(_bhn.Span);
        _wy = new AlignedBuffer(h);
        wy.AsSpan(0, h).CopyTo(_wy.Span);
        _by = by[0];
        _scratch = new AlignedBuffer(Math.Max(T, H - 64));
        _pre = new AlignedBuffer(4 * (Vector512.IsHardwareAccelerated ? T : H));
    }

    /// <summary>One step on a dense x: <paramref name="h"/> (H floats, 64-byte aligned) is h&lt;t-1&gt; on entry and h&lt;t&gt; on return; returns ŷ&lt;t&gt;.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Step(ref float h, ref float x)
    {
        if (OneHot) throw new InvalidOperationException("This expert GRU was packed for a one-hot input.");
        return Sweep(ref h, ref x, ref _init.Start, DenseX);
    }

    /// <summary>One step on a one-hot x: <paramref name="h"/> as for the dense step; <paramref name="token"/> is x&lt;t&gt;'s index.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Step(ref float h, int token)
    {
        if (!OneHot) throw new InvalidOperationException("This expert GRU was packed for a dense input.");
        if ((uint)token >= (uint)InputSize) throw new ArgumentOutOfRangeException(nameof(token));
        return Sweep(ref h, ref h, ref Unsafe.Add(ref _init.Start, (nint)token * (Gates * H)), 0);
    }

    /// <summary>
    /// The step for this size; <paramref name="nx"/> is a constant at each call (16 or 0), so after inlining every
    /// branch on the size and the input folds and the loops have constant trip counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Sweep(ref float h, ref float x, ref float init, nuint nx)
    {
        if (!Vector512.IsHardwareAccelerated) return Sweep256(ref h, ref x, ref init, nx);
        ref float w = ref _w.Start;
        ref float bhn = ref _bhn.Start;
        ref float wy = ref _wy.Start;
        ref float pre = ref _pre.Start;
        Vector512<float> p;
        if (H == 16) p = GruTiles.Tile1(ref init, ref w, ref x, nx, ref h, 16, ref bhn, ref h, ref h, ref wy);
        else if (H == 32) p = GruTiles.Tile2(ref init, ref w, ref x, nx, ref h, 32, ref bhn, ref h, ref h, ref wy, ref pre);
        else if (H == 64) p = GruTiles.Tile4(ref init, ref w, ref x, nx, ref h, 64, ref bhn, ref h, ref h, ref wy, ref pre);
        else if (H > 128)
        {
            // H = 64·k (256, 512): as at 128, tiles 0 to k − 2 into the scratch row, the last tile in place once its
            // sweep has read h, then the scratch over the old rows. Waa no longer fits in registers' reach of L1, so the
            // tiles' streams are read from L2 (or beyond) every step, like the generated code's.
            ref float s = ref _scratch.Start;
            nuint tiles = (nuint)(H / 64), nh = (nuint)H;
            p = Vector512<float>.Zero;
            for (nuint tile = 0; tile < tiles; tile++)
            {
                ref float hNew = ref tile + 1 < tiles ? ref Unsafe.Add(ref s, tile * 64) : ref Unsafe.Add(ref h, tile * 64);
                p += GruTiles.Tile4Apart(ref Unsafe.Add(ref init, tile * 192), ref Unsafe.Add(ref w, tile * (nx + nh) * 192), ref x, nx, ref h, nh,
                    ref Unsafe.Add(ref bhn, tile * 64), ref Unsafe.Add(ref h, tile * 64), ref hNew, ref Unsafe.Add(ref wy, tile * 64), ref pre);
            }
            _scratch.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref h, H - 64));
        }
        else
        {
            // Tile 0 (rows 0 to 63) into the scratch row, tile 1 (rows 64 to 127) in place once its sweep has read h,
            // then tile 0's rows over the old ones.
            ref float s = ref _scratch.Start;
            p = GruTiles.Tile4Apart(ref init, ref w, ref x, nx, ref h, 128, ref bhn, ref h, ref s, ref wy, ref pre);
            p += GruTiles.Tile4Apart(ref Unsafe.Add(ref init, 192), ref Unsafe.Add(ref w, (nx + 128) * 192), ref x, nx, ref h, 128,
                ref Unsafe.Add(ref bhn, 64), ref Unsafe.Add(ref h, 64), ref Unsafe.Add(ref h, 64), ref Unsafe.Add(ref wy, 64), ref pre);
            Vector512.LoadUnsafe(ref s, 0).StoreUnsafe(ref h, 0);
            Vector512.LoadUnsafe(ref s, 16).StoreUnsafe(ref h, 16);
            Vector512.LoadUnsafe(ref s, 32).StoreUnsafe(ref h, 32);
            Vector512.LoadUnsafe(ref s, 48).StoreUnsafe(ref h, 48);
        }
        return VectorMath.Sigmoid(Vector512.Sum(p) + _by);
    }

    /// <summary>The step with AVX2 (<see cref="ExpertAvx2"/>): every 16-row tile's sweeps, then one gate pass over h in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Sweep256(ref float h, ref float x, ref float init, nuint nx)
    {
        const nuint t = ExpertAvx2.TileRows, l = Gates * t;
        nuint nh = (nuint)H;
        ref float w = ref _w.Start;
        ref float pre = ref _pre.Start;
        for (nuint tile = 0; tile < nh / t; tile++)
        {
            GruTiles256.Tile(ref Unsafe.Add(ref init, tile * l), ref Unsafe.Add(ref w, tile * (nx + nh) * l), ref x, nx, ref h, nh,
                ref Unsafe.Add(ref _bhn.Start, tile * t), ref Unsafe.Add(ref pre, tile * 4 * t));
        }
        return VectorMath.Sigmoid(Vector256.Sum(GruTiles256.Gates(ref pre, nh, ref h, ref _wy.Start)) + _by);
    }
}

/// <summary>
/// The GRU's tiles of 1, 2 and 4 zmm per gate: both sweeps over one packed stream (<c>nx</c> input columns,
/// then <c>nh</c> recurrent ones), the gates, h' into <c>hNew</c>, and w_y · h' as a vector of partial sums.
/// </summary>
internal static class GruTiles
{
    /// <summary>h' = (1 − z) ⊙ n + z ⊙ h, as n + z ⊙ (h − n); r scales only W_hn·h + b_hn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Gate(Vector512<float> r, Vector512<float> z, Vector512<float> n, Vector512<float> m, Vector512<float> hOld)
    {
        r = VectorMath.Sigmoid(r);
        z = VectorMath.Sigmoid(z);
        n = VectorMath.Tanh(Vector512.FusedMultiplyAdd(r, m, n));
        return Vector512.FusedMultiplyAdd(z, hOld - n, n);
    }

    /// <summary>16 rows: one zmm per gate, the accumulators split by even and odd columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile1(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float bhn, ref float hOld, ref float hNew, ref float wy)
    {
        const nuint L = 48;
        Vector512<float> r = Vector512.LoadUnsafe(ref init, 0), z = Vector512.LoadUnsafe(ref init, 16), n = Vector512.LoadUnsafe(ref init, 32);
        Vector512<float> rb = default, zb = default, nb = default;
        ref float c = ref w;
        for (nuint j = 0; j < nx; j += 2)
        {
            Vector512<float> ve = Vector512.Create(Unsafe.Add(ref x, j)), vo = Vector512.Create(Unsafe.Add(ref x, j + 1));
            r = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), ve, r);
            rb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 0), vo, rb);
            z = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), ve, z);
            zb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 16), vo, zb);
            n = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), ve, n);
            nb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 32), vo, nb);
            c = ref Unsafe.Add(ref c, 2 * L);
        }
        Vector512<float> m = Vector512.LoadUnsafe(ref bhn, 0), mb = default;
        for (nuint j = 0; j < nh; j += 2)
        {
            Vector512<float> ve = Vector512.Create(Unsafe.Add(ref h, j)), vo = Vector512.Create(Unsafe.Add(ref h, j + 1));
            r = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), ve, r);
            rb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 0), vo, rb);
            z = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), ve, z);
            zb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 16), vo, zb);
            m = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), ve, m);
            mb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, L + 32), vo, mb);
            c = ref Unsafe.Add(ref c, 2 * L);
        }
        Vector512<float> h0 = Gate(r + rb, z + zb, n + nb, m + mb, Vector512.LoadUnsafe(ref hOld, 0));
        h0.StoreUnsafe(ref hNew, 0);
        return Vector512.LoadUnsafe(ref wy, 0) * h0;
    }

    /// <summary>32 rows: two zmm per gate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile2(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float bhn, ref float hOld, ref float hNew, ref float wy, ref float pre)
    {
        const nuint L = 96;
        Vector512<float> r0 = Vector512.LoadUnsafe(ref init, 0), r1 = Vector512.LoadUnsafe(ref init, 16);
        Vector512<float> z0 = Vector512.LoadUnsafe(ref init, 32), z1 = Vector512.LoadUnsafe(ref init, 48);
        Vector512<float> n0 = Vector512.LoadUnsafe(ref init, 64), n1 = Vector512.LoadUnsafe(ref init, 80);
        ref float c = ref w;
        for (nuint j = 0; j < nx; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0);
            r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, z0);
            z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, z1);
            n0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, n0);
            n1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, n1);
            c = ref Unsafe.Add(ref c, L);
        }
        Vector512<float> m0 = Vector512.LoadUnsafe(ref bhn, 0), m1 = Vector512.LoadUnsafe(ref bhn, 16);
        for (nuint j = 0; j < nh; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref h, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0);
            r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, z0);
            z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, z1);
            m0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, m0);
            m1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, m1);
            c = ref Unsafe.Add(ref c, L);
        }
        r0.StoreUnsafe(ref pre, 0); r1.StoreUnsafe(ref pre, 16);
        z0.StoreUnsafe(ref pre, 32); z1.StoreUnsafe(ref pre, 48);
        n0.StoreUnsafe(ref pre, 64); n1.StoreUnsafe(ref pre, 80);
        m0.StoreUnsafe(ref pre, 96); m1.StoreUnsafe(ref pre, 112);
        return Gates(ref pre, 32, ref hOld, ref hNew, ref wy);
    }

    /// <summary>64 rows: four zmm per gate, 16 accumulators live through the recurrent sweep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile4(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float bhn, ref float hOld, ref float hNew, ref float wy, ref float pre)
    {
        const nuint L = 192;
        Vector512<float> r0 = Vector512.LoadUnsafe(ref init, 0), r1 = Vector512.LoadUnsafe(ref init, 16), r2 = Vector512.LoadUnsafe(ref init, 32), r3 = Vector512.LoadUnsafe(ref init, 48);
        Vector512<float> z0 = Vector512.LoadUnsafe(ref init, 64), z1 = Vector512.LoadUnsafe(ref init, 80), z2 = Vector512.LoadUnsafe(ref init, 96), z3 = Vector512.LoadUnsafe(ref init, 112);
        Vector512<float> n0 = Vector512.LoadUnsafe(ref init, 128), n1 = Vector512.LoadUnsafe(ref init, 144), n2 = Vector512.LoadUnsafe(ref init, 160), n3 = Vector512.LoadUnsafe(ref init, 176);
        ref float c = ref w;
        for (nuint j = 0; j < nx; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0);
            r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            r2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, r2);
            r3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, r3);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, z0);
            z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, z1);
            z2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 96), v, z2);
            z3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 112), v, z3);
            n0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 128), v, n0);
            n1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 144), v, n1);
            n2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 160), v, n2);
            n3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 176), v, n3);
            c = ref Unsafe.Add(ref c, L);
        }
        Vector512<float> m0 = Vector512.LoadUnsafe(ref bhn, 0), m1 = Vector512.LoadUnsafe(ref bhn, 16), m2 = Vector512.LoadUnsafe(ref bhn, 32), m3 = Vector512.LoadUnsafe(ref bhn, 48);
        for (nuint j = 0; j < nh; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref h, j));
            r0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 0), v, r0);
            r1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 16), v, r1);
            r2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 32), v, r2);
            r3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 48), v, r3);
            z0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 64), v, z0);
            z1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 80), v, z1);
            z2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 96), v, z2);
            z3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 112), v, z3);
            m0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 128), v, m0);
            m1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 144), v, m1);
            m2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 160), v, m2);
            m3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref c, 176), v, m3);
            c = ref Unsafe.Add(ref c, L);
        }
        r0.StoreUnsafe(ref pre, 0); r1.StoreUnsafe(ref pre, 16); r2.StoreUnsafe(ref pre, 32); r3.StoreUnsafe(ref pre, 48);
        z0.StoreUnsafe(ref pre, 64); z1.StoreUnsafe(ref pre, 80); z2.StoreUnsafe(ref pre, 96); z3.StoreUnsafe(ref pre, 112);
        n0.StoreUnsafe(ref pre, 128); n1.StoreUnsafe(ref pre, 144); n2.StoreUnsafe(ref pre, 160); n3.StoreUnsafe(ref pre, 176);
        m0.StoreUnsafe(ref pre, 192); m1.StoreUnsafe(ref pre, 208); m2.StoreUnsafe(ref pre, 224); m3.StoreUnsafe(ref pre, 240);
        return Gates(ref pre, 64, ref hOld, ref hNew, ref wy);
    }

    /// <summary>
    /// <see cref="Tile4"/> as a call of its own, for the two tiles of H = 128: inlined twice into one method, the JIT
    /// keeps the activations' constants of the first tile in registers through the second tile's sweeps and spills
    /// accumulators inside them; compiled alone, each tile gets all 32 registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Tile4Apart(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float bhn, ref float hOld, ref float hNew, ref float wy, ref float pre) =>
        Tile4(ref init, ref w, ref x, nx, ref h, nh, ref bhn, ref hOld, ref hNew, ref wy, ref pre);

    /// <summary>
    /// The gate arithmetic of a tile of <paramref name="rows"/> rows, from the sums the sweeps left in <paramref name="pre"/>
    /// ([r | z | n | m], <paramref name="rows"/> floats each): one loop over the tile's vectors, so the activations'
    /// constants are loaded once and nothing spills (written out per vector, the JIT keeps ~20 constants and the 16
    /// sums live at once and spills ~100 zmm to the stack at H = 64). Returns w_y · h' as partial sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Gates(ref float pre, nuint rows, ref float hOld, ref float hNew, ref float wy)
    {
        Vector512<float> p = Vector512<float>.Zero;
        for (nuint k = 0; k < rows; k += 16)
        {
            Vector512<float> hk = Gate(Vector512.LoadUnsafe(ref pre, k), Vector512.LoadUnsafe(ref pre, rows + k),
                Vector512.LoadUnsafe(ref pre, 2 * rows + k), Vector512.LoadUnsafe(ref pre, 3 * rows + k), Vector512.LoadUnsafe(ref hOld, k));
            hk.StoreUnsafe(ref hNew, k);
            p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, k), hk, p);
        }
        return p;
    }
}
