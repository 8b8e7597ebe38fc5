using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace RnnGen.Reference;

/// <summary>
/// The oracle: the textbook's basic RNN, in double precision with MathNet.Numerics, written exactly as
/// the equations read and never optimised.
/// <code>
/// a&lt;0&gt; = 0
/// a&lt;t&gt; = g_a(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba)      (or g_a(Wa · [a&lt;t-1&gt;; x&lt;t&gt;] + ba), Wa = [Waa | Wax])
/// ŷ&lt;t&gt; = g_y(Wya · a&lt;t&gt; + by)
/// </code>
/// </summary>
public sealed class ReferenceRnn
{
    private readonly Matrix<double> waa;
    private readonly Matrix<double> wax;
    private readonly Vector<double> ba;
    private readonly Matrix<double> wya;
    private readonly Vector<double> by;
    private readonly Matrix<double> wa;

    /// <summary>Creates the RNN from row-major float weights; the sizes follow from ba, by and Wax.</summary>
    /// <param name="waa">Waa, a × a, row-major.</param>
    /// <param name="wax">Wax, a × x, row-major.</param>
    /// <param name="ba">ba, length a.</param>
    /// <param name="wya">Wya, y × a, row-major.</param>
    /// <param name="by">by, length y.</param>
    /// <param name="hiddenActivation">g_a: tanh, relu or sigmoid.</param>
    /// <param name="outputActivation">g_y: sigmoid, softmax, tanh or linear.</param>
    public ReferenceRnn(
        float[] waa, float[] wax, float[] ba, float[] wya, float[] by,
        string hiddenActivation, string outputActivation)
    {
        int a = ba.Length;
        int y = by.Length;
        if (a == 0 || y == 0) throw new ArgumentException("ba and by must not be empty.");
        if (waa.Length != a * a) throw new ArgumentException($"Waa has {waa.Length} values, not a·a = {a * a}.", nameof(waa));
        if (wax.Length == 0 || wax.Length % a != 0) throw new ArgumentException($"Wax has {wax.Length} values, not a multiple of a = {a}.", nameof(wax));
        if (wya.Length != y * a) throw new ArgumentException($"Wya has {wya.Length} values, not y·a = {y * a}.", nameof(wya));
        if (!ReferenceActivation.IsHidden(hiddenActivation)) throw new ArgumentException($"Unknown g_a '{hiddenActivation}'.", nameof(hiddenActivation));
        if (!ReferenceActivation.IsOutput(outputActivation)) throw new ArgumentException($"Unknown g_y '{outputActivation}'.", nameof(outputActivation));
        int x = wax.Length / a;

        this.waa = RowMajor(waa, a, a);
        this.wax = RowMajor(wax, a, x);
        this.ba = Vector<double>.Build.Dense(a, i => ba[i]);
        this.wya = RowMajor(wya, y, a);
        this.by = Vector<double>.Build.Dense(y, i => by[i]);
        wa = this.waa.Append(this.wax); // Wa = [Waa | Wax], a × (a + x)
        HiddenSize = a;
        InputSize = x;
        OutputSize = y;
        HiddenActivation = hiddenActivation;
        OutputActivation = outputActivation;
    }

    /// <summary>a, the size of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>x, the size of the input.</summary>
    public int InputSize { get; }

    /// <summary>y, the size of the output.</summary>
    public int OutputSize { get; }

    /// <summary>g_a.</summary>
    public string HiddenActivation { get; }

    /// <summary>g_y.</summary>
    public string OutputActivation { get; }

    /// <summary>Builds the RNN from the tensors Waa, Wax, ba, Wya and by (e.g. from <c>RandomWeights</c> or a safetensors file).</summary>
    /// <param name="tensors">The five tensors, any order; others are ignored.</param>
    /// <param name="g_a">The hidden activation.</param>
    /// <param name="g_y">The output activation.</param>
    /// <returns>The reference RNN.</returns>
    public static ReferenceRnn FromTensors(IReadOnlyList<Tensor> tensors, string g_a, string g_y)
    {
        float[] Get(string name) =>
            tensors.FirstOrDefault(t => t.Name == name)?.Data
            ?? throw new ArgumentException($"No tensor '{name}'.", nameof(tensors));
        return new ReferenceRnn(Get("Waa"), Get("Wax"), Get("ba"), Get("Wya"), Get("by"), g_a, g_y);
    }

    /// <summary>ŷ&lt;1&gt; … ŷ&lt;T&gt; for token indices, each x&lt;t&gt; a dense one-hot vector; two-matrix form.</summary>
    /// <param name="tokens">Indices in [0, x).</param>
    /// <returns>T outputs of length y.</returns>
    public double[][] ForwardOneHot(IReadOnlyList<int> tokens) => Forward(OneHots(tokens), stacked: false);

    /// <summary>As <see cref="ForwardOneHot"/>, in the stacked form a&lt;t&gt; = g_a(Wa · [a&lt;t-1&gt;; x&lt;t&gt;] + ba).</summary>
    /// <param name="tokens">Indices in [0, x).</param>
    /// <returns>T outputs of length y.</returns>
    public double[][] ForwardOneHotStacked(IReadOnlyList<int> tokens) => Forward(OneHots(tokens), stacked: true);

    /// <summary>ŷ&lt;1&gt; … ŷ&lt;T&gt; for dense inputs x&lt;1&gt; … x&lt;T&gt;; two-matrix form.</summary>
    /// <param name="xs">T inputs of length x.</param>
    /// <returns>T outputs of length y.</returns>
    public double[][] ForwardDense(IReadOnlyList<float[]> xs) => Forward(Denses(xs), stacked: false);

    /// <summary>As <see cref="ForwardDense"/>, in the stacked form.</summary>
    /// <param name="xs">T inputs of length x.</param>
    /// <returns>T outputs of length y.</returns>
    public double[][] ForwardDenseStacked(IReadOnlyList<float[]> xs) => Forward(Denses(xs), stacked: true);

    private double[][] Forward(IEnumerable<Vector<double>> xs, bool stacked)
    {
        var outputs = new List<double[]>();
        Vector<double> a = Vector<double>.Build.Dense(HiddenSize); // a<0> = 0
        foreach (Vector<double> x in xs)
        {
            Vector<double> z = stacked
                ? wa * Stack(a, x) + ba
                : waa * a + wax * x + ba;
            a = ReferenceActivation.Apply(HiddenActivation, z);
            Vector<double> yHat = ReferenceActivation.Apply(OutputActivation, wya * a + by);
            outputs.Add(yHat.ToArray());
        }
        return outputs.ToArray();
    }

    /// <summary>[a; x]: a on top of x.</summary>
    private static Vector<double> Stack(Vector<double> a, Vector<double> x) =>
        Vector<double>.Build.DenseOfEnumerable(a.Concat(x));

    private IEnumerable<Vector<double>> OneHots(IReadOnlyList<int> tokens)
    {
        foreach (int token in tokens)
        {
            if (token < 0 || token >= InputSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"A token must be in [0, {InputSize}).");
            }
        }
        return tokens.Select(token =>
        {
            Vector<double> x = Vector<double>.Build.Dense(InputSize);
            x[token] = 1.0;
            return x;
        }).ToArray();
    }

    private IEnumerable<Vector<double>> Denses(IReadOnlyList<float[]> xs)
    {
        foreach (float[] x in xs)
        {
            if (x.Length != InputSize) throw new ArgumentException($"An input has {x.Length} values, not x = {InputSize}.", nameof(xs));
        }
        return xs.Select(x => Vector<double>.Build.Dense(InputSize, i => x[i])).ToArray();
    }

    private static Matrix<double> RowMajor(float[] values, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (i, j) => values[i * columns + j]);
}
