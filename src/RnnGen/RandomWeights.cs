using System;
using System.Collections.Generic;

namespace RnnGen;

/// <summary>Reproducible random weights for an RNN, for tests, benchmarks and untrained example models.</summary>
public static class RandomWeights
{
    /// <summary>
    /// The tensors <c>Waa</c> [a, a], <c>Wax</c> [a, x], <c>ba</c> [a], <c>Wya</c> [y, a] and <c>by</c> [y],
    /// every value uniform in [−1/√a, 1/√a] as in PyTorch's <c>nn.RNN</c> initialisation, drawn from
    /// <see cref="DeterministicRandom"/> in that order, row-major.
    /// </summary>
    /// <param name="hiddenSize">a, at least 1.</param>
    /// <param name="inputSize">x, at least 1.</param>
    /// <param name="outputSize">y, at least 1.</param>
    /// <param name="seed">The generator's seed: the same arguments always give the same tensors.</param>
    /// <returns>The five tensors in the order above.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static IReadOnlyList<Tensor> Create(int hiddenSize, int inputSize, int outputSize, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var random = new DeterministicRandom(seed);
        float bound = (float)(1.0 / Math.Sqrt(hiddenSize));

        Tensor Draw(string name, params int[] shape)
        {
            var data = new float[(long)shape[0] * (shape.Length > 1 ? shape[1] : 1)];
            for (int i = 0; i < data.Length; i++) data[i] = random.Uniform(-bound, bound);
            return new Tensor(name, shape, data);
        }

        return Array.AsReadOnly(new[]
        {
            Draw("Waa", hiddenSize, hiddenSize),
            Draw("Wax", hiddenSize, inputSize),
            Draw("ba", hiddenSize),
            Draw("Wya", outputSize, hiddenSize),
            Draw("by", outputSize),
        });
    }
}
