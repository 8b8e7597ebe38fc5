using System;

namespace RnnGen;

/// <summary>
/// Lays weight tensors out for generated kernels: 64-byte aligned rows of a padded stride, zero in
/// the padding. Generated constructors call these once at load time; the layouts are described by
/// the step program's packed tables.
/// </summary>
public static class WeightPacking
{
    /// <summary>
    /// Row i of the result is column i of <paramref name="matrix"/> (<paramref name="rows"/> × <paramref name="columns"/>,
    /// row-major), plus <paramref name="bias"/> when one is given: so W · v is a sum of rows weighted by v[i].
    /// </summary>
    /// <param name="matrix">rows × columns values, row-major.</param>
    /// <param name="rows">The matrix's rows (at most <paramref name="stride"/>).</param>
    /// <param name="columns">The matrix's columns: the result's rows.</param>
    /// <param name="stride">Floats per row of the result.</param>
    /// <param name="bias">Empty, or <paramref name="rows"/> values added to every row of the result.</param>
    /// <exception cref="ArgumentException">A span's length does not match the sizes.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "Generated code calls both overloads; firstRow and rowCount are required in the second, so no call is ambiguous.")]
    public static AlignedBuffer PackColumns(ReadOnlySpan<float> matrix, int rows, int columns, int stride, ReadOnlySpan<float> bias = default) =>
        PackColumns(matrix, rows, columns, stride, 0, rows, bias);

    /// <summary>
    /// As <see cref="PackColumns(ReadOnlySpan{float}, int, int, int, ReadOnlySpan{float})"/>, for the matrix's rows
    /// <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rowCount"/> − 1 only: row i of the
    /// result holds those elements of column i. Kernels keep the last rows of a state that does not fill a
    /// 16-float vector in a table of their own, with a narrower stride, so that no step loads padding.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match the sizes, or the rows are out of range.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "Generated code calls both overloads; firstRow and rowCount are required in the second, so no call is ambiguous.")]
    public static AlignedBuffer PackColumns(
        ReadOnlySpan<float> matrix, int rows, int columns, int stride, int firstRow, int rowCount, ReadOnlySpan<float> bias = default)
    {
        var packed = new AlignedBuffer(checked(columns * stride));
        PackColumnsInto(packed, matrix, rows, columns, stride, firstRow, rowCount, bias);
        return packed;
    }

    /// <summary>
    /// As <see cref="PackColumns(ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float})"/>, into a table of that
    /// layout that exists already (a trainer repacks its model after every update): only the values are written, the
    /// padding stays as it is.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length or the target's does not match the sizes.</exception>
    public static void PackColumnsInto(
        AlignedBuffer target, ReadOnlySpan<float> matrix, int rows, int columns, int stride, int firstRow, int rowCount, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(target);
        Check(matrix, (long)rows * columns, nameof(matrix));
        if (!bias.IsEmpty) Check(bias, rows, nameof(bias));
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > rows)
        {
            throw new ArgumentException($"Rows {firstRow} to {firstRow + rowCount - 1} are not rows of a matrix of {rows}.", nameof(firstRow));
        }
        CheckStride(rowCount, stride);
        CheckTarget(target, (long)columns * stride);
        Span<float> to = target.Span;
        // A transpose, in blocks of 64 columns so that the rows written stay in cache while every row of the matrix passes.
        const int Block = 64;
        for (int first = 0; first < columns; first += Block)
        {
            int end = Math.Min(columns, first + Block);
            for (int r = 0; r < rowCount; r++)
            {
                int i = firstRow + r;
                ReadOnlySpan<float> row = matrix.Slice(i * columns, columns);
                float b = bias.IsEmpty ? 0f : bias[i];
                if (bias.IsEmpty) for (int j = first; j < end; j++) to[j * stride + r] = row[j];
                else for (int j = first; j < end; j++) to[j * stride + r] = row[j] + b;
            }
        }
    }

    /// <summary>
    /// The input table of a one-hot first layer: row t holds, for each gate g, the block
    /// W_ih[g] · E[t] + b_ih[g] (+ b_hh[g] when bit g of <paramref name="recurrentBiasGates"/> is set), each block
    /// padded to <paramref name="gateStride"/>. Without an embedding, E[t] is the one-hot vector of t, so the block
    /// is column t of W_ih[g]. Sums are computed in double and rounded once.
    /// </summary>
    /// <param name="weightIh">W_ih: gates × hidden rows, inputs columns, row-major (PyTorch's stacked gates).</param>
    /// <param name="gates">The gate blocks (1, 3 or 4).</param>
    /// <param name="hidden">a.</param>
    /// <param name="inputs">The columns of W_ih: the embedding's size, or the vocabulary's without an embedding.</param>
    /// <param name="biasIh">b_ih: gates × hidden.</param>
    /// <param name="biasHh">b_hh: gates × hidden.</param>
    /// <param name="recurrentBiasGates">A bit per gate whose b_hh is folded in.</param>
    /// <param name="embedding">E: tokens × inputs, row-major, or empty for none.</param>
    /// <param name="tokens">The table's rows: the vocabulary's size.</param>
    /// <param name="gateStride">Floats per gate block (hidden padded to 16).</param>
    /// <exception cref="ArgumentException">A span's length does not match the sizes.</exception>
    public static AlignedBuffer PackInputTable(
        ReadOnlySpan<float> weightIh, int gates, int hidden, int inputs, ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh,
        int recurrentBiasGates, ReadOnlySpan<float> embedding, int tokens, int gateStride)
    {
        var packed = new AlignedBuffer(checked(tokens * gates * gateStride));
        PackInputTableInto(packed, weightIh, gates, hidden, inputs, biasIh, biasHh, recurrentBiasGates, embedding, tokens, gateStride);
        return packed;
    }

    /// <summary>As <see cref="PackInputTable"/>, into a table of that layout that exists already; the padding stays as it is.</summary>
    /// <exception cref="ArgumentException">A span's length or the target's does not match the sizes.</exception>
    public static void PackInputTableInto(
        AlignedBuffer target, ReadOnlySpan<float> weightIh, int gates, int hidden, int inputs, ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh,
        int recurrentBiasGates, ReadOnlySpan<float> embedding, int tokens, int gateStride)
    {
        ArgumentNullException.ThrowIfNull(target);
        int rows = gates * hidden;
        Check(weightIh, (long)rows * inputs, nameof(weightIh));
        Check(biasIh, rows, nameof(biasIh));
        Check(biasHh, rows, nameof(biasHh));
        if (embedding.IsEmpty) { if (inputs != tokens) throw new ArgumentException($"Without an embedding W_ih needs one column per token ({tokens}), not {inputs}.", nameof(inputs)); }
        else Check(embedding, (long)tokens * inputs, nameof(embedding));
        CheckStride(hidden, gateStride);
        int rowStride = checked(gates * gateStride);
        CheckTarget(target, (long)tokens * rowStride);
        Span<float> to = target.Span;
        for (int t = 0; t < tokens; t++)
        {
            for (int g = 0; g < gates; g++)
            {
                bool fold = (recurrentBiasGates & (1 << g)) != 0;
                for (int i = 0; i < hidden; i++)
                {
                    int r = g * hidden + i;
                    double sum = biasIh[r] + (fold ? (double)biasHh[r] : 0.0);
                    if (embedding.IsEmpty)
                    {
                        sum += weightIh[r * inputs + t];
                    }
                    else
                    {
                        ReadOnlySpan<float> w = weightIh.Slice(r * inputs, inputs);
                        ReadOnlySpan<float> e = embedding.Slice(t * inputs, inputs);
                        for (int j = 0; j < inputs; j++) sum += (double)w[j] * e[j];
                    }
                    to[t * rowStride + g * gateStride + i] = (float)sum;
                }
            }
        }
    }

    /// <summary>Rows <paramref name="firstRow"/> … of <paramref name="bias"/> (+ the same rows of <paramref name="recurrentBias"/>, when not empty), padded.</summary>
    /// <exception cref="ArgumentException">The rows are out of range.</exception>
    public static AlignedBuffer PackGateBias(ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentBias, int firstRow, int count, int stride)
    {
        var packed = new AlignedBuffer(stride);
        PackGateBiasInto(packed, bias, recurrentBias, firstRow, count, stride);
        return packed;
    }

    /// <summary>As <see cref="PackGateBias"/>, into a table of that layout that exists already.</summary>
    /// <exception cref="ArgumentException">The rows are out of range, or the target's length is not the stride.</exception>
    public static void PackGateBiasInto(AlignedBuffer target, ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentBias, int firstRow, int count, int stride)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (firstRow < 0 || count < 0 || firstRow + count > bias.Length) throw new ArgumentException("The rows are not rows of the bias.", nameof(firstRow));
        if (!recurrentBias.IsEmpty) Check(recurrentBias, bias.Length, nameof(recurrentBias));
        CheckStride(count, stride);
        CheckTarget(target, stride);
        Span<float> to = target.Span;
        for (int i = 0; i < count; i++) to[i] = recurrentBias.IsEmpty ? bias[firstRow + i] : bias[firstRow + i] + recurrentBias[firstRow + i];
    }

    /// <summary>
    /// Row j of the result (<paramref name="columnStride"/> floats) holds, for each of <paramref name="gates"/> blocks of
    /// <paramref name="hidden"/> rows of <paramref name="matrix"/> (PyTorch's stacked gates), rows <paramref name="firstRow"/> …
    /// of that block of column j, in <paramref name="blockStride"/> floats each: a sweep over the columns reads every gate
    /// from one stream. A column stride past the gates' blocks is padding (zero), which generated code uses to keep the
    /// stride an odd number of cache lines.
    /// </summary>
    /// <remarks>
    /// With <paramref name="tileRows"/> above 0 the rows come in tiles of that many, one table after another: tile k holds
    /// rows k·tileRows … of every gate in the layout above (its rows numbered from 0), so that a kernel whose registers hold
    /// one tile's rows reads one contiguous stream. Element (column j, gate g, row r) is at
    /// (r / tileRows) · columns · columnStride + j · columnStride + g · blockStride + r % tileRows; with 0, at
    /// j · columnStride + g · blockStride + r.
    /// </remarks>
    /// <exception cref="ArgumentException">A span's length does not match the sizes, or the rows are out of range.</exception>
    public static AlignedBuffer PackGateColumns(
        ReadOnlySpan<float> matrix, int gates, int hidden, int columns, int firstRow, int rowCount, int blockStride, int columnStride, int tileRows = 0)
    {
        var packed = new AlignedBuffer(checked(GateTiles(rowCount, tileRows) * columns * columnStride));
        PackGateColumnsInto(packed, matrix, gates, hidden, columns, firstRow, rowCount, blockStride, columnStride, tileRows);
        return packed;
    }

    /// <summary>As <see cref="PackGateColumns"/>, into a table of that layout that exists already; the padding stays as it is.</summary>
    /// <exception cref="ArgumentException">A span's length or the target's does not match the sizes, or the rows are out of range.</exception>
    public static void PackGateColumnsInto(
        AlignedBuffer target, ReadOnlySpan<float> matrix, int gates, int hidden, int columns, int firstRow, int rowCount, int blockStride, int columnStride,
        int tileRows = 0)
    {
        ArgumentNullException.ThrowIfNull(target);
        Check(matrix, (long)gates * hidden * columns, nameof(matrix));
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > hidden)
        {
            throw new ArgumentException($"Rows {firstRow} to {firstRow + rowCount - 1} are not rows of a gate of {hidden}.", nameof(firstRow));
        }
        int tiles = GateTiles(rowCount, tileRows);
        int perTile = tileRows > 0 ? tileRows : rowCount;
        CheckStride(Math.Min(rowCount, perTile), blockStride);
        CheckStride(checked(gates * blockStride), columnStride);
        int stride = columnStride;
        long tileFloats = (long)columns * stride;
        CheckTarget(target, tiles * tileFloats);
        Span<float> to = target.Span;
        for (int g = 0; g < gates; g++)
        {
            for (int r = 0; r < rowCount; r++)
            {
                ReadOnlySpan<float> row = matrix.Slice((g * hidden + firstRow + r) * columns, columns);
                Span<float> block = to.Slice((int)GateRowOffset(r, perTile, tileFloats) + g * blockStride);
                for (int j = 0; j < columns; j++) block[j * stride] = row[j];
            }
        }
    }

    /// <summary>
    /// Where row <paramref name="row"/> of gate 0 of column 0 is in a gate table of tiles of <paramref name="perTile"/> rows,
    /// <paramref name="tileFloats"/> apart (one tile holding every row when the table has none): the layout of
    /// <see cref="PackGateColumns"/>, which its adjoint and <see cref="BatchMath.AddProduct"/> read too.
    /// </summary>
    internal static long GateRowOffset(int row, int perTile, long tileFloats) => row / perTile * tileFloats + row % perTile;

    /// <summary>How many tiles of <paramref name="tileRows"/> rows (0: all of them in one) hold <paramref name="rowCount"/> rows.</summary>
    internal static int GateTiles(int rowCount, int tileRows)
    {
        if (tileRows < 0) throw new ArgumentOutOfRangeException(nameof(tileRows), tileRows, "A gate table's tiles have 0 (no tiles) or more rows.");
        return tileRows == 0 ? 1 : (rowCount + tileRows - 1) / tileRows;
    }

    /// <summary>Row k of the result is row k of <paramref name="matrix"/>, padded to <paramref name="stride"/>.</summary>
    /// <exception cref="ArgumentException">The span's length does not match the sizes.</exception>
    public static AlignedBuffer PackRows(ReadOnlySpan<float> matrix, int rows, int columns, int stride)
    {
        var packed = new AlignedBuffer(checked(rows * stride));
        PackRowsInto(packed, matrix, rows, columns, stride);
        return packed;
    }

    /// <summary>As <see cref="PackRows"/>, into a table of that layout that exists already; the padding stays as it is.</summary>
    /// <exception cref="ArgumentException">The span's length or the target's does not match the sizes.</exception>
    public static void PackRowsInto(AlignedBuffer target, ReadOnlySpan<float> matrix, int rows, int columns, int stride)
    {
        ArgumentNullException.ThrowIfNull(target);
        Check(matrix, (long)rows * columns, nameof(matrix));
        CheckStride(columns, stride);
        CheckTarget(target, (long)rows * stride);
        Span<float> to = target.Span;
        for (int k = 0; k < rows; k++) matrix.Slice(k * columns, columns).CopyTo(to.Slice(k * stride, columns));
    }

    /// <summary>The vector, padded with zeros to <paramref name="stride"/>.</summary>
    /// <exception cref="ArgumentException">The vector is longer than the stride.</exception>
    public static AlignedBuffer PackVector(ReadOnlySpan<float> vector, int stride)
    {
        CheckStride(vector.Length, stride);
        var packed = new AlignedBuffer(stride);
        vector.CopyTo(packed.Span);
        return packed;
    }

    /// <summary>As <see cref="PackVector"/>, into a vector that exists already; the padding stays as it is.</summary>
    /// <exception cref="ArgumentException">The vector is longer than the target.</exception>
    public static void PackVectorInto(AlignedBuffer target, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckStride(vector.Length, target.Length);
        vector.CopyTo(target.Span);
    }

    /// <summary>The element-wise sum of two vectors of one length, in a new array (PyTorch's two biases as the textbook's one).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float[] Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Check(b, a.Length, nameof(b));
        var sum = new float[a.Length];
        for (int i = 0; i < a.Length; i++) sum[i] = a[i] + b[i];
        return sum;
    }

    private static void Check(ReadOnlySpan<float> values, long expected, string name)
    {
        if (values.Length != expected)
        {
            throw new ArgumentException($"{name} must hold {expected} values, but it holds {values.Length}.", name);
        }
    }

    private static void CheckTarget(AlignedBuffer target, long expected)
    {
        if (target.Length != expected)
        {
            throw new ArgumentException($"The table must hold {expected} values, but it holds {target.Length}.", nameof(target));
        }
    }

    private static void CheckStride(int length, int stride)
    {
        if (length > stride) throw new ArgumentException($"A row of {length} values does not fit a stride of {stride}.", nameof(stride));
    }
}
