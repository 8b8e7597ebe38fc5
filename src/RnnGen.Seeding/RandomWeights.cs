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
        return Create(new[]
        {
            new TensorInfo("Waa", new[] { hiddenSize, hiddenSize }),
            new TensorInfo("Wax", new[] { hiddenSize, inputSize }),
            new TensorInfo("ba", new[] { hiddenSize }),
            new TensorInfo("Wya", new[] { outputSize, hiddenSize }),
            new TensorInfo("by", new[] { outputSize }),
        }, hiddenSize, seed);
    }

    /// <summary>
    /// The tensors a model lists (<see cref="RnnModelInfo.Tensors"/>), every value uniform in [−1/√a, 1/√a]
    /// as PyTorch initialises its recurrent layers, drawn from <see cref="DeterministicRandom"/> tensor by
    /// tensor in the list's order, row-major.
    /// </summary>
    /// <param name="tensors">Names and shapes.</param>
    /// <param name="hiddenSize">a, which sets the bound; at least 1.</param>
    /// <param name="seed">The generator's seed: the same arguments always give the same tensors.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hiddenSize"/> or a dimension is less than 1.</exception>
    public static IReadOnlyList<Tensor> Create(IReadOnlyList<TensorInfo> tensors, int hiddenSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        var random = new DeterministicRandom(seed);
        float bound = (float)(1.0 / Math.Sqrt(hiddenSize));
        var result = new Tensor[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            long count = 1;
            foreach (int d in tensors[t].Shape)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(tensors));
                count *= d;
            }
            var data = new float[count];
            for (int i = 0; i < data.Length; i++) data[i] = random.Uniform(-bound, bound);
            result[t] = new Tensor(tensors[t].Name, [.. tensors[t].Shape], data);
        }
        return Array.AsReadOnly(result);
    }
}
