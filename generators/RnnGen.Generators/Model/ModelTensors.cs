using System.Globalization;
using System.Linq;

namespace RnnGen.Generators.Model;

/// <summary>
/// The tensors a model reads from its weights file, in the file's (and the constructor's) order. A single
/// Elman layer without an embedding keeps the textbook's names (Waa, Wax, ba, Wya, by); every other model
/// uses the names of a PyTorch <c>state_dict</c> of <c>embedding</c> (nn.Embedding), <c>rnn</c> (nn.RNN, nn.GRU
/// or nn.LSTM) and <c>head</c> (nn.Linear), loaded as they are.
/// </summary>
internal static class ModelTensors
{
    public const string HiddenSize = "HiddenSize";
    public const string InputSize = "InputSize";
    public const string OutputSize = "OutputSize";
    public const string EmbeddingSize = "EmbeddingSize";

    /// <summary>The module prefixes of PyTorch's names, as the spec's defaults.</summary>
    public const string RecurrentModule = "rnn";
    public const string HeadModule = "head";
    public const string EmbeddingModule = "embedding";

    /// <summary>Whether the model keeps the textbook's tensor names.</summary>
    public static bool Textbook(CellKind cell, int layers, int embedding, bool bidirectional = false) =>
        cell == CellKind.Elman && layers == 1 && embedding == 0 && !bidirectional;

    /// <summary>Whether a model keeps the textbook's names.</summary>
    public static bool Textbook(ModelSpec m) => Textbook(m.Top.Cell, m.Layers.Count, m.Input.Embedding, m.Bidirectional);

    /// <summary>How many blocks of a rows a cell's stacked weights have: PyTorch's gates, in its order.</summary>
    public static int Gates(CellKind cell) => cell switch
    {
        CellKind.Elman => 1,
        CellKind.Gru => 3,
        CellKind.Lstm => 4,
        _ => throw Exhaustive.Unhandled(cell),
    };

    public static EquatableArray<TensorSpec> For(CellKind cell, int hidden, int input, int output, int layers = 1, int embedding = 0,
        bool pyTorchNames = false, bool bidirectional = false)
    {
        var a = new TensorDim(HiddenSize, hidden);
        var x = new TensorDim(InputSize, input);
        var y = new TensorDim(OutputSize, output);
        if (Textbook(cell, layers, embedding, bidirectional) && !pyTorchNames)
        {
            // The textbook's names, as the README and the weights of the shipped models use them.
            return new[]
            {
                Tensor("Waa", TensorRole.RecurrentWeights, 0, a, a),
                Tensor("Wax", TensorRole.InputWeights, 0, a, x),
                Tensor("ba", TensorRole.HiddenBias, 0, a),
                Tensor("Wya", TensorRole.OutputWeights, -1, y, a),
                Tensor("by", TensorRole.OutputBias, -1, y),
            }.ToEquatableArray();
        }
        int g = Gates(cell);
        var gates = new TensorDim(g == 1 ? HiddenSize : $"{g.ToString(CultureInfo.InvariantCulture)} * {HiddenSize}", g * hidden);
        var list = new System.Collections.Generic.List<TensorSpec>();
        if (embedding > 0) list.Add(Tensor(EmbeddingModule + ".weight", TensorRole.Embedding, -1, x, new TensorDim(EmbeddingSize, embedding)));
        var both = new TensorDim($"2 * {HiddenSize}", 2 * hidden);
        for (int k = 0; k < layers; k++)
        {
            TensorDim layerInput = k > 0 ? (bidirectional ? both : a) : embedding > 0 ? new TensorDim(EmbeddingSize, embedding) : x;
            foreach (string direction in bidirectional ? new[] { "", ReverseSuffix } : new[] { "" })
            {
                string l = "_l" + k.ToString(CultureInfo.InvariantCulture) + direction;
                bool reverse = direction.Length > 0;
                list.Add(Tensor($"{RecurrentModule}.weight_ih{l}", TensorRole.InputWeights, k, gates, layerInput, reverse));
                list.Add(Tensor($"{RecurrentModule}.weight_hh{l}", TensorRole.RecurrentWeights, k, gates, a, reverse));
                list.Add(Tensor($"{RecurrentModule}.bias_ih{l}", TensorRole.InputBias, k, gates, reverse));
                list.Add(Tensor($"{RecurrentModule}.bias_hh{l}", TensorRole.RecurrentBias, k, gates, reverse));
            }
        }
        list.Add(Tensor(HeadModule + ".weight", TensorRole.OutputWeights, -1, y, bidirectional ? both : a));
        list.Add(Tensor(HeadModule + ".bias", TensorRole.OutputBias, -1, y));
        return list.ToEquatableArray();
    }

    /// <summary>PyTorch's suffix for the tensors of a layer's reverse direction.</summary>
    public const string ReverseSuffix = "_reverse";

    private static TensorSpec Tensor(string name, TensorRole role, int layer, params TensorDim[] shape) => new(name, role, shape.ToEquatableArray(), layer);

    private static TensorSpec Tensor(string name, TensorRole role, int layer, TensorDim rows, TensorDim columns, bool reverse) =>
        new(name, role, new[] { rows, columns }.ToEquatableArray(), layer, reverse);

    private static TensorSpec Tensor(string name, TensorRole role, int layer, TensorDim rows, bool reverse) =>
        new(name, role, new[] { rows }.ToEquatableArray(), layer, reverse);

    /// <summary>The model's tensor with this role (in this layer), or null when the model has none.</summary>
    public static TensorSpec? Find(this EquatableArray<TensorSpec> tensors, TensorRole role, int layer = -1, bool reverse = false) =>
        tensors.FirstOrDefault(t => t.Role == role && (layer < 0 || t.Layer == layer || t.Layer < 0) && t.Reverse == reverse);

    /// <summary>The model's tensor with this role (in this layer and direction), which the cell must have.</summary>
    public static TensorSpec Get(this EquatableArray<TensorSpec> tensors, TensorRole role, int layer = -1, bool reverse = false) =>
        tensors.Find(role, layer, reverse) ?? throw Exhaustive.Unhandled(role);
}
