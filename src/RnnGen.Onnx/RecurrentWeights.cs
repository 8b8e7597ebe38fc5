using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Onnx;

/// <summary>One direction of one layer: PyTorch's four tensors, gates stacked in PyTorch's order.</summary>
/// <param name="InputWeights">weight_ih: gates × HiddenSize rows, one column per input of the layer.</param>
/// <param name="RecurrentWeights">weight_hh: gates × HiddenSize rows, HiddenSize columns.</param>
/// <param name="InputBias">bias_ih: gates × HiddenSize.</param>
/// <param name="RecurrentBias">bias_hh: gates × HiddenSize (zeros for the textbook's Elman cell, whose one bias is ba).</param>
public sealed record DirectionWeights(float[] InputWeights, float[] RecurrentWeights, float[] InputBias, float[] RecurrentBias);

/// <summary>A recurrent layer: its input size and its directions (forward, then reverse when bidirectional).</summary>
public sealed record LayerWeights(int InputSize, IReadOnlyList<DirectionWeights> Directions);

/// <summary>
/// A model's weights by role, as PyTorch names them: the optional embedding, every layer's directions, the head.
/// Built from a model's <see cref="RnnModelInfo"/> and its tensors in the order <see cref="RnnModelInfo.Tensors"/>
/// lists them (the order of the generated constructor), so it holds exactly what the generated code computes with.
/// </summary>
/// <param name="Info">The model.</param>
/// <param name="Embedding">nn.Embedding's table, InputSize × EmbeddingSize, or null.</param>
/// <param name="Layers">The recurrent layers, first to last.</param>
/// <param name="HeadWeight">The head's weight: OutputSize rows, directions × HiddenSize columns.</param>
/// <param name="HeadBias">The head's bias: OutputSize.</param>
public sealed record RecurrentWeights(RnnModelInfo Info, float[]? Embedding, IReadOnlyList<LayerWeights> Layers, float[] HeadWeight, float[] HeadBias)
{
    /// <summary>1, or 2 for a bidirectional model.</summary>
    public int Directions => Info.Bidirectional ? 2 : 1;

    /// <summary>
    /// The weights of <paramref name="info"/> from <paramref name="tensors"/>, listed as <see cref="RnnModelInfo.Tensors"/>
    /// lists them: the textbook's Waa, Wax, ba, Wya, by for a one-layer Elman model without an embedding; otherwise
    /// PyTorch's embedding.weight (if any), then per layer and direction weight_ih, weight_hh, bias_ih, bias_hh, then
    /// the head's weight and bias.
    /// </summary>
    /// <exception cref="ArgumentException">The number of tensors or a tensor's length does not fit the model.</exception>
    public static RecurrentWeights From(RnnModelInfo info, IReadOnlyList<float[]> tensors)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count != info.Tensors.Count)
        {
            throw new ArgumentException($"{info.Key} reads {info.Tensors.Count} tensors, but {tensors.Count} were given.", nameof(tensors));
        }
        for (int i = 0; i < tensors.Count; i++)
        {
            long size = info.Tensors[i].Shape.Aggregate(1L, (p, d) => p * d);
            if (tensors[i].Length != size)
            {
                throw new ArgumentException($"{info.Key}: tensor {info.Tensors[i].Name} must hold {size} values, not {tensors[i].Length}.", nameof(tensors));
            }
        }
        int h = info.HiddenSize;
        if (IsTextbook(info))
        {
            // Waa, Wax, ba, Wya, by: weight_hh, weight_ih and the one bias (b_hh = 0).
            var layer = new LayerWeights(info.InputSize, new[] { new DirectionWeights(tensors[1], tensors[0], tensors[2], new float[h]) });
            return new RecurrentWeights(info, null, new[] { layer }, tensors[3], tensors[4]);
        }
        int next = 0;
        float[]? embedding = info.EmbeddingSize > 0 ? tensors[next++] : null;
        int directions = info.Bidirectional ? 2 : 1;
        var layers = new List<LayerWeights>();
        for (int k = 0; k < info.Layers; k++)
        {
            int input = k > 0 ? directions * h : info.EmbeddingSize > 0 ? info.EmbeddingSize : info.InputSize;
            var both = new List<DirectionWeights>();
            for (int d = 0; d < directions; d++)
            {
                both.Add(new DirectionWeights(tensors[next], tensors[next + 1], tensors[next + 2], tensors[next + 3]));
                next += 4;
            }
            layers.Add(new LayerWeights(input, both));
        }
        return new RecurrentWeights(info, embedding, layers, tensors[next], tensors[next + 1]);
    }

    /// <summary>
    /// The weights of <paramref name="info"/> read from a safetensors file by the rules the generated model's
    /// <c>FromSafeTensors</c> follows: the listed names (under the module prefixes the file uses), or, for a textbook
    /// Elman model, PyTorch's nn.RNN + nn.Linear names instead, whose two biases are then kept apart.
    /// </summary>
    /// <exception cref="WeightsException">A tensor is missing, extra or of another shape.</exception>
    public static RecurrentWeights Read(RnnModelInfo info, SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(file);
        if (IsTextbook(info) && file.Find(info.Tensors[0].Name) is null && file.Tensors.Any(t => t.Name.EndsWith("weight_hh_l0", StringComparison.Ordinal)))
        {
            int h = info.HiddenSize;
            TensorInfo[] pyTorch =
            {
                new(SpecWords.RecurrentModule + ".weight_ih_l0", new[] { h, info.InputSize }),
                new(SpecWords.RecurrentModule + ".weight_hh_l0", new[] { h, h }),
                new(SpecWords.RecurrentModule + ".bias_ih_l0", new[] { h }),
                new(SpecWords.RecurrentModule + ".bias_hh_l0", new[] { h }),
                new(SpecWords.HeadModule + ".weight", new[] { info.OutputSize, h }),
                new(SpecWords.HeadModule + ".bias", new[] { info.OutputSize }),
            };
            float[][] t = file.RequireAll(pyTorch);
            var layer = new LayerWeights(info.InputSize, new[] { new DirectionWeights(t[0], t[1], t[2], t[3]) });
            return new RecurrentWeights(info, null, new[] { layer }, t[4], t[5]);
        }
        return From(info, file.RequireAll(info.Tensors));
    }

    /// <summary>Whether the model keeps the textbook's tensor names (Waa, Wax, ba, Wya, by).</summary>
    private static bool IsTextbook(RnnModelInfo info) =>
        info.Cell == SpecWords.Rnn && info.Layers == 1 && info.EmbeddingSize == 0 && !info.Bidirectional
        && info.Tensors.Count == 5 && info.Tensors[0].Name == "Waa";
}
