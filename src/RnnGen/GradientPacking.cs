using System;
using System.ComponentModel;

namespace RnnGen;

/// <summary>
/// The transposes of <see cref="WeightPacking"/>: a gradient with respect to a packed table, added into the gradients
/// of the tensors the table was packed from. Packing is linear in every tensor (an input table with an embedding is
/// bilinear in W_ih and E), so each method is the exact adjoint of the packing call of the same name: generated
/// training code computes gradients in the kernels' layouts and these bring them back to the weights file's.
/// </summary>
/// <remarks>For generated code: the generated method has checked every length.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientPacking
{
    /// <summary>
    /// The adjoint of <see cref="WeightPacking.PackColumns(ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float})"/>:
    /// <c>dMatrix[firstRow + r][j] += table[j][r]</c>, and <c>dBias[firstRow + r] += Σ_j table[j][r]</c> when the bias was folded in.
    /// </summary>
    public static void Columns(
        ReadOnlySpan<float> table, int columns, int stride, int firstRow, int rowCount, Span<float> dMatrix, Span<float> dBias)
    {
        for (int j = 0; j < columns; j++)
        {
            ReadOnlySpan<float> row = table.Slice(j * stride, rowCount);
            // A one-hot input's table: only the rows of the batch's tokens have a gradient.
            if (row.IndexOfAnyExcept(0f) < 0) continue;
            for (int r = 0; r < rowCount; r++)
            {
                int i = firstRow + r;
                dMatrix[i * columns + j] += row[r];
                if (!dBias.IsEmpty) dBias[i] += row[r];
            }
        }
    }

    /// <summary>
    /// As <see cref="Columns"/> for a one-hot input's table, whose gradient has rows only for the batch's tokens: only
    /// those rows are read, each is added once (however often its token occurs) and then cleared, so the table is all
    /// zero again for the next batch without a pass over the whole vocabulary.
    /// </summary>
    public static void TakeColumns(
        Span<float> table, int columns, int stride, int firstRow, int rowCount, ReadOnlySpan<int> tokens, Span<float> dMatrix, Span<float> dBias)
    {
        foreach (int j in tokens)
        {
            Span<float> row = table.Slice(j * stride, rowCount);
            if (row.IndexOfAnyExcept(0f) < 0) continue;
            for (int r = 0; r < rowCount; r++)
            {
                int i = firstRow + r;
                dMatrix[i * columns + j] += row[r];
                if (!dBias.IsEmpty) dBias[i] += row[r];
            }
            table.Slice(j * stride, stride).Clear();
        }
    }

    /// <summary>
    /// The adjoint of <see cref="WeightPacking.PackInputTable"/>: per gate block of each row t, the gradient goes to
    /// b_ih (and b_hh where folded), and to column t of W_ih without an embedding, or with one to
    /// <c>dW_ih += d ⊗ E[t]</c> and <c>dE[t] += W_ihᵀ d</c>. Only the rows of the batch's tokens are read, each once
    /// (however often its token occurs), and cleared after, as in <see cref="TakeColumns"/>.
    /// </summary>
    public static void TakeInputTable(
        Span<float> table, int gates, int hidden, int inputs, int recurrentBiasGates, ReadOnlySpan<int> tokens, int gateStride,
        ReadOnlySpan<float> weightIh, ReadOnlySpan<float> embedding,
        Span<float> dWeightIh, Span<float> dBiasIh, Span<float> dBiasHh, Span<float> dEmbedding)
    {
        int rowStride = gates * gateStride;
        foreach (int t in tokens)
        {
            Span<float> row = table.Slice(t * rowStride, rowStride);
            InputTableRow(row, t, gates, hidden, inputs, recurrentBiasGates, gateStride, weightIh, embedding, dWeightIh, dBiasIh, dBiasHh, dEmbedding);
            row.Clear();
        }
    }

    private static void InputTableRow(
        ReadOnlySpan<float> row, int t, int gates, int hidden, int inputs, int recurrentBiasGates, int gateStride,
        ReadOnlySpan<float> weightIh, ReadOnlySpan<float> embedding,
        Span<float> dWeightIh, Span<float> dBiasIh, Span<float> dBiasHh, Span<float> dEmbedding)
    {
        if (row.IndexOfAnyExcept(0f) < 0) return;
        for (int g = 0; g < gates; g++)
        {
            bool fold = (recurrentBiasGates & (1 << g)) != 0;
            for (int i = 0; i < hidden; i++)
            {
                float d = row[g * gateStride + i];
                if (d == 0) continue;
                int r = g * hidden + i;
                dBiasIh[r] += d;
                if (fold) dBiasHh[r] += d;
                if (embedding.IsEmpty)
                {
                    dWeightIh[r * inputs + t] += d;
                    continue;
                }
                ReadOnlySpan<float> e = embedding.Slice(t * inputs, inputs);
                ReadOnlySpan<float> w = weightIh.Slice(r * inputs, inputs);
                Span<float> dw = dWeightIh.Slice(r * inputs, inputs);
                Span<float> de = dEmbedding.Slice(t * inputs, inputs);
                for (int j = 0; j < inputs; j++)
                {
                    dw[j] += d * e[j];
                    de[j] += d * w[j];
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="WeightPacking.PackGateBias"/>: rows firstRow … of the bias (and of the recurrent bias, when folded).</summary>
    public static void GateBias(ReadOnlySpan<float> table, int firstRow, int count, Span<float> dBias, Span<float> dRecurrentBias)
    {
        for (int i = 0; i < count; i++)
        {
            dBias[firstRow + i] += table[i];
            if (!dRecurrentBias.IsEmpty) dRecurrentBias[firstRow + i] += table[i];
        }
    }

    /// <summary>
    /// The adjoint of <see cref="WeightPacking.PackGateColumns"/>: <c>dMatrix[g·hidden + firstRow + r][j] += </c> the table's element
    /// (column j, gate g, row r), in the layout that method describes for these strides and <paramref name="tileRows"/>.
    /// </summary>
    public static void GateColumns(
        ReadOnlySpan<float> table, int gates, int hidden, int columns, int firstRow, int rowCount, int blockStride, int columnStride, Span<float> dMatrix,
        int tileRows = 0)
    {
        int stride = columnStride;
        int perTile = tileRows > 0 ? tileRows : rowCount;
        long tileFloats = (long)columns * stride;
        for (int g = 0; g < gates; g++)
        {
            for (int r = 0; r < rowCount; r++)
            {
                Span<float> row = dMatrix.Slice((g * hidden + firstRow + r) * columns, columns);
                ReadOnlySpan<float> block = table.Slice((int)WeightPacking.GateRowOffset(r, perTile, tileFloats) + g * blockStride);
                for (int j = 0; j < columns; j++) row[j] += block[j * stride];
            }
        }
    }

    /// <summary>The adjoint of <see cref="WeightPacking.PackRows"/>: <c>dMatrix[k][c] += table[k][c]</c>.</summary>
    public static void Rows(ReadOnlySpan<float> table, int rows, int columns, int stride, Span<float> dMatrix)
    {
        for (int k = 0; k < rows; k++)
        {
            Span<float> row = dMatrix.Slice(k * columns, columns);
            ReadOnlySpan<float> from = table.Slice(k * stride, columns);
            for (int c = 0; c < columns; c++) row[c] += from[c];
        }
    }

    /// <summary>The adjoint of <see cref="WeightPacking.PackVector"/>: the vector's values.</summary>
    public static void Vector(ReadOnlySpan<float> table, Span<float> dVector)
    {
        for (int i = 0; i < dVector.Length; i++) dVector[i] += table[i];
    }
}
