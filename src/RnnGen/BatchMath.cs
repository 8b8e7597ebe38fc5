using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// The batched building blocks that generated <c>ForwardBatch</c> methods call: the operations of a
/// model's step program over a matrix of sequences instead of one vector. A matrix is <c>count</c>
/// rows (one per sequence being run) of <c>stride</c> floats, row-major, and every operation runs over
/// the first <c>count</c> rows only, so that sequences that have ended are left alone.
/// </summary>
/// <remarks>
/// <para>The one operation that costs is <see cref="AddProduct"/>, the recurrent product of every
/// sequence at once: a matrix-matrix product, tiled as an expert writes a GEMM micro-kernel (with 32
/// vector registers, AVX-512: 4 vectors of rows × 4 sequences in 16 accumulators; with 16, AVX2: 2 vectors ×
/// 6 sequences in 12), so that each weight vector loaded from memory feeds 4 or 6 sequences' fused
/// multiply-adds. Everything else is element-wise and runs over the whole matrix.</para>
/// <para>Each result element is a fixed sequence of the same float operations whatever the vector width
/// (<c>bits</c>: 512, 256 or 128, or 0 for the widest accelerated), the tile a sequence falls in, or the
/// other sequences of the batch, so a sequence's outputs do not depend on what it is batched with.</para>
/// <para>These are for generated code: they check nothing (the generated method has checked its
/// arguments and sized every matrix).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchMath
{
    /// <summary>The most sequences a generated ForwardBatch runs in lock-step; a larger batch runs in groups of this many.</summary>
    public const int GroupSize = 64;

    /// <summary>The vector width for <paramref name="bits"/>: itself, or for 0 the widest accelerated one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0, 128, 256 or 512.</exception>
    public static int Width(int bits) => bits switch
    {
        0 => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128,
        512 or 256 or 128 => bits,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "The kernels are for 512, 256 and 128 bits (0: the widest accelerated)."),
    };

    /// <summary>
    /// Checks a batch's lengths against its inputs and outputs, and returns the number of steps in all: every
    /// length is 0 or more, they add up to the steps the inputs hold, and the outputs have room for them all.
    /// </summary>
    /// <param name="lengths">Each sequence's number of steps.</param>
    /// <param name="inputSteps">The steps the packed inputs hold (tokens, or dense values / InputSize).</param>
    /// <param name="outputs">The room in the outputs, in steps.</param>
    /// <param name="inputs">The inputs' parameter name, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    /// <exception cref="ArgumentException">The lengths do not add up to the inputs, or the outputs are too short.</exception>
    public static int Steps(ReadOnlySpan<int> lengths, int inputSteps, int outputs, string inputs)
    {
        long total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(lengths), lengths[i], $"lengths[{i}] is {lengths[i]}: a sequence has 0 or more steps.");
            }
            total += lengths[i];
        }
        if (total != inputSteps)
        {
            throw new ArgumentException(
                $"The {lengths.Length} lengths add up to {total} steps, but {inputs} holds {inputSteps}.", inputs);
        }
        if (outputs < total)
        {
            throw new ArgumentException($"outputs has room for {outputs} steps but the sequences have {total}.", nameof(outputs));
        }
        return (int)total;
    }

    /// <summary>
    /// Orders sequences for lock-step runs: <paramref name="order"/> gets the indices of
    /// <paramref name="lengths"/> from the longest to the shortest (ties in index order), and
    /// <paramref name="starts"/> where each sequence starts in the packed inputs (the sum of the lengths
    /// before it). Then, at step t of a group, the sequences still running are a prefix of the group.
    /// </summary>
    /// <param name="lengths">Each sequence's number of steps (not negative).</param>
    /// <param name="order">At least as long as <paramref name="lengths"/>.</param>
    /// <param name="starts">At least as long as <paramref name="lengths"/>.</param>
    /// <param name="keys">Scratch of at least as many longs as <paramref name="lengths"/>.</param>
    public static void Order(ReadOnlySpan<int> lengths, Span<int> order, Span<int> starts, Span<long> keys)
    {
        int n = lengths.Length;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            starts[i] = start;
            start += lengths[i];
            // Longest first, then by index: the keys are distinct, so the unstable sort is deterministic.
            keys[i] = ((long)(int.MaxValue - lengths[i]) << 32) | (uint)i;
        }
        keys.Slice(0, n).Sort();
        for (int i = 0; i < n; i++) order[i] = (int)(keys[i] & 0xFFFF_FFFF);
    }

    /// <summary>The most steps a group of <see cref="GroupSize"/> sequences in <paramref name="order"/> has in all: what its sequence buffers hold.</summary>
    public static long MostStepsOfAGroup(ReadOnlySpan<int> lengths, ReadOnlySpan<int> order)
    {
        long most = 0;
        for (int first = 0; first < order.Length; first += GroupSize)
        {
            long steps = 0;
            for (int i = first; i < Math.Min(first + GroupSize, order.Length); i++) steps += lengths[order[i]];
            most = Math.Max(most, steps);
        }
        return most;
    }

    /// <summary>Where each sequence of a group starts in the group's sequence buffer (<paramref name="local"/>[i]); returns the group's steps in all.</summary>
    public static int GroupStarts(ReadOnlySpan<int> lengths, ReadOnlySpan<int> group, Span<int> local)
    {
        int steps = 0;
        for (int i = 0; i < group.Length; i++)
        {
            local[i] = steps;
            steps += lengths[group[i]];
        }
        return steps;
    }

    /// <summary>How many of a group's sequences (ordered longest first) still run at step <paramref name="step"/>.</summary>
    public static int Running(ReadOnlySpan<int> lengths, ReadOnlySpan<int> group, int step)
    {
        int n = group.Length;
        while (n > 0 && lengths[group[n - 1]] <= step) n--;
        return n;
    }

    /// <summary>
    /// <c>target[b][r] += Σ_j table[j][r] · vector[b][j]</c> for the first <paramref name="count"/> rows b and
    /// r &lt; <paramref name="rows"/> (a multiple of 4): a table packed by columns (row j of the table is column j of
    /// W) times every sequence's vector, summed over j in order.
    /// </summary>
    /// <param name="bits">The vector width: 512, 256, 128, or 0 for the widest accelerated.</param>
    /// <param name="target">The sums: a row of <paramref name="targetStride"/> floats per sequence.</param>
    /// <param name="targetStride">Floats per sequence of the target.</param>
    /// <param name="table">Column 0's first row of the table.</param>
    /// <param name="tableStride">Floats from one column to the next (in a tile, when the table is tiled).</param>
    /// <param name="rows">Rows of W to sum into.</param>
    /// <param name="vector">Each sequence's vector, <paramref name="vectorStride"/> floats apart.</param>
    /// <param name="vectorStride">Floats per sequence of the vectors.</param>
    /// <param name="columns">Columns of W: the vectors' length.</param>
    /// <param name="count">Sequences.</param>
    /// <param name="tileFloats">
    /// 0 for a table whose row j holds all the rows; otherwise the table comes in tiles of <see cref="TileRows"/> rows
    /// (<see cref="WeightPacking.PackGateColumns"/> with tiles), this many floats apart, and element (j, r) is at
    /// (r / 16) · tileFloats + j · tableStride + r % 16 (<paramref name="rows"/> is then a multiple of 16).
    /// </param>
    public static void AddProduct(
        int bits, ref float target, int targetStride, ref float table, int tableStride, int rows,
        ref float vector, int vectorStride, int columns, int count, int tileFloats = 0)
    {
        if (rows <= 0 || count <= 0) return;
        int done = Width(bits) switch
        {
            512 => Product<W512, Vector512<float>>(ref target, targetStride, ref table, tableStride, rows, ref vector, vectorStride, columns, count, tileFloats),
            256 => Product<W256, Vector256<float>>(ref target, targetStride, ref table, tableStride, rows, ref vector, vectorStride, columns, count, tileFloats),
            _ => 0,
        };
        if (done < rows)
        {
            Product<W128, Vector128<float>>(
                ref Unsafe.Add(ref target, done), targetStride, ref Unsafe.Add(ref table, TileOffset(done, tileFloats)), tableStride, rows - done,
                ref vector, vectorStride, columns, count, tileFloats);
        }
    }

    /// <summary>The rows of one tile of a tiled gate table (see <see cref="AddProduct"/>): one 512-bit vector, two 256-bit ones.</summary>
    public const int TileRows = 16;

    /// <summary>Where row <paramref name="row"/> of column 0 is in a table of tiles <paramref name="tileFloats"/> apart (0: not tiled).</summary>
    private static int TileOffset(int row, int tileFloats) => tileFloats == 0 ? row : (int)WeightPacking.GateRowOffset(row, TileRows, tileFloats);

    /// <summary>The product over the rows that fill whole vectors of this width; returns how many rows that was.</summary>
    private static int Product<W, V>(
        ref float target, int targetStride, ref float table, int tableStride, int rows, ref float vector, int vectorStride, int columns, int count,
        int tileFloats)
        where W : struct, IWidth<V>
        where V : struct
    {
        int vectors = rows / W.Lanes;
        // A tile's vectors: one tile for a tile of 2 (256-bit) or 4 (128-bit) vectors, which start at a tile's first row;
        // with 512-bit vectors each vector is a tile of its own, so the next is a tile further.
        int vs = tileFloats > 0 && W.Lanes == TileRows ? tileFloats : W.Lanes;
        int b = 0;
        if (W.Lanes < 16)
        {
            // 16 vector registers (AVX2, SSE): 4 × 4 accumulators with 4 weight vectors and a broadcast would spill, so
            // the tile is 2 vectors × 6 sequences (12 accumulators, 2 weight vectors, 1 broadcast: 15 registers).
            for (; b + 6 <= count; b += 6)
            {
                ref float t = ref Unsafe.Add(ref target, (nint)b * targetStride);
                ref float x = ref Unsafe.Add(ref vector, (nint)b * vectorStride);
                int v = 0;
                for (; v + 2 <= vectors; v += 2)
                {
                    Tile2x6<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), targetStride, ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), vs, tableStride, ref x, vectorStride, columns);
                }
                if (v < vectors)
                {
                    ref float tv = ref Unsafe.Add(ref t, v * W.Lanes);
                    ref float wv = ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats));
                    Tile1x4<W, V>(ref tv, targetStride, ref wv, tableStride, ref x, vectorStride, columns);
                    Tile1x1<W, V>(ref Unsafe.Add(ref tv, 4 * targetStride), ref wv, tableStride, ref Unsafe.Add(ref x, 4 * vectorStride), columns);
                    Tile1x1<W, V>(ref Unsafe.Add(ref tv, 5 * targetStride), ref wv, tableStride, ref Unsafe.Add(ref x, 5 * vectorStride), columns);
                }
            }
        }
        for (; b + 4 <= count; b += 4)
        {
            ref float t = ref Unsafe.Add(ref target, (nint)b * targetStride);
            ref float x = ref Unsafe.Add(ref vector, (nint)b * vectorStride);
            int v = 0;
            if (W.Lanes < 16)
            {
                for (; v + 2 <= vectors; v += 2)
                {
                    Tile2x4<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), targetStride, ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), vs, tableStride, ref x, vectorStride, columns);
                }
            }
            else
            {
                for (; v + 4 <= vectors; v += 4)
                {
                    Tile4x4<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), targetStride, ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), vs, tableStride, ref x, vectorStride, columns);
                }
            }
            for (; v < vectors; v++)
            {
                Tile1x4<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), targetStride, ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), tableStride, ref x, vectorStride, columns);
            }
        }
        for (; b < count; b++)
        {
            ref float t = ref Unsafe.Add(ref target, (nint)b * targetStride);
            ref float x = ref Unsafe.Add(ref vector, (nint)b * vectorStride);
            int v = 0;
            // 4 256-bit vectors are 2 tiles of a tiled table: those go one vector at a time.
            for (; v + 4 <= vectors && (tileFloats == 0 || W.Lanes != 8); v += 4)
            {
                Tile4x1<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), vs, tableStride, ref x, columns);
            }
            for (; v < vectors; v++)
            {
                Tile1x1<W, V>(ref Unsafe.Add(ref t, v * W.Lanes), ref Unsafe.Add(ref table, TileOffset(v * W.Lanes, tileFloats)), tableStride, ref x, columns);
            }
        }
        return vectors * W.Lanes;
    }

    // The micro-kernels: a tile of (vectors of rows) × (sequences) accumulators, loaded from the target, swept
    // over every column, stored back. Each weight vector is loaded once per tile and used by every sequence of it.

    private static void Tile4x4<W, V>(ref float t, int ts, ref float w, int vs, int ws, ref float x, int xs, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        int l = W.Lanes;
        ref float t1 = ref Unsafe.Add(ref t, ts);
        ref float t2 = ref Unsafe.Add(ref t1, ts);
        ref float t3 = ref Unsafe.Add(ref t2, ts);
        ref float x1 = ref Unsafe.Add(ref x, xs);
        ref float x2 = ref Unsafe.Add(ref x1, xs);
        ref float x3 = ref Unsafe.Add(ref x2, xs);
        V a00 = W.Load(ref t, 0), a10 = W.Load(ref t, l), a20 = W.Load(ref t, 2 * l), a30 = W.Load(ref t, 3 * l);
        V a01 = W.Load(ref t1, 0), a11 = W.Load(ref t1, l), a21 = W.Load(ref t1, 2 * l), a31 = W.Load(ref t1, 3 * l);
        V a02 = W.Load(ref t2, 0), a12 = W.Load(ref t2, l), a22 = W.Load(ref t2, 2 * l), a32 = W.Load(ref t2, 3 * l);
        V a03 = W.Load(ref t3, 0), a13 = W.Load(ref t3, l), a23 = W.Load(ref t3, 2 * l), a33 = W.Load(ref t3, 3 * l);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            V w0 = W.Load(ref column, 0), w1 = W.Load(ref column, vs), w2 = W.Load(ref column, 2 * vs), w3 = W.Load(ref column, 3 * vs);
            V s = W.Broadcast(Unsafe.Add(ref x, j));
            a00 = W.Fma(w0, s, a00); a10 = W.Fma(w1, s, a10); a20 = W.Fma(w2, s, a20); a30 = W.Fma(w3, s, a30);
            s = W.Broadcast(Unsafe.Add(ref x1, j));
            a01 = W.Fma(w0, s, a01); a11 = W.Fma(w1, s, a11); a21 = W.Fma(w2, s, a21); a31 = W.Fma(w3, s, a31);
            s = W.Broadcast(Unsafe.Add(ref x2, j));
            a02 = W.Fma(w0, s, a02); a12 = W.Fma(w1, s, a12); a22 = W.Fma(w2, s, a22); a32 = W.Fma(w3, s, a32);
            s = W.Broadcast(Unsafe.Add(ref x3, j));
            a03 = W.Fma(w0, s, a03); a13 = W.Fma(w1, s, a13); a23 = W.Fma(w2, s, a23); a33 = W.Fma(w3, s, a33);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a00, ref t, 0); W.Store(a10, ref t, l); W.Store(a20, ref t, 2 * l); W.Store(a30, ref t, 3 * l);
        W.Store(a01, ref t1, 0); W.Store(a11, ref t1, l); W.Store(a21, ref t1, 2 * l); W.Store(a31, ref t1, 3 * l);
        W.Store(a02, ref t2, 0); W.Store(a12, ref t2, l); W.Store(a22, ref t2, 2 * l); W.Store(a32, ref t2, 3 * l);
        W.Store(a03, ref t3, 0); W.Store(a13, ref t3, l); W.Store(a23, ref t3, 2 * l); W.Store(a33, ref t3, 3 * l);
    }

    private static void Tile2x6<W, V>(ref float t, int ts, ref float w, int vs, int ws, ref float x, int xs, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        int l = W.Lanes;
        ref float t1 = ref Unsafe.Add(ref t, ts);
        ref float t2 = ref Unsafe.Add(ref t1, ts);
        ref float t3 = ref Unsafe.Add(ref t2, ts);
        ref float t4 = ref Unsafe.Add(ref t3, ts);
        ref float t5 = ref Unsafe.Add(ref t4, ts);
        ref float x1 = ref Unsafe.Add(ref x, xs);
        ref float x2 = ref Unsafe.Add(ref x1, xs);
        ref float x3 = ref Unsafe.Add(ref x2, xs);
        ref float x4 = ref Unsafe.Add(ref x3, xs);
        ref float x5 = ref Unsafe.Add(ref x4, xs);
        V a00 = W.Load(ref t, 0), a10 = W.Load(ref t, l), a01 = W.Load(ref t1, 0), a11 = W.Load(ref t1, l);
        V a02 = W.Load(ref t2, 0), a12 = W.Load(ref t2, l), a03 = W.Load(ref t3, 0), a13 = W.Load(ref t3, l);
        V a04 = W.Load(ref t4, 0), a14 = W.Load(ref t4, l), a05 = W.Load(ref t5, 0), a15 = W.Load(ref t5, l);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            V w0 = W.Load(ref column, 0), w1 = W.Load(ref column, vs);
            V s = W.Broadcast(Unsafe.Add(ref x, j));
            a00 = W.Fma(w0, s, a00); a10 = W.Fma(w1, s, a10);
            s = W.Broadcast(Unsafe.Add(ref x1, j));
            a01 = W.Fma(w0, s, a01); a11 = W.Fma(w1, s, a11);
            s = W.Broadcast(Unsafe.Add(ref x2, j));
            a02 = W.Fma(w0, s, a02); a12 = W.Fma(w1, s, a12);
            s = W.Broadcast(Unsafe.Add(ref x3, j));
            a03 = W.Fma(w0, s, a03); a13 = W.Fma(w1, s, a13);
            s = W.Broadcast(Unsafe.Add(ref x4, j));
            a04 = W.Fma(w0, s, a04); a14 = W.Fma(w1, s, a14);
            s = W.Broadcast(Unsafe.Add(ref x5, j));
            a05 = W.Fma(w0, s, a05); a15 = W.Fma(w1, s, a15);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a00, ref t, 0); W.Store(a10, ref t, l); W.Store(a01, ref t1, 0); W.Store(a11, ref t1, l);
        W.Store(a02, ref t2, 0); W.Store(a12, ref t2, l); W.Store(a03, ref t3, 0); W.Store(a13, ref t3, l);
        W.Store(a04, ref t4, 0); W.Store(a14, ref t4, l); W.Store(a05, ref t5, 0); W.Store(a15, ref t5, l);
    }

    private static void Tile2x4<W, V>(ref float t, int ts, ref float w, int vs, int ws, ref float x, int xs, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        int l = W.Lanes;
        ref float t1 = ref Unsafe.Add(ref t, ts);
        ref float t2 = ref Unsafe.Add(ref t1, ts);
        ref float t3 = ref Unsafe.Add(ref t2, ts);
        ref float x1 = ref Unsafe.Add(ref x, xs);
        ref float x2 = ref Unsafe.Add(ref x1, xs);
        ref float x3 = ref Unsafe.Add(ref x2, xs);
        V a00 = W.Load(ref t, 0), a10 = W.Load(ref t, l), a01 = W.Load(ref t1, 0), a11 = W.Load(ref t1, l);
        V a02 = W.Load(ref t2, 0), a12 = W.Load(ref t2, l), a03 = W.Load(ref t3, 0), a13 = W.Load(ref t3, l);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            V w0 = W.Load(ref column, 0), w1 = W.Load(ref column, vs);
            V s = W.Broadcast(Unsafe.Add(ref x, j));
            a00 = W.Fma(w0, s, a00); a10 = W.Fma(w1, s, a10);
            s = W.Broadcast(Unsafe.Add(ref x1, j));
            a01 = W.Fma(w0, s, a01); a11 = W.Fma(w1, s, a11);
            s = W.Broadcast(Unsafe.Add(ref x2, j));
            a02 = W.Fma(w0, s, a02); a12 = W.Fma(w1, s, a12);
            s = W.Broadcast(Unsafe.Add(ref x3, j));
            a03 = W.Fma(w0, s, a03); a13 = W.Fma(w1, s, a13);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a00, ref t, 0); W.Store(a10, ref t, l); W.Store(a01, ref t1, 0); W.Store(a11, ref t1, l);
        W.Store(a02, ref t2, 0); W.Store(a12, ref t2, l); W.Store(a03, ref t3, 0); W.Store(a13, ref t3, l);
    }

    private static void Tile1x4<W, V>(ref float t, int ts, ref float w, int ws, ref float x, int xs, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        ref float t1 = ref Unsafe.Add(ref t, ts);
        ref float t2 = ref Unsafe.Add(ref t1, ts);
        ref float t3 = ref Unsafe.Add(ref t2, ts);
        ref float x1 = ref Unsafe.Add(ref x, xs);
        ref float x2 = ref Unsafe.Add(ref x1, xs);
        ref float x3 = ref Unsafe.Add(ref x2, xs);
        V a0 = W.Load(ref t, 0), a1 = W.Load(ref t1, 0), a2 = W.Load(ref t2, 0), a3 = W.Load(ref t3, 0);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            V w0 = W.Load(ref column, 0);
            a0 = W.Fma(w0, W.Broadcast(Unsafe.Add(ref x, j)), a0);
            a1 = W.Fma(w0, W.Broadcast(Unsafe.Add(ref x1, j)), a1);
            a2 = W.Fma(w0, W.Broadcast(Unsafe.Add(ref x2, j)), a2);
            a3 = W.Fma(w0, W.Broadcast(Unsafe.Add(ref x3, j)), a3);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a0, ref t, 0); W.Store(a1, ref t1, 0); W.Store(a2, ref t2, 0); W.Store(a3, ref t3, 0);
    }

    private static void Tile4x1<W, V>(ref float t, ref float w, int vs, int ws, ref float x, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        int l = W.Lanes;
        V a0 = W.Load(ref t, 0), a1 = W.Load(ref t, l), a2 = W.Load(ref t, 2 * l), a3 = W.Load(ref t, 3 * l);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            V s = W.Broadcast(Unsafe.Add(ref x, j));
            a0 = W.Fma(W.Load(ref column, 0), s, a0);
            a1 = W.Fma(W.Load(ref column, vs), s, a1);
            a2 = W.Fma(W.Load(ref column, 2 * vs), s, a2);
            a3 = W.Fma(W.Load(ref column, 3 * vs), s, a3);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a0, ref t, 0); W.Store(a1, ref t, l); W.Store(a2, ref t, 2 * l); W.Store(a3, ref t, 3 * l);
    }

    private static void Tile1x1<W, V>(ref float t, ref float w, int ws, ref float x, int columns)
        where W : struct, IWidth<V>
        where V : struct
    {
        V a0 = W.Load(ref t, 0);
        ref float column = ref w;
        for (int j = 0; j < columns; j++)
        {
            a0 = W.Fma(W.Load(ref column, 0), W.Broadcast(Unsafe.Add(ref x, j)), a0);
            column = ref Unsafe.Add(ref column, ws);
        }
        W.Store(a0, ref t, 0);
    }

    /// <summary>
    /// <c>target[b][k] = weights[k] · vector[b] + bias[k]</c> for k &lt; <paramref name="outputs"/>: the output head, one dot
    /// product of <paramref name="length"/> floats (a multiple of 16; the weights' padding is zero) per output and sequence.
    /// </summary>
    public static void Project(
        ref float target, int targetStride, ref float weights, int weightStride, int outputs, ref float bias,
        ref float vector, int vectorStride, int length, int count)
    {
        for (int b = 0; b < count; b++)
        {
            ref float y = ref Unsafe.Add(ref target, (nint)b * targetStride);
            ReadOnlySpan<float> x = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref vector, (nint)b * vectorStride), length);
            for (int k = 0; k < outputs; k++)
            {
                ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref weights, (nint)k * weightStride), length);
                Unsafe.Add(ref y, k) = Dot(row, x) + Unsafe.Add(ref bias, k);
            }
        }
    }

    /// <summary>A dot product in 16 lanes (or 4 where 512-bit vectors are not accelerated), then their sum.</summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16) acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), acc);
            sum = Vector512.Sum(acc);
        }
        Vector128<float> rest = Vector128<float>.Zero;
        for (; i + 4 <= n; i += 4) rest = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref pa, (nuint)i), Vector128.LoadUnsafe(ref pb, (nuint)i), rest);
        sum += Vector128.Sum(rest);
        for (; i < n; i++) sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        return sum;
    }

    /// <summary><c>target[b] = table[indices[b]][offset .. offset + width)</c>: the one-hot input's rows, one per sequence.</summary>
    public static void GatherRows(ref float target, int targetStride, ref float table, int tableStride, int offset, ReadOnlySpan<int> indices, int width)
    {
        for (int b = 0; b < indices.Length; b++)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref table, (nint)indices[b] * tableStride + offset), width)
                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, (nint)b * targetStride), width));
        }
    }

    /// <summary>Copies <paramref name="width"/> floats from <paramref name="source"/> + <paramref name="sourceAt"/> to <paramref name="target"/> + <paramref name="targetAt"/>: a row into or out of a matrix.</summary>
    public static void CopyRow(ref float source, nint sourceAt, ref float target, nint targetAt, int width) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, sourceAt), width).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, targetAt), width));

    /// <summary><c>target[b] = source</c> for every row: a bias starts the sums.</summary>
    public static void Broadcast(ref float target, int stride, ref float source, int width, int count)
    {
        ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref source, width);
        for (int b = 0; b < count; b++) row.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, (nint)b * stride), width));
    }

    /// <summary><c>target[b] = source[b]</c> for the first <paramref name="count"/> rows (both of <paramref name="stride"/> floats).</summary>
    public static void Copy(ref float target, ref float source, int stride, int count) =>
        MemoryMarshal.CreateReadOnlySpan(ref source, stride * count).CopyTo(MemoryMarshal.CreateSpan(ref target, stride * count));

    /// <summary><c>target[b][from .. to) = 0</c>: the padding of each row.</summary>
    public static void Zero(ref float target, int stride, int from, int to, int count)
    {
        for (int b = 0; b < count; b++) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, (nint)b * stride + from), to - from).Clear();
    }

    /// <summary><c>target = a ⊙ b</c> over <paramref name="length"/> floats (the operands may be the target).</summary>
    public static void Multiply(int bits, ref float target, ref float a, ref float b, int length) =>
        Map<Mul>(bits, ref target, ref a, ref b, length);

    /// <summary><c>target += a ⊙ b</c> over <paramref name="length"/> floats.</summary>
    public static void MultiplyAdd(int bits, ref float target, ref float a, ref float b, int length) =>
        Map<MulAdd>(bits, ref target, ref a, ref b, length);

    /// <summary><c>target = (1 − gate) ⊙ target + gate ⊙ other</c> over <paramref name="length"/> floats: a GRU's new state.</summary>
    public static void Mix(int bits, ref float target, ref float gate, ref float other, int length) =>
        Map<MixOp>(bits, ref target, ref gate, ref other, length);

    /// <summary>tanh in place over <paramref name="width"/> floats of each row.</summary>
    public static void Tanh(int bits, ref float target, int stride, int width, int count) => Apply<TanhOp>(bits, ref target, stride, width, count);

    /// <summary>The logistic sigmoid in place over <paramref name="width"/> floats of each row.</summary>
    public static void Sigmoid(int bits, ref float target, int stride, int width, int count) => Apply<SigmoidOp>(bits, ref target, stride, width, count);

    /// <summary>max(x, 0) in place over <paramref name="width"/> floats of each row.</summary>
    public static void Relu(int bits, ref float target, int stride, int width, int count) => Apply<ReluOp>(bits, ref target, stride, width, count);

    /// <summary>The softmax of the first <paramref name="width"/> floats of each row, in place.</summary>
    public static void Softmax(ref float target, int stride, int width, int count)
    {
        for (int b = 0; b < count; b++) VectorMath.Softmax(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, (nint)b * stride), width));
    }

    // ---- Element-wise maps, written once over the three widths -------------------------------------------

    private static void Apply<F>(int bits, ref float target, int stride, int width, int count)
        where F : struct, IUnary
    {
        if (width == stride)
        {
            Unary<F>(bits, ref target, width * count);
            return;
        }
        for (int b = 0; b < count; b++) Unary<F>(bits, ref Unsafe.Add(ref target, (nint)b * stride), width);
    }

    private static void Unary<F>(int bits, ref float target, int length)
        where F : struct, IUnary
    {
        int i = Width(bits) switch
        {
            512 => Unary<F, W512, Vector512<float>>(ref target, length),
            256 => Unary<F, W256, Vector256<float>>(ref target, length),
            _ => 0,
        };
        i += Unary<F, W128, Vector128<float>>(ref Unsafe.Add(ref target, i), length - i);
        for (; i < length; i++) Unsafe.Add(ref target, i) = W128.ToScalar(F.Apply<W128, Vector128<float>>(W128.Scalar(Unsafe.Add(ref target, i))));
    }

    private static int Unary<F, W, V>(ref float target, int length)
        where F : struct, IUnary
        where W : struct, IWidth<V>
        where V : struct
    {
        int i = 0;
        for (; i + W.Lanes <= length; i += W.Lanes) W.Store(F.Apply<W, V>(W.Load(ref target, i)), ref target, i);
        return i;
    }

    private static void Map<F>(int bits, ref float target, ref float a, ref float b, int length)
        where F : struct, ITernary
    {
        int i = Width(bits) switch
        {
            512 => Map<F, W512, Vector512<float>>(ref target, ref a, ref b, length),
            256 => Map<F, W256, Vector256<float>>(ref target, ref a, ref b, length),
            _ => 0,
        };
        i += Map<F, W128, Vector128<float>>(ref Unsafe.Add(ref target, i), ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), length - i);
        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) = W128.ToScalar(F.Apply<W128, Vector128<float>>(
                W128.Scalar(Unsafe.Add(ref target, i)), W128.Scalar(Unsafe.Add(ref a, i)), W128.Scalar(Unsafe.Add(ref b, i))));
        }
    }

    private static int Map<F, W, V>(ref float target, ref float a, ref float b, int length)
        where F : struct, ITernary
        where W : struct, IWidth<V>
        where V : struct
    {
        int i = 0;
        for (; i + W.Lanes <= length; i += W.Lanes) W.Store(F.Apply<W, V>(W.Load(ref target, i), W.Load(ref a, i), W.Load(ref b, i)), ref target, i);
        return i;
    }

    private interface IUnary
    {
        static abstract V Apply<W, V>(V x) where W : struct, IWidth<V> where V : struct;
    }

    private interface ITernary
    {
        static abstract V Apply<W, V>(V target, V a, V b) where W : struct, IWidth<V> where V : struct;
    }

    private struct TanhOp : IUnary
    {
        public static V Apply<W, V>(V x) where W : struct, IWidth<V> where V : struct => W.Tanh(x);
    }

    private struct SigmoidOp : IUnary
    {
        public static V Apply<W, V>(V x) where W : struct, IWidth<V> where V : struct => W.Sigmoid(x);
    }

    private struct ReluOp : IUnary
    {
        public static V Apply<W, V>(V x) where W : struct, IWidth<V> where V : struct => W.Relu(x);
    }

    private struct Mul : ITernary
    {
        public static V Apply<W, V>(V target, V a, V b) where W : struct, IWidth<V> where V : struct => W.Multiply(a, b);
    }

    private struct MulAdd : ITernary
    {
        public static V Apply<W, V>(V target, V a, V b) where W : struct, IWidth<V> where V : struct => W.Fma(a, b, target);
    }

    private struct MixOp : ITernary
    {
        // As the step kernels write it: gate ⊙ other + (1 − gate) ⊙ target, in one fused multiply-add.
        public static V Apply<W, V>(V target, V gate, V other) where W : struct, IWidth<V> where V : struct =>
            W.Fma(gate, other, W.Multiply(W.OneMinus(gate), target));
    }

    // ---- The three widths, as one interface the generic kernels are written over ---------------------------

    private interface IWidth<V>
        where V : struct
    {
        static abstract int Lanes { get; }

        static abstract V Load(ref float at, int offset);

        static abstract void Store(V value, ref float at, int offset);

        static abstract V Broadcast(float value);

        static abstract V Fma(V a, V b, V c);

        static abstract V Multiply(V a, V b);

        static abstract V OneMinus(V a);

        static abstract V Tanh(V x);

        static abstract V Sigmoid(V x);

        static abstract V Relu(V x);
    }

    private struct W512 : IWidth<Vector512<float>>
    {
        public static int Lanes => 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float at, int offset) => Vector512.LoadUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> value, ref float at, int offset) => value.StoreUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> OneMinus(Vector512<float> a) => Vector512<float>.One - a;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Tanh(Vector512<float> x) => VectorMath.Tanh(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Sigmoid(Vector512<float> x) => VectorMath.Sigmoid(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Relu(Vector512<float> x) => VectorMath.Relu(x);
    }

    private struct W256 : IWidth<Vector256<float>>
    {
        public static int Lanes => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float at, int offset) => Vector256.LoadUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> value, ref float at, int offset) => value.StoreUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> OneMinus(Vector256<float> a) => Vector256<float>.One - a;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Tanh(Vector256<float> x) => VectorMath.Tanh(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Sigmoid(Vector256<float> x) => VectorMath.Sigmoid(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Relu(Vector256<float> x) => VectorMath.Relu(x);
    }

    private struct W128 : IWidth<Vector128<float>>
    {
        public static int Lanes => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Load(ref float at, int offset) => Vector128.LoadUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<float> value, ref float at, int offset) => value.StoreUnsafe(ref at, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> OneMinus(Vector128<float> a) => Vector128<float>.One - a;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Tanh(Vector128<float> x) => VectorMath.Tanh(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sigmoid(Vector128<float> x) => VectorMath.Sigmoid(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Relu(Vector128<float> x) => VectorMath.Relu(x);

        public static Vector128<float> Scalar(float value) => Vector128.CreateScalar(value);

        public static float ToScalar(Vector128<float> value) => value.ToScalar();
    }
}
