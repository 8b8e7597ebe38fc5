using System.Globalization;
using System.Linq;

namespace RnnGen.Generators.Model;

/// <summary>
/// The tensors a model reads from its weights file, in the file's (and the constructor's) order. A single
/// Elman layer without an embedding keeps the textbook's names (Waa, Wax, ba, Wya, by); every other model
/// uses the names of a PyTorch <c>state_dict</c> of <c>embedding</c> (nn.Embedding), <c>rnn</c> (nn.RNN, nn.GRU
/// or nn.LSTM) and <c>head</c> (nn.Linear), loaded as they are, under the module paths the spec's <c>modules</c>
/// gives (<see cref="ModulePrefixes"/>).
/// </summary>
internal static class ModelTensors
{
    public const string HiddenSize = "HiddenSize";
    public const string InputSize = "InputSize";
    public const string OutputSize = "OutputSize";
    public const string EmbeddingSize = "EmbeddingSize";


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

    /// <summary>The name of a module's tensor: its path, '.', and the tensor's own name (<c>encoder.gru.weight_ih_l0</c>).</summary>
    public static string Name(string modulePath, string local) => modulePath + "." + local;

    /// <summary>The embedding's table, under the spec's module path.</summary>
    public static string EmbeddingWeight(ModulePrefixes modules) => Name(modules.Embedding, "weight");

    public static EquatableArray<TensorSpec> For(CellKind cell, int hidden, int input, int output, int layers = 1, int embedding = 0,
        bool pyTorchNames = false, bool bidirectional = false, ModulePrefixes? modules = null)
    {
        modules ??= ModulePrefixes.Default;
        ModulePrefixes defaults = ModulePrefixes.Default;
        var a = new TensorDim(HiddenSize, hidden);
        var x = new TensorDim(InputSize, input);
        var y = new TensorDim(OutputSize, output);
        if (Textbook(cell, layers, embedding, bidirectional) && !pyTorchNames)
        {
            // The textbook's names, as the README and the weights of the shipped models use them.
            return new[]
            {
                Tensor("Waa", "Waa", TensorRole.RecurrentWeights, 0, a, a),
                Tensor("Wax", "Wax", TensorRole.InputWeights, 0, a, x),
                Tensor("ba", "ba", TensorRole.HiddenBias, 0, a),
                Tensor("Wya", "Wya", TensorRole.OutputWeights, -1, y, a),
                Tensor("by", "by", TensorRole.OutputBias, -1, y),
            }.ToEquatableArray();
        }
        int g = Gates(cell);
        var gates = new TensorDim(g == 1 ? HiddenSize : $"{g.ToString(CultureInfo.InvariantCulture)} * {HiddenSize}", g * hidden);
        var list = new System.Collections.Generic.List<TensorSpec>();
        if (embedding > 0)
        {
            list.Add(Tensor(EmbeddingWeight(modules), EmbeddingWeight(defaults), TensorRole.Embedding, -1, x, new TensorDim(EmbeddingSize, embedding)));
        }
        var both = new TensorDim($"2 * {HiddenSize}", 2 * hidden);
        for (int k = 0; k < layers; k++)
        {
            TensorDim layerInput = k > 0 ? (bidirectional ? both : a) : embedding > 0 ? new TensorDim(EmbeddingSize, embedding) : x;
            foreach (string direction in bidirectional ? new[] { "", ReverseSuffix } : new[] { "" })
            {
                string l = "_l" + k.ToString(CultureInfo.InvariantCulture) + direction;
                bool reverse = direction.Length > 0;
                string Rnn(string local) => Name(modules.Recurrent, local + l);
                string Default(string local) => Name(defaults.Recurrent, local + l);
                list.Add(Tensor(Rnn("weight_ih"), Default("weight_ih"), TensorRole.InputWeights, k, gates, layerInput, reverse));
                list.Add(Tensor(Rnn("weight_hh"), Default("weight_hh"), TensorRole.RecurrentWeights, k, gates, a, reverse));
                list.Add(Tensor(Rnn("bias_ih"), Default("bias_ih"), TensorRole.InputBias, k, gates, reverse));
                list.Add(Tensor(Rnn("bias_hh"), Default("bias_hh"), TensorRole.RecurrentBias, k, gates, reverse));
            }
        }
        list.Add(Tensor(Name(modules.Head, "weight"), Name(defaults.Head, "weight"), TensorRole.OutputWeights, -1, y, bidirectional ? both : a));
        list.Add(Tensor(Name(modules.Head, "bias"), Name(defaults.Head, "bias"), TensorRole.OutputBias, -1, y));
        return list.ToEquatableArray();
    }

    /// <summary>
    /// Whether <paramref name="local"/> is the own name of one of a module's tensors (<c>weight</c>, <c>weight_ih_l0</c>):
    /// a module path that ends with one names a tensor, not the module.
    /// </summary>
    public static bool IsTensorName(string module, string local) => module switch
    {
        SpecWords.EmbeddingModule => local == "weight",
        SpecWords.RecurrentModule => System.Text.RegularExpressions.Regex.IsMatch(local, "^(weight|bias)_(ih|hh)_l[0-9]+(_reverse)?$"),
        SpecWords.HeadModule => local is "weight" or "bias",
        _ => throw Exhaustive.Unhandled(module),
    };

    /// <summary>PyTorch's suffix for the tensors of a layer's reverse direction.</summary>
    public const string ReverseSuffix = "_reverse";

    private static TensorSpec Tensor(string name, string defaultName, TensorRole role, int layer, params TensorDim[] shape) =>
        new(name, defaultName, role, shape.ToEquatableArray(), layer);

    private static TensorSpec Tensor(string name, string defaultName, TensorRole role, int layer, TensorDim rows, TensorDim columns, bool reverse) =>
        new(name, defaultName, role, new[] { rows, columns }.ToEquatableArray(), layer, reverse);

    private static TensorSpec Tensor(string name, string defaultName, TensorRole role, int layer, TensorDim rows, bool reverse) =>
        new(name, defaultName, role, new[] { rows }.ToEquatableArray(), layer, reverse);

    /// <summary>The model's tensor with this role (in this layer), or null when the model has none.</summary>
    public static TensorSpec? Find(this EquatableArray<TensorSpec> tensors, TensorRole role, int layer = -1, bool reverse = false) =>
        tensors.FirstOrDefault(t => t.Role == role && (layer < 0 || t.Layer == layer || t.Layer < 0) && t.Reverse == reverse);

    /// <summary>The model's tensor with this role (in this layer and direction), which the cell must have.</summary>
    public static TensorSpec Get(this EquatableArray<TensorSpec> tensors, TensorRole role, int layer = -1, bool reverse = false) =>
        tensors.Find(role, layer, reverse) ?? throw Exhaustive.Unhandled(role);
}
