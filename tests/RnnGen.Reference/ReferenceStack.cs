using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace RnnGen.Reference;

/// <summary>
/// The oracle for stacked recurrent networks: PyTorch's <c>nn.RNN</c>, <c>nn.GRU</c> and <c>nn.LSTM</c>
/// (<c>batch_first</c>, from h&lt;0&gt; = c&lt;0&gt; = 0), optionally behind an <c>nn.Embedding</c>, with an
/// <c>nn.Linear</c> head and an output activation, in double precision with MathNet.Numerics, written as
/// PyTorch documents the equations and never optimised.
/// <code>
/// RNN:   h' = g(W_ih x + b_ih + W_hh h + b_hh)                       g = tanh or relu
/// GRU:   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
///        z  = σ(W_iz x + b_iz + W_hz h + b_hz)
///        n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///        h' = (1 − z) ⊙ n + z ⊙ h
/// LSTM:  i  = σ(W_ii x + b_ii + W_hi h + b_hi)
///        f  = σ(W_if x + b_if + W_hf h + b_hf)
///        g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
///        o  = σ(W_io x + b_io + W_ho h + b_ho)
///        c' = f ⊙ c + i ⊙ g
///        h' = o ⊙ tanh(c')
/// ŷ&lt;t&gt; = g_y(W_head · h_last&lt;t&gt; + b_head)
/// </code>
/// Layer k &gt; 0 reads layer k − 1's output at each step; a bidirectional layer's output is
/// [forward; reverse], where the reverse direction runs from the last step to the first and its
/// output at step t is placed at t.
/// </summary>
/// <remarks>
/// The weights are PyTorch's <c>state_dict()</c>, row-major, with the prefixes <c>embedding.</c>,
/// <c>rnn.</c> and <c>head.</c>: <c>embedding.weight</c> [vocab, E] (optional, one-hot input only),
/// <c>rnn.weight_ih_l{k}[_reverse]</c> [G·a, in_k], <c>rnn.weight_hh_l{k}[_reverse]</c> [G·a, a],
/// <c>rnn.bias_ih_l{k}[_reverse]</c> and <c>rnn.bias_hh_l{k}[_reverse]</c> [G·a],
/// <c>head.weight</c> [y, a·dirs], <c>head.bias</c> [y]; G = 1 (rnn), 3 (gru: r, z, n) or
/// 4 (lstm: i, f, g, o), the gates' rows stacked in that order.
/// </remarks>
public sealed class ReferenceStack
{
    /// <summary>The cell name of PyTorch's <c>nn.RNN</c> (the Elman RNN).</summary>
    public const string Rnn = "rnn";

    /// <summary>The cell name of PyTorch's <c>nn.GRU</c>.</summary>
    public const string Gru = "gru";

    /// <summary>The cell name of PyTorch's <c>nn.LSTM</c>.</summary>
    public const string Lstm = "lstm";

    // PyTorch's gate order: the row blocks of weight_ih, weight_hh, bias_ih and bias_hh.
    private const int GruR = 0, GruZ = 1, GruN = 2;
    private const int LstmI = 0, LstmF = 1, LstmG = 2, LstmO = 3;

    private readonly Matrix<double>? embedding;     // vocab × E, or none
    private readonly Direction[][] layers;          // layers[k] = [forward] or [forward, reverse]
    private readonly Matrix<double> headWeight;     // y × a·dirs
    private readonly Vector<double> headBias;       // y

    /// <summary>One direction of one layer: W_i*, W_h*, b_i*, b_h* split into the cell's gates.</summary>
    private sealed record Direction(Matrix<double>[] Wi, Matrix<double>[] Wh, Vector<double>[] Bi, Vector<double>[] Bh);

    /// <summary>Builds the stack from PyTorch's tensors, checking that each is present and of its size.</summary>
    /// <param name="cell"><c>rnn</c>, <c>gru</c> or <c>lstm</c>.</param>
    /// <param name="inputSize">The dense input's size x, or the vocabulary size for one-hot input.</param>
    /// <param name="hiddenSize">a, the size of each direction's hidden state.</param>
    /// <param name="layers">The number of stacked layers, at least 1.</param>
    /// <param name="bidirectional">Whether each layer also runs over the sequence in reverse.</param>
    /// <param name="hiddenActivation">g of the rnn cell: <c>tanh</c> or <c>relu</c> (PyTorch's), or <c>sigmoid</c> (an RnnGen spec's); ignored for gru and lstm.</param>
    /// <param name="outputActivation">g_y: <c>sigmoid</c>, <c>softmax</c>, <c>tanh</c> or <c>linear</c>.</param>
    /// <param name="tensors">PyTorch's state_dict names (see the remarks) to row-major values; no others.</param>
    /// <exception cref="ArgumentException">
    /// An argument is out of range, or a tensor is missing, unknown or of the wrong size (the message names it,
    /// with its expected and actual number of values).
    /// </exception>
    public ReferenceStack(string cell, int inputSize, int hiddenSize, int layers, bool bidirectional,
        string hiddenActivation, string outputActivation, IReadOnlyDictionary<string, float[]> tensors)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(hiddenActivation);
        ArgumentNullException.ThrowIfNull(outputActivation);
        ArgumentNullException.ThrowIfNull(tensors);
        int gates = cell switch
        {
            Rnn => 1,
            Gru => 3,
            Lstm => 4,
            _ => throw new ArgumentException($"Unknown cell '{cell}'; expected rnn, gru or lstm.", nameof(cell)),
        };
        if (inputSize < 1) throw new ArgumentException($"inputSize is {inputSize}; it must be at least 1.", nameof(inputSize));
        if (hiddenSize < 1) throw new ArgumentException($"hiddenSize is {hiddenSize}; it must be at least 1.", nameof(hiddenSize));
        if (layers < 1) throw new ArgumentException($"layers is {layers}; it must be at least 1.", nameof(layers));
        // PyTorch's nn.RNN knows tanh and relu; an RnnGen spec's Elman cell may also use sigmoid.
        if (cell == Rnn && !ReferenceActivation.IsHidden(hiddenActivation))
        {
            throw new ArgumentException($"Unknown rnn nonlinearity '{hiddenActivation}'; expected tanh, relu or sigmoid.", nameof(hiddenActivation));
        }
        if (!ReferenceActivation.IsOutput(outputActivation))
        {
            throw new ArgumentException($"Unknown output activation '{outputActivation}'.", nameof(outputActivation));
        }

        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        Bidirectional = bidirectional;
        HiddenActivation = cell == Rnn ? hiddenActivation : SpecWords.Tanh;
        OutputActivation = outputActivation;
        int a = hiddenSize;
        int dirs = bidirectional ? 2 : 1;

        // The sizes that are not arguments follow from the tensors: E from embedding.weight, y from head.bias.
        const string EmbeddingName = "embedding.weight";
        if (tensors.TryGetValue(EmbeddingName, out float[]? embeddingValues))
        {
            ArgumentNullException.ThrowIfNull(embeddingValues, EmbeddingName);
            if (embeddingValues.Length == 0 || embeddingValues.Length % inputSize != 0)
            {
                throw new ArgumentException(
                    $"Tensor '{EmbeddingName}' has {embeddingValues.Length} values; expected [{inputSize}, E] = {inputSize}·E for some E ≥ 1.",
                    nameof(tensors));
            }
            EmbeddingSize = embeddingValues.Length / inputSize;
        }
        OutputSize = tensors.TryGetValue("head.bias", out float[]? headBiasValues) && headBiasValues is not null ? headBiasValues.Length : 0;
        if (OutputSize == 0) throw new ArgumentException("Tensor 'head.bias' is missing or empty; expected [y] with y ≥ 1.", nameof(tensors));

        // Every tensor the stack needs, with its shape.
        var expected = new List<(string Name, int[] Shape)>();
        if (EmbeddingSize > 0) expected.Add((EmbeddingName, [inputSize, EmbeddingSize]));
        for (int k = 0; k < layers; k++)
        {
            int inK = k > 0 ? a * dirs : EmbeddingSize > 0 ? EmbeddingSize : inputSize;
            for (int d = 0; d < dirs; d++)
            {
                string suffix = Suffix(k, d);
                expected.Add(("rnn.weight_ih" + suffix, [gates * a, inK]));
                expected.Add(("rnn.weight_hh" + suffix, [gates * a, a]));
                expected.Add(("rnn.bias_ih" + suffix, [gates * a]));
                expected.Add(("rnn.bias_hh" + suffix, [gates * a]));
            }
        }
        expected.Add(("head.weight", [OutputSize, a * dirs]));
        expected.Add(("head.bias", [OutputSize]));

        var known = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException(
                    $"Unknown tensor '{name}': a {(bidirectional ? "bidirectional" : "unidirectional")} {layers}-layer {cell} stack " +
                    $"has only {string.Join(", ", expected.Select(e => e.Name))}.", nameof(tensors));
            }
        }
        foreach ((string name, int[] shape) in expected)
        {
            int count = shape.Aggregate(1, (p, n) => p * n);
            string text = "[" + string.Join(", ", shape) + "]";
            if (!tensors.TryGetValue(name, out float[]? values) || values is null)
            {
                throw new ArgumentException($"Tensor '{name}' is missing; expected {text} = {count} values.", nameof(tensors));
            }
            if (values.Length != count)
            {
                throw new ArgumentException($"Tensor '{name}' has {values.Length} values; expected {text} = {count}.", nameof(tensors));
            }
        }

        Matrix<double> M(string name, int rows, int columns) => RowMajor(tensors[name], rows, columns);
        Vector<double> V(string name) => Vector<double>.Build.Dense(tensors[name].Length, i => tensors[name][i]);

        embedding = EmbeddingSize > 0 ? M(EmbeddingName, inputSize, EmbeddingSize) : null;
        this.layers = new Direction[layers][];
        for (int k = 0; k < layers; k++)
        {
            int inK = k > 0 ? a * dirs : EmbeddingSize > 0 ? EmbeddingSize : inputSize;
            this.layers[k] = new Direction[dirs];
            for (int d = 0; d < dirs; d++)
            {
                string suffix = Suffix(k, d);
                Matrix<double> wih = M("rnn.weight_ih" + suffix, gates * a, inK);
                Matrix<double> whh = M("rnn.weight_hh" + suffix, gates * a, a);
                Vector<double> bih = V("rnn.bias_ih" + suffix);
                Vector<double> bhh = V("rnn.bias_hh" + suffix);
                // Gate j owns rows j·a … j·a + a − 1 of each.
                this.layers[k][d] = new Direction(
                    Enumerable.Range(0, gates).Select(j => wih.SubMatrix(j * a, a, 0, inK)).ToArray(),
                    Enumerable.Range(0, gates).Select(j => whh.SubMatrix(j * a, a, 0, a)).ToArray(),
                    Enumerable.Range(0, gates).Select(j => bih.SubVector(j * a, a)).ToArray(),
                    Enumerable.Range(0, gates).Select(j => bhh.SubVector(j * a, a)).ToArray());
            }
        }
        headWeight = M("head.weight", OutputSize, a * dirs);
        headBias = V("head.bias");
    }

    /// <summary>The cell: <c>rnn</c>, <c>gru</c> or <c>lstm</c>.</summary>
    public string Cell { get; }

    /// <summary>The dense input's size, or the vocabulary size for one-hot input.</summary>
    public int InputSize { get; }

    /// <summary>a, the size of each direction's hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public int Layers { get; }

    /// <summary>Whether each layer also runs over the sequence in reverse.</summary>
    public bool Bidirectional { get; }

    /// <summary>E, the embedding's size, or 0 when there is no <c>embedding.weight</c>.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The rnn cell's g (<c>tanh</c> or <c>relu</c>); <c>tanh</c> for gru and lstm, whose activations are fixed.</summary>
    public string HiddenActivation { get; }

    /// <summary>g_y.</summary>
    public string OutputActivation { get; }

    /// <summary>y, the size of the output.</summary>
    public int OutputSize { get; }

    /// <summary>
    /// ŷ&lt;1&gt; … ŷ&lt;T&gt; for token indices: x&lt;t&gt; is row token of <c>embedding.weight</c> when the stack has one,
    /// else the one-hot vector of length <see cref="InputSize"/>.
    /// </summary>
    /// <param name="tokens">Indices in [0, <see cref="InputSize"/>).</param>
    /// <returns>T outputs of length y.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A token is outside [0, <see cref="InputSize"/>).</exception>
    public double[][] ForwardOneHot(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var xs = new Vector<double>[tokens.Count];
        for (int t = 0; t < xs.Length; t++)
        {
            int token = tokens[t];
            if (token < 0 || token >= InputSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token {t} is {token}; a token must be in [0, {InputSize}).");
            }
            if (embedding is not null)
            {
                xs[t] = embedding.Row(token);
            }
            else
            {
                xs[t] = Vector<double>.Build.Dense(InputSize);
                xs[t][token] = 1.0;
            }
        }
        return Forward(xs);
    }

    /// <summary>ŷ&lt;1&gt; … ŷ&lt;T&gt; for dense inputs x&lt;1&gt; … x&lt;T&gt;.</summary>
    /// <param name="xs">T inputs of length <see cref="InputSize"/>.</param>
    /// <returns>T outputs of length y.</returns>
    /// <exception cref="ArgumentException">An input's length is not <see cref="InputSize"/>.</exception>
    /// <exception cref="InvalidOperationException">The stack has an embedding, so it reads tokens.</exception>
    public double[][] ForwardDense(IReadOnlyList<float[]> xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (embedding is not null) throw new InvalidOperationException("This stack has an embedding; give it tokens with ForwardOneHot.");
        var inputs = new Vector<double>[xs.Count];
        for (int t = 0; t < inputs.Length; t++)
        {
            float[] x = xs[t];
            if (x.Length != InputSize) throw new ArgumentException($"Input {t} has {x.Length} values, not {InputSize}.", nameof(xs));
            inputs[t] = Vector<double>.Build.Dense(InputSize, i => x[i]);
        }
        return Forward(inputs);
    }

    private double[][] Forward(Vector<double>[] xs)
    {
        Vector<double>[] sequence = xs;
        foreach (Direction[] layer in layers)
        {
            Vector<double>[] forward = Run(layer[0], sequence, reverse: false);
            if (layer.Length == 1)
            {
                sequence = forward;
            }
            else
            {
                Vector<double>[] backward = Run(layer[1], sequence, reverse: true);
                sequence = forward.Select((f, t) => Concat(f, backward[t])).ToArray(); // [forward; reverse]
            }
        }
        return sequence
            .Select(h => ReferenceActivation.Apply(OutputActivation, headWeight * h + headBias).ToArray())
            .ToArray();
    }

    /// <summary>One direction over the whole sequence from h = c = 0; the output after reading x&lt;t&gt; is placed at t.</summary>
    private Vector<double>[] Run(Direction d, Vector<double>[] xs, bool reverse)
    {
        var outputs = new Vector<double>[xs.Length];
        Vector<double> h = Vector<double>.Build.Dense(HiddenSize);
        Vector<double> c = Vector<double>.Build.Dense(HiddenSize);
        for (int step = 0; step < xs.Length; step++)
        {
            int t = reverse ? xs.Length - 1 - step : step;
            (h, c) = Cell switch
            {
                Rnn => (RnnStep(d, xs[t], h), c),
                Gru => (GruStep(d, xs[t], h), c),
                _ => LstmStep(d, xs[t], h, c),
            };
            outputs[t] = h;
        }
        return outputs;
    }

    /// <summary>h' = g(W_ih x + b_ih + W_hh h + b_hh).</summary>
    private Vector<double> RnnStep(Direction d, Vector<double> x, Vector<double> h) =>
        ReferenceActivation.Apply(HiddenActivation, d.Wi[0] * x + d.Bi[0] + d.Wh[0] * h + d.Bh[0]);

    /// <summary>PyTorch's GRU: r, z, n, then h' = (1 − z) ⊙ n + z ⊙ h.</summary>
    private static Vector<double> GruStep(Direction d, Vector<double> x, Vector<double> h)
    {
        Vector<double> r = Sigmoid(d.Wi[GruR] * x + d.Bi[GruR] + d.Wh[GruR] * h + d.Bh[GruR]);
        Vector<double> z = Sigmoid(d.Wi[GruZ] * x + d.Bi[GruZ] + d.Wh[GruZ] * h + d.Bh[GruZ]);
        Vector<double> n = Tanh(d.Wi[GruN] * x + d.Bi[GruN] + r.PointwiseMultiply(d.Wh[GruN] * h + d.Bh[GruN]));
        return (1.0 - z).PointwiseMultiply(n) + z.PointwiseMultiply(h);
    }

    /// <summary>PyTorch's LSTM: i, f, g, o, then c' = f ⊙ c + i ⊙ g and h' = o ⊙ tanh(c').</summary>
    private static (Vector<double> H, Vector<double> C) LstmStep(Direction d, Vector<double> x, Vector<double> h, Vector<double> c)
    {
        Vector<double> i = Sigmoid(d.Wi[LstmI] * x + d.Bi[LstmI] + d.Wh[LstmI] * h + d.Bh[LstmI]);
        Vector<double> f = Sigmoid(d.Wi[LstmF] * x + d.Bi[LstmF] + d.Wh[LstmF] * h + d.Bh[LstmF]);
        Vector<double> g = Tanh(d.Wi[LstmG] * x + d.Bi[LstmG] + d.Wh[LstmG] * h + d.Bh[LstmG]);
        Vector<double> o = Sigmoid(d.Wi[LstmO] * x + d.Bi[LstmO] + d.Wh[LstmO] * h + d.Bh[LstmO]);
        Vector<double> cNext = f.PointwiseMultiply(c) + i.PointwiseMultiply(g);
        Vector<double> hNext = o.PointwiseMultiply(Tanh(cNext));
        return (hNext, cNext);
    }

    /// <summary>The name suffix of layer k's direction d (0 forward, 1 reverse): <c>_l{k}</c> or <c>_l{k}_reverse</c>.</summary>
    private static string Suffix(int k, int d) => $"_l{k}" + (d == 1 ? "_reverse" : "");

    private static Vector<double> Sigmoid(Vector<double> v) => ReferenceActivation.Apply(SpecWords.Sigmoid, v);

    private static Vector<double> Tanh(Vector<double> v) => ReferenceActivation.Apply(SpecWords.Tanh, v);

    /// <summary>[top; bottom]: top above bottom.</summary>
    private static Vector<double> Concat(Vector<double> top, Vector<double> bottom) =>
        Vector<double>.Build.DenseOfEnumerable(top.Concat(bottom));

    private static Matrix<double> RowMajor(float[] values, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (i, j) => values[i * columns + j]);
}
