using System.Collections.Generic;

namespace RnnGen.Cli;

/// <summary>What <c>rnngen init</c> writes: seeded random tensors for a model and metadata saying so.</summary>
/// <param name="Tensors">The tensors the model lists, from <see cref="RandomWeights.Create(IReadOnlyList{TensorInfo}, int, ulong)"/>.</param>
/// <param name="Metadata">The safetensors <c>__metadata__</c>: model, seed and a note that the weights are not trained.</param>
internal sealed record SeededWeights(IReadOnlyList<Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    public const string Note = "seeded random weights, not trained";

    public static SeededWeights Create(RnnModelInfo info, ulong seed) => new(
        RandomWeights.Create(info.Tensors, info.HiddenSize, seed),
        new SortedDictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["model"] = info.Key,
            ["seed"] = Numbers.Int(seed),
            ["note"] = Note,
        });
}
