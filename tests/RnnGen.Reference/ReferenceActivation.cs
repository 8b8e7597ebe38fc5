using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace RnnGen.Reference;

/// <summary>The activation functions g_a and g_y in double precision, straight from their definitions.</summary>
public static class ReferenceActivation
{
    /// <summary>Applies the activation named <paramref name="name"/> to <paramref name="z"/>.</summary>
    /// <param name="name"><c>tanh</c>, <c>relu</c>, <c>sigmoid</c>, <c>softmax</c> or <c>linear</c>.</param>
    /// <param name="z">The pre-activation.</param>
    /// <returns>A new vector.</returns>
    public static Vector<double> Apply(string name, Vector<double> z) => name switch
    {
        SpecWords.Tanh => z.Map(Math.Tanh),
        SpecWords.Relu => z.Map(v => Math.Max(v, 0.0)),
        SpecWords.Sigmoid => z.Map(v => 1.0 / (1.0 + Math.Exp(-v))),
        SpecWords.Linear => z.Clone(),
        SpecWords.Softmax => Softmax(z),
        _ => throw new ArgumentException($"Unknown activation '{name}'.", nameof(name)),
    };

    /// <summary>
    /// softmax(z)_i = e^(z_i) / Σ_j e^(z_j), computed as e^(z_i − max z) / Σ_j e^(z_j − max z):
    /// the same numbers, without overflow for large z.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>A new vector whose entries sum to 1.</returns>
    public static Vector<double> Softmax(Vector<double> z)
    {
        double max = z.Maximum();
        Vector<double> e = z.Map(v => Math.Exp(v - max));
        return e / e.Sum();
    }

    /// <summary>Whether <paramref name="name"/> is a hidden activation g_a.</summary>
    /// <param name="name">A name.</param>
    /// <returns><see langword="true"/> for <c>tanh</c>, <c>relu</c> and <c>sigmoid</c>.</returns>
    public static bool IsHidden(string name) => SpecWords.HiddenActivations.Contains(name);

    /// <summary>Whether <paramref name="name"/> is an output activation g_y.</summary>
    /// <param name="name">A name.</param>
    /// <returns><see langword="true"/> for <c>sigmoid</c>, <c>softmax</c>, <c>tanh</c> and <c>linear</c>.</returns>
    public static bool IsOutput(string name) => SpecWords.OutputActivations.Contains(name);
}
