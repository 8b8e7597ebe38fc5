using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen.Benchmarks;

/// <summary>
/// Baseline: what an expert writes by hand for PyTorch's LSTM with AVX-512, for H = <typeparamref name="TSize"/>
/// (16, 32, 64, 128, or a multiple of 64 from 256: 256 and 512 for the peers benchmark), a dense input of 16 or a one-hot input over a vocabulary, and a y = 1 sigmoid head.
/// </summary>
/// <remarks>
/// <para>Layout, per tile of T rows (T = H up to 64; at H = 128 two tiles of 64, 16 accumulators each): one
/// 64-byte-aligned stream of columns, each column 4·T floats with the gates interleaved (rows of i, f, g, o of
/// this tile), the dense input's 16 columns of W_ih first and then the H columns of W_hh. All biases folded
/// (b_ih + b_hh per gate). One-hot input: a table of one row per token, 4·H floats in tile order, holding W_ih's
/// column for the token plus the folded biases: the input part of a step is one row read.</para>
/// <para>Kernel: register accumulators for i, f, g and o, the axpy form acc += column · h[j] with one broadcast
/// per column, FMA throughout, pointer-bumped loops; at H = 16 the accumulators are split by even and odd
/// columns (8 FMA chains instead of 4). c' = f ⊙ c + i ⊙ g in place, h' = o ⊙ tanh(c'), the same
/// <see cref="VectorMath"/> activations as the generated code; the head from the registers holding h'.
/// At H = 128 tile 0's h' waits in a scratch row until tile 1 has read all of h (c is updated in place: each
/// tile reads and writes only its own rows); so an instance is for one thread at a time.</para>
/// </remarks>
public sealed class ExpertLstm<TSize> where TSize : struct, IHiddenSize
{
    private const int Gates = 4;
    private const int DenseX = ExpertLayout.DenseInput;

    private static int H => TSize.H;
    private static int T => Vector512.IsHardwareAccelerated ? ExpertLayout.TileRows(TSize.H) : ExpertAvx2.TileRows;

    private readonly AlignedBuffer _w;       // per tile: [input columns][H recurrent columns], 4·T floats a column
    private readonly AlignedBuffer _init;    // dense: per tile [b_i | b_f | b_g | b_o]; one-hot: per token, per tile, W_ih·x + those
    private readonly AlignedBuffer _wy;      // head.weight, H floats
    private readonly AlignedBuffer _scratch; // H = 128: tile 0's h'
    private readonly AlignedBuffer _pre;     // a tile's sums before the gate arithmetic: [i | f | g | o], T floats each
    private readonly float _by;

    /// <summary>Dense input (16 columns) or one-hot over <see cref="InputSize"/> tokens.</summary>
    public bool OneHot { get; }

    /// <summary>16 for the dense input, the vocabulary size for one-hot.</summary>
    public int InputSize { get; }

    /// <summary>
    /// From PyTorch's tensors, row-major: weight_ih [4H, X], weight_hh [4H, H], bias_ih [4H], bias_hh [4H],
    /// head.weight [1, H], head.bias [1].
    /// </summary>
    public ExpertLstm(float[] wih, float[] whh, float[] bih, float[] bhh, float[] wy, float[] by, bool oneHot)
    {
        if (!Vector512.IsHardwareAccelerated && !ExpertAvx2.Supported) throw new PlatformNotSupportedException("The expert LSTM needs AVX-512 or AVX2 with FMA.");
        int h = H, t = T, tiles = h / t, l = Gates * t, x = wih.Length / (Gates * h);
        if (whh.Length != Gates * h * h || wy.Length != h || (!oneHot && x != DenseX)) throw new ArgumentException("Tensor shapes do not match the expert LSTM.");
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

        int rows = oneHot ? x : 1;
        _init = new AlignedBuffer(rows * h * Gates);
        Span<float> init = _init.Span;
        for (int token = 0, o = 0; token < rows; token++)
            for (int tile = 0; tile < tiles; tile++, o += l)
                for (int g = 0; g < Gates; g++)
                    for (int i = 0; i < t; i++)
                    {
                        int row = g * h + tile * t + i;
                        init[o + g * t + i] = bih[row] + bhh[row] + (oneHot ? wih[row * x + token] : 0f);
                    }

        _wy = new AlignedBuffer(h);
        wy.AsSpan(0, h).CopyTo(_wy.Span);
        _by = by[0];
        _scratch = new AlignedBuffer(Math.Max(T, H - 64));
        _pre = new AlignedBuffer(4 * (Vector512.IsHardwareAccelerated ? T : H));
    }

    /// <summary>
    /// One step on a dense x: <paramref name="h"/> and <paramref name="c"/> (H floats each, 64-byte aligned) are
    /// h&lt;t-1&gt; and c&lt;t-1&gt; on entry and h&lt;t&gt;, c&lt;t&gt; on return; returns ŷ&lt;t&gt;.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Step(ref float h, ref float c, ref float x)
    {
        if (OneHot) throw new InvalidOperationException("This expert LSTM was packed for a one-hot input.");
        return Sweep(ref h, ref c, ref x, ref _init.Start, DenseX);
    }

    /// <summary>One step on a one-hot x: <paramref name="h"/> and <paramref name="c"/> as for the dense step; <paramref name="token"/> is x&lt;t&gt;'s index.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Step(ref float h, ref float c, int token)
    {
        if (!OneHot) throw new InvalidOperationException("This expert LSTM was packed for a dense input.");
        if ((uint)token >= (uint)InputSize) throw new ArgumentOutOfRangeException(nameof(token));
        return Sweep(ref h, ref c, ref h, ref Unsafe.Add(ref _init.Start, (nint)token * (Gates * H)), 0);
    }

    /// <summary>The step for this size; <paramref name="nx"/> is a constant at each call (16 or 0), so every branch folds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Sweep(ref float h, ref float c, ref float x, ref float init, nuint nx)
    {
        if (!Vector512.IsHardwareAccelerated) return Sweep256(ref h, ref c, ref x, ref init, nx);
        ref float w = ref _w.Start;
        ref float wy = ref _wy.Start;
        ref float pre = ref _pre.Start;
        Vector512<float> p;
        if (H == 16) p = LstmTiles.Tile1(ref init, ref w, ref x, nx, ref h, 16, ref c, ref h, ref wy);
        else if (H == 32) p = LstmTiles.Tile2(ref init, ref w, ref x, nx, ref h, 32, ref c, ref h, ref wy, ref pre);
        else if (H == 64) p = LstmTiles.Tile4(ref init, ref w, ref x, nx, ref h, 64, ref c, ref h, ref wy, ref pre);
        else if (H > 128)
        {
            // H = 64·k (256, 512): tiles 0 to k − 2 into the scratch row, the last in place, then the scratch over h.
            ref float s = ref _scratch.Start;
            nuint tiles = (nuint)(H / 64), nh = (nuint)H;
            p = Vector512<float>.Zero;
            for (nuint tile = 0; tile < tiles; tile++)
            {
                ref float hNew = ref tile + 1 < tiles ? ref Unsafe.Add(ref s, tile * 64) : ref Unsafe.Add(ref h, tile * 64);
                p += LstmTiles.Tile4Apart(ref Unsafe.Add(ref init, tile * 256), ref Unsafe.Add(ref w, tile * (nx + nh) * 256), ref x, nx, ref h, nh,
                    ref Unsafe.Add(ref c, tile * 64), ref hNew, ref Unsafe.Add(ref wy, tile * 64), ref pre);
            }
            _scratch.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref h, H - 64));
        }
        else
        {
            ref float s = ref _scratch.Start;
            p = LstmTiles.Tile4Apart(ref init, ref w, ref x, nx, ref h, 128, ref c, ref s, ref wy, ref pre);
            p += LstmTiles.Tile4Apart(ref Unsafe.Add(ref init, 256), ref Unsafe.Add(ref w, (nx + 128) * 256), ref x, nx, ref h, 128,
                ref Unsafe.Add(ref c, 64), ref Unsafe.Add(ref h, 64), ref Unsafe.Add(ref wy, 64), ref pre);
            Vector512.LoadUnsafe(ref s, 0).StoreUnsafe(ref h, 0);
            Vector512.LoadUnsafe(ref s, 16).StoreUnsafe(ref h, 16);
            Vector512.LoadUnsafe(ref s, 32).StoreUnsafe(ref h, 32);
            Vector512.LoadUnsafe(ref s, 48).StoreUnsafe(ref h, 48);
        }
        return VectorMath.Sigmoid(Vector512.Sum(p) + _by);
    }

    /// <summary>The step with AVX2 (<see cref="ExpertAvx2"/>): every 16-row tile's sweeps, then one gate pass over h and c in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Sweep256(ref float h, ref float c, ref float x, ref float init, nuint nx)
    {
        const nuint t = ExpertAvx2.TileRows, l = Gates * t;
        nuint nh = (nuint)H;
        ref float w = ref _w.Start;
        ref float pre = ref _pre.Start;
        for (nuint tile = 0; tile < nh / t; tile++)
        {
            LstmTiles256.Tile(ref Unsafe.Add(ref init, tile * l), ref Unsafe.Add(ref w, tile * (nx + nh) * l), ref x, nx, ref h, nh,
                ref Unsafe.Add(ref pre, tile * l));
        }
        return VectorMath.Sigmoid(Vector256.Sum(LstmTiles256.Gates(ref pre, nh, ref h, ref c, ref _wy.Start)) + _by);
    }
}

/// <summary>
/// The LSTM's tiles of 1, 2 and 4 zmm per gate: both sweeps over one packed stream, the gates, c' in place
/// (<c>c</c> is this tile's rows), h' into <c>hNew</c>, and w_y · h' as a vector of partial sums.
/// </summary>
internal static class LstmTiles
{
    /// <summary>c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g), stored; returns h' = σ(o) ⊙ tanh(c').</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Gate(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, ref float c)
    {
        i = VectorMath.Sigmoid(i);
        f = VectorMath.Sigmoid(f);
        g = VectorMath.Tanh(g);
        o = VectorMath.Sigmoid(o);
        Vector512<float> cNew = Vector512.FusedMultiplyAdd(i, g, f * Vector512.LoadUnsafe(ref c));
        cNew.StoreUnsafe(ref c);
        return o * VectorMath.Tanh(cNew);
    }

    /// <summary>16 rows: one zmm per gate, the accumulators split by even and odd columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile1(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float c, ref float hNew, ref float wy)
    {
        const nuint L = 64;
        Vector512<float> i = Vector512.LoadUnsafe(ref init, 0), f = Vector512.LoadUnsafe(ref init, 16);
        Vector512<float> g = Vector512.LoadUnsafe(ref init, 32), o = Vector512.LoadUnsafe(ref init, 48);
        Vector512<float> ib = default, fb = default, gb = default, ob = default;
        ref float col = ref w;
        for (nuint j = 0; j < nx; j += 2)
        {
            Vector512<float> ve = Vector512.Create(Unsafe.Add(ref x, j)), vo = Vector512.Create(Unsafe.Add(ref x, j + 1));
            i = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), ve, i);
            ib = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 0), vo, ib);
            f = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), ve, f);
            fb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 16), vo, fb);
            g = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), ve, g);
            gb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 32), vo, gb);
            o = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), ve, o);
            ob = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 48), vo, ob);
            col = ref Unsafe.Add(ref col, 2 * L);
        }
        for (nuint j = 0; j < nh; j += 2)
        {
            Vector512<float> ve = Vector512.Create(Unsafe.Add(ref h, j)), vo = Vector512.Create(Unsafe.Add(ref h, j + 1));
            i = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), ve, i);
            ib = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 0), vo, ib);
            f = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), ve, f);
            fb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 16), vo, fb);
            g = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), ve, g);
            gb = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 32), vo, gb);
            o = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), ve, o);
            ob = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, L + 48), vo, ob);
            col = ref Unsafe.Add(ref col, 2 * L);
        }
        Vector512<float> h0 = Gate(i + ib, f + fb, g + gb, o + ob, ref c);
        h0.StoreUnsafe(ref hNew, 0);
        return Vector512.LoadUnsafe(ref wy, 0) * h0;
    }

    /// <summary>32 rows: two zmm per gate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile2(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float c, ref float hNew, ref float wy, ref float pre)
    {
        const nuint L = 128;
        Vector512<float> i0 = Vector512.LoadUnsafe(ref init, 0), i1 = Vector512.LoadUnsafe(ref init, 16);
        Vector512<float> f0 = Vector512.LoadUnsafe(ref init, 32), f1 = Vector512.LoadUnsafe(ref init, 48);
        Vector512<float> g0 = Vector512.LoadUnsafe(ref init, 64), g1 = Vector512.LoadUnsafe(ref init, 80);
        Vector512<float> o0 = Vector512.LoadUnsafe(ref init, 96), o1 = Vector512.LoadUnsafe(ref init, 112);
        ref float col = ref w;
        for (nuint j = 0; j < nx; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, j));
            i0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), v, i0);
            i1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), v, i1);
            f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), v, f0);
            f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), v, f1);
            g0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 64), v, g0);
            g1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 80), v, g1);
            o0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 96), v, o0);
            o1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 112), v, o1);
            col = ref Unsafe.Add(ref col, L);
        }
        for (nuint j = 0; j < nh; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref h, j));
            i0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), v, i0);
            i1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), v, i1);
            f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), v, f0);
            f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), v, f1);
            g0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 64), v, g0);
            g1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 80), v, g1);
            o0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 96), v, o0);
            o1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 112), v, o1);
            col = ref Unsafe.Add(ref col, L);
        }
        i0.StoreUnsafe(ref pre, 0); i1.StoreUnsafe(ref pre, 16);
        f0.StoreUnsafe(ref pre, 32); f1.StoreUnsafe(ref pre, 48);
        g0.StoreUnsafe(ref pre, 64); g1.StoreUnsafe(ref pre, 80);
        o0.StoreUnsafe(ref pre, 96); o1.StoreUnsafe(ref pre, 112);
        return Gates(ref pre, 32, ref c, ref hNew, ref wy);
    }

    /// <summary>64 rows: four zmm per gate, 16 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tile4(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float c, ref float hNew, ref float wy, ref float pre)
    {
        const nuint L = 256;
        Vector512<float> i0 = Vector512.LoadUnsafe(ref init, 0), i1 = Vector512.LoadUnsafe(ref init, 16), i2 = Vector512.LoadUnsafe(ref init, 32), i3 = Vector512.LoadUnsafe(ref init, 48);
        Vector512<float> f0 = Vector512.LoadUnsafe(ref init, 64), f1 = Vector512.LoadUnsafe(ref init, 80), f2 = Vector512.LoadUnsafe(ref init, 96), f3 = Vector512.LoadUnsafe(ref init, 112);
        Vector512<float> g0 = Vector512.LoadUnsafe(ref init, 128), g1 = Vector512.LoadUnsafe(ref init, 144), g2 = Vector512.LoadUnsafe(ref init, 160), g3 = Vector512.LoadUnsafe(ref init, 176);
        Vector512<float> o0 = Vector512.LoadUnsafe(ref init, 192), o1 = Vector512.LoadUnsafe(ref init, 208), o2 = Vector512.LoadUnsafe(ref init, 224), o3 = Vector512.LoadUnsafe(ref init, 240);
        ref float col = ref w;
        for (nuint j = 0; j < nx; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, j));
            i0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), v, i0);
            i1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), v, i1);
            i2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), v, i2);
            i3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), v, i3);
            f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 64), v, f0);
            f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 80), v, f1);
            f2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 96), v, f2);
            f3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 112), v, f3);
            g0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 128), v, g0);
            g1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 144), v, g1);
            g2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 160), v, g2);
            g3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 176), v, g3);
            o0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 192), v, o0);
            o1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 208), v, o1);
            o2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 224), v, o2);
            o3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 240), v, o3);
            col = ref Unsafe.Add(ref col, L);
        }
        for (nuint j = 0; j < nh; j++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref h, j));
            i0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 0), v, i0);
            i1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 16), v, i1);
            i2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 32), v, i2);
            i3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 48), v, i3);
            f0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 64), v, f0);
            f1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 80), v, f1);
            f2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 96), v, f2);
            f3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 112), v, f3);
            g0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 128), v, g0);
            g1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 144), v, g1);
            g2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 160), v, g2);
            g3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 176), v, g3);
            o0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 192), v, o0);
            o1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 208), v, o1);
            o2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 224), v, o2);
            o3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, 240), v, o3);
            col = ref Unsafe.Add(ref col, L);
        }
        i0.StoreUnsafe(ref pre, 0); i1.StoreUnsafe(ref pre, 16); i2.StoreUnsafe(ref pre, 32); i3.StoreUnsafe(ref pre, 48);
        f0.StoreUnsafe(ref pre, 64); f1.StoreUnsafe(ref pre, 80); f2.StoreUnsafe(ref pre, 96); f3.StoreUnsafe(ref pre, 112);
        g0.StoreUnsafe(ref pre, 128); g1.StoreUnsafe(ref pre, 144); g2.StoreUnsafe(ref pre, 160); g3.StoreUnsafe(ref pre, 176);
        o0.StoreUnsafe(ref pre, 192); o1.StoreUnsafe(ref pre, 208); o2.StoreUnsafe(ref pre, 224); o3.StoreUnsafe(ref pre, 240);
        return Gates(ref pre, 64, ref c, ref hNew, ref wy);
    }

    /// <summary>
    /// <see cref="Tile4"/> as a call of its own, for the two tiles of H = 128: inlined twice into one method, the JIT
    /// keeps the first tile's activation constants live through the second tile's sweeps and spills accumulators
    /// inside them; compiled alone, each tile gets all 32 registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Tile4Apart(ref float init, ref float w, ref float x, nuint nx, ref float h, nuint nh,
        ref float c, ref float hNew, ref float wy, ref float pre) =>
        Tile4(ref init, ref w, ref x, nx, ref h, nh, ref c, ref hNew, ref wy, ref pre);

    /// <summary>
    /// The gate arithmetic of a tile of <paramref name="rows"/> rows from the sums in <paramref name="pre"/>
    /// ([i | f | g | o], <paramref name="rows"/> floats each): one loop over the tile's vectors, so the activations'
    /// constants are loaded once and nothing spills. Returns w_y · h' as partial sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Gates(ref float pre, nuint rows, ref float c, ref float hNew, ref float wy)
    {
        Vector512<float> p = Vector512<float>.Zero;
        for (nuint k = 0; k < rows; k += 16)
        {
            Vector512<float> hk = Gate(Vector512.LoadUnsafe(ref pre, k), Vector512.LoadUnsafe(ref pre, rows + k),
                Vector512.LoadUnsafe(ref pre, 2 * rows + k), Vector512.LoadUnsafe(ref pre, 3 * rows + k), ref Unsafe.Add(ref c, k));
            hk.StoreUnsafe(ref hNew, k);
            p = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wy, k), hk, p);
        }
        return p;
    }
}
