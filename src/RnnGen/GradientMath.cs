using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// The adjoints of <see cref="BatchMath"/>'s operations, over the same matrices (one row per running sequence),
/// for the backward pass through time that generated training code runs: each operation of a model's step
/// program has its adjoint here, and the generator writes one call per operation, in reverse order.
/// </summary>
/// <remarks>
/// <para>Every kernel adds into its targets (gradients accumulate over operations, sequences and steps), never
/// overwrites them, and runs over 16-float vectors where 512-bit vectors are accelerated, else 4-float ones.</para>
/// <para>The backward pass's matrix-matrix products are <see cref="AddOuter"/> (a weight's gradient, Σ over
/// sequences of outer products) and, for the gradient of a product's vector, <see cref="BatchMath.AddProduct"/> over a
/// table <see cref="Transpose"/>d into W's rows.</para>
/// <para>For generated code: they check nothing (the generated method has checked its arguments and sized every matrix).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientMath
{
    /// <summary>
    /// <c>target[k][0 .. width) += Σ_b coefficients[b][k] · rows[b][0 .. width)</c> for k &lt; <paramref name="outputs"/>,
    /// b &lt; <paramref name="count"/>: a weight table's gradient, one outer product per sequence, summed in b's order.
    /// </summary>
    /// <param name="target">The gradient table: <paramref name="outputs"/> rows of <paramref name="targetStride"/> floats.</param>
    /// <param name="targetStride">Floats per row of the target.</param>
    /// <param name="width">Floats of each row to update (a multiple of 4).</param>
    /// <param name="coefficients">Per sequence, <paramref name="outputs"/> coefficients.</param>
    /// <param name="coefficientStride">Floats per sequence of the coefficients.</param>
    /// <param name="outputs">Rows of the target.</param>
    /// <param name="rows">Per sequence, a row of <paramref name="width"/> floats.</param>
    /// <param name="rowStride">Floats per sequence of <paramref name="rows"/>.</param>
    /// <param name="count">Sequences.</param>
    /// <param name="tileFloats">
    /// 0, or the target is a tiled gate table (<see cref="BatchMath.AddProduct"/>): its rows' floats come in tiles of
    /// <see cref="BatchMath.TileRows"/>, this many floats apart.
    /// </param>
    public static void AddOuter(
        ref float target, int targetStride, int width, ref float coefficients, int coefficientStride, int outputs,
        ref float rows, int rowStride, int count, int tileFloats = 0)
    {
        if (count <= 0 || width <= 0) return;
        if (tileFloats > 0)
        {
            for (int r = 0; r < width; r += BatchMath.TileRows)
            {
                AddOuter(ref Unsafe.Add(ref target, (nint)(r / BatchMath.TileRows) * tileFloats), targetStride, Math.Min(BatchMath.TileRows, width - r),
                    ref coefficients, coefficientStride, outputs, ref Unsafe.Add(ref rows, r), rowStride, count);
            }
            return;
        }
        for (int k = 0; k < outputs; k++)
        {
            ref float t = ref Unsafe.Add(ref target, (nint)k * targetStride);
            ref float c = ref Unsafe.Add(ref coefficients, k);
            int r = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; r + 64 <= width; r += 64)
                {
                    Vector512<float> a0 = Vector512.LoadUnsafe(ref t, (nuint)r), a1 = Vector512.LoadUnsafe(ref t, (nuint)(r + 16));
                    Vector512<float> a2 = Vector512.LoadUnsafe(ref t, (nuint)(r + 32)), a3 = Vector512.LoadUnsafe(ref t, (nuint)(r + 48));
                    for (int b = 0; b < count; b++)
                    {
                        var s = Vector512.Create(Unsafe.Add(ref c, (nint)b * coefficientStride));
                        ref float x = ref Unsafe.Add(ref rows, (nint)b * rowStride + r);
                        a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x), s, a0);
                        a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, 16), s, a1);
                        a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, 32), s, a2);
                        a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, 48), s, a3);
                    }
                    a0.StoreUnsafe(ref t, (nuint)r); a1.StoreUnsafe(ref t, (nuint)(r + 16));
                    a2.StoreUnsafe(ref t, (nuint)(r + 32)); a3.StoreUnsafe(ref t, (nuint)(r + 48));
                }
                for (; r + 16 <= width; r += 16)
                {
                    Vector512<float> a0 = Vector512.LoadUnsafe(ref t, (nuint)r);
                    for (int b = 0; b < count; b++)
                    {
                        var s = Vector512.Create(Unsafe.Add(ref c, (nint)b * coefficientStride));
                        a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref Unsafe.Add(ref rows, (nint)b * rowStride + r)), s, a0);
                    }
                    a0.StoreUnsafe(ref t, (nuint)r);
                }
            }
            for (; r + 4 <= width; r += 4)
            {
                Vector128<float> a0 = Vector128.LoadUnsafe(ref t, (nuint)r);
                for (int b = 0; b < count; b++)
                {
                    var s = Vector128.Create(Unsafe.Add(ref c, (nint)b * coefficientStride));
                    a0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref Unsafe.Add(ref rows, (nint)b * rowStride + r)), s, a0);
                }
                a0.StoreUnsafe(ref t, (nuint)r);
            }
        }
    }

    /// <summary>
    /// <c>target[r][j] = table[j][r]</c> for r &lt; <paramref name="width"/>, j &lt; <paramref name="columns"/>: a table packed by
    /// columns of W, transposed into W's rows, so that the gradient of a product's vector (Wᵀ times the sums' gradient) is
    /// a sum of rows weighted by that gradient, as fast as the forward product (<see cref="BatchMath.AddProduct"/>).
    /// </summary>
    /// <param name="table">The table's first element of row 0.</param>
    /// <param name="tableStride">Floats per row of the table (per column of W).</param>
    /// <param name="width">The rows of W to transpose.</param>
    /// <param name="columns">The table's rows.</param>
    /// <param name="target">W's rows, <paramref name="targetStride"/> floats each.</param>
    /// <param name="targetStride">Floats per row of the target.</param>
    /// <param name="tileFloats">0, or the table is a tiled gate table (see <see cref="AddOuter"/>) with tiles this many floats apart.</param>
    public static void Transpose(ref float table, int tableStride, int width, int columns, ref float target, int targetStride, int tileFloats = 0)
    {
        if (tileFloats > 0)
        {
            for (int r = 0; r < width; r += BatchMath.TileRows)
            {
                Transpose(ref Unsafe.Add(ref table, (nint)(r / BatchMath.TileRows) * tileFloats), tableStride, Math.Min(BatchMath.TileRows, width - r), columns,
                    ref Unsafe.Add(ref target, (nint)r * targetStride), targetStride);
            }
            return;
        }
        const int Block = 64;
        for (int first = 0; first < columns; first += Block)
        {
            int end = Math.Min(columns, first + Block);
            for (int r = 0; r < width; r++)
            {
                ref float row = ref Unsafe.Add(ref target, (nint)r * targetStride);
                for (int j = first; j < end; j++) Unsafe.Add(ref row, j) = Unsafe.Add(ref table, (nint)j * tableStride + r);
            }
        }
    }

    /// <summary><c>table[indices[b]][offset .. offset + width) += rows[b]</c>: the adjoint of a one-hot input's row read.</summary>
    public static void ScatterAddRows(ref float table, int tableStride, int offset, ReadOnlySpan<int> indices, ref float rows, int rowStride, int width)
    {
        for (int b = 0; b < indices.Length; b++)
        {
            Add(ref Unsafe.Add(ref table, (nint)indices[b] * tableStride + offset), ref Unsafe.Add(ref rows, (nint)b * rowStride), width);
        }
    }

    /// <summary><c>target[0 .. width) += Σ_b rows[b][0 .. width)</c>: the adjoint of a bias broadcast to every sequence.</summary>
    public static void AddColumnSums(ref float target, ref float rows, int stride, int width, int count)
    {
        for (int b = 0; b < count; b++) Add(ref target, ref Unsafe.Add(ref rows, (nint)b * stride), width);
    }

    /// <summary>Adds <paramref name="width"/> floats from <paramref name="source"/> + <paramref name="sourceAt"/> to <paramref name="target"/> + <paramref name="targetAt"/>: a row's gradient into or out of a matrix.</summary>
    public static void AddRow(ref float target, nint targetAt, ref float source, nint sourceAt, int width) =>
        Add(ref Unsafe.Add(ref target, targetAt), ref Unsafe.Add(ref source, sourceAt), width);

    /// <summary><c>target += source</c> over <paramref name="length"/> floats.</summary>
    public static void Add(ref float target, ref float source, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16) (Vector512.LoadUnsafe(ref target, (nuint)i) + Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i + 4 <= length; i += 4) (Vector128.LoadUnsafe(ref target, (nuint)i) + Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref target, i) += Unsafe.Add(ref source, i);
    }

    /// <summary><c>target += a ⊙ b</c> over <paramref name="length"/> floats: the adjoint of a product for one factor.</summary>
    public static void AddProduct(ref float target, ref float a, ref float b, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), Vector512.LoadUnsafe(ref target, (nuint)i))
                    .StoreUnsafe(ref target, (nuint)i);
            }
        }
        for (; i + 4 <= length; i += 4)
        {
            Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i), Vector128.LoadUnsafe(ref target, (nuint)i))
                .StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < length; i++) Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), Unsafe.Add(ref target, i));
    }

    /// <summary>
    /// The adjoint of <c>out = (1 − gate) ⊙ old + gate ⊙ other</c> (<see cref="BatchMath.Mix"/>), given the output's
    /// gradient: <c>dOld += dOut ⊙ (1 − gate)</c>, <c>dGate += dOut ⊙ (other − old)</c>, <c>dOther += dOut ⊙ gate</c>.
    /// </summary>
    public static void MixAdjoint(
        ref float dOld, ref float dGate, ref float dOther, ref float dOut, ref float gate, ref float other, ref float old, int length)
    {
        for (int i = 0; i < length; i++)
        {
            float d = Unsafe.Add(ref dOut, i), g = Unsafe.Add(ref gate, i);
            Unsafe.Add(ref dOld, i) += d * (1 - g);
            Unsafe.Add(ref dGate, i) += d * (Unsafe.Add(ref other, i) - Unsafe.Add(ref old, i));
            Unsafe.Add(ref dOther, i) += d * g;
        }
    }

    /// <summary><c>dx += dy ⊙ (1 − y²)</c>: the adjoint of tanh, from its output y.</summary>
    public static void TanhAdjoint(ref float dx, ref float dy, ref float y, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref y, (nuint)i);
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref dy, (nuint)i), Vector512<float>.One - v * v, Vector512.LoadUnsafe(ref dx, (nuint)i))
                    .StoreUnsafe(ref dx, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            float v = Unsafe.Add(ref y, i);
            Unsafe.Add(ref dx, i) += Unsafe.Add(ref dy, i) * (1 - v * v);
        }
    }

    /// <summary><c>dx += dy ⊙ y ⊙ (1 − y)</c>: the adjoint of the logistic sigmoid, from its output y.</summary>
    public static void SigmoidAdjoint(ref float dx, ref float dy, ref float y, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref y, (nuint)i);
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref dy, (nuint)i), v * (Vector512<float>.One - v), Vector512.LoadUnsafe(ref dx, (nuint)i))
                    .StoreUnsafe(ref dx, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            float v = Unsafe.Add(ref y, i);
            Unsafe.Add(ref dx, i) += Unsafe.Add(ref dy, i) * v * (1 - v);
        }
    }

    /// <summary><c>dx += dy where y &gt; 0</c>: the adjoint of max(x, 0), from its output y.</summary>
    public static void ReluAdjoint(ref float dx, ref float dy, ref float y, int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref y, i) > 0) Unsafe.Add(ref dx, i) += Unsafe.Add(ref dy, i);
        }
    }

    /// <summary>
    /// <c>dx += y ⊙ (dy − Σ_k dy_k y_k)</c> over the first <paramref name="width"/> floats of each row: the adjoint of a
    /// softmax, from its output y.
    /// </summary>
    public static void SoftmaxAdjoint(ref float dx, ref float dy, ref float y, int stride, int width, int count)
    {
        for (int b = 0; b < count; b++)
        {
            nint at = (nint)b * stride;
            float dot = 0;
            for (int k = 0; k < width; k++) dot += Unsafe.Add(ref dy, at + k) * Unsafe.Add(ref y, at + k);
            for (int k = 0; k < width; k++) Unsafe.Add(ref dx, at + k) += Unsafe.Add(ref y, at + k) * (Unsafe.Add(ref dy, at + k) - dot);
        }
    }

    /// <summary>
    /// One step's loss for one sequence and the gradient of <paramref name="weight"/> × that loss with respect to the
    /// output's pre-activation z (the sums before g_y), which <paramref name="dz"/> gets (it is overwritten, over
    /// <paramref name="width"/> floats): for sigmoid with binary cross-entropy, softmax with cross-entropy and linear with
    /// squared error, that gradient is <c>weight · (ŷ − t)</c> (for softmax, with Σt = 1). Returns weight × the loss,
    /// computed from z so that it stays finite where ŷ rounds to 0 or 1.
    /// </summary>
    /// <param name="loss">0: binary cross-entropy on sigmoid outputs; 1: cross-entropy on a softmax; 2: ½ squared error on linear outputs.</param>
    /// <param name="z">The pre-activations.</param>
    /// <param name="y">The outputs ŷ = g_y(z).</param>
    /// <param name="dz">The gradient with respect to z.</param>
    /// <param name="targets">The step's targets.</param>
    /// <param name="weight">The step's weight in the loss.</param>
    /// <param name="width">The outputs.</param>
    public static double FusedLoss(int loss, ref float z, ref float y, ref float dz, ReadOnlySpan<float> targets, float weight, int width)
    {
        double sum = 0;
        switch (loss)
        {
            case 0:
                for (int k = 0; k < width; k++)
                {
                    double zk = Unsafe.Add(ref z, k), t = targets[k];
                    // −[t log σ(z) + (1 − t) log(1 − σ(z))] = softplus(z) − t z, with softplus(z) = max(z, 0) + log(1 + e^−|z|).
                    sum += Math.Max(zk, 0) + Math.Log(1 + Math.Exp(-Math.Abs(zk))) - t * zk;
                    Unsafe.Add(ref dz, k) = weight * (Unsafe.Add(ref y, k) - targets[k]);
                }
                break;
            case 1:
            {
                double max = double.NegativeInfinity, total = 0, mass = 0;
                for (int k = 0; k < width; k++) max = Math.Max(max, Unsafe.Add(ref z, k));
                for (int k = 0; k < width; k++) total += Math.Exp(Unsafe.Add(ref z, k) - max);
                double logSum = max + Math.Log(total);
                for (int k = 0; k < width; k++)
                {
                    double t = targets[k];
                    mass += t;
                    if (t != 0) sum -= t * (Unsafe.Add(ref z, k) - logSum);
                }
                for (int k = 0; k < width; k++) Unsafe.Add(ref dz, k) = weight * (float)(Unsafe.Add(ref y, k) * mass - targets[k]);
                break;
            }
            case 2:
                for (int k = 0; k < width; k++)
                {
                    double d = (double)Unsafe.Add(ref y, k) - targets[k];
                    sum += 0.5 * d * d;
                    Unsafe.Add(ref dz, k) = weight * (float)d;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "The fused losses are 0, 1 and 2.");
        }
        return weight * sum;
    }

    /// <summary>
    /// ½ squared error of one step's outputs (for an output activation that no loss fuses with: tanh, relu, a softmax or
    /// sigmoid scored by squared error); <paramref name="dy"/> gets the gradient of weight × it with respect to ŷ.
    /// </summary>
    public static double SquaredError(ref float y, ref float dy, ReadOnlySpan<float> targets, float weight, int width)
    {
        double sum = 0;
        for (int k = 0; k < width; k++)
        {
            double d = (double)Unsafe.Add(ref y, k) - targets[k];
            sum += 0.5 * d * d;
            Unsafe.Add(ref dy, k) = weight * (float)d;
        }
        return weight * sum;
    }
}
