using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Proto = Onnx;
using static RnnGen.Onnx.OnnxGraphWriter;

namespace RnnGen.Onnx;

/// <summary>
/// Writes a model as a standard ONNX graph (operator set <see cref="OnnxNames.Opset"/>) that computes what the
/// generated code computes:
/// <list type="number">
/// <item>the input: a one-hot model's token ids through a <c>Gather</c> (from the embedding's table when the model has
/// one, else from the input table: row t is column t of weight_ih, the columns a one-hot vector selects); a dense
/// model's x as it is;</item>
/// <item>per layer one ONNX <c>RNN</c>, <c>GRU</c> (<c>linear_before_reset = 1</c>, PyTorch's form) or <c>LSTM</c>
/// operator, gates reordered from PyTorch's to ONNX's (<see cref="GateOrder"/>), <c>direction = "bidirectional"</c>
/// for a bidirectional model, whose [T, 2, B, H] output is transposed and reshaped to [T, B, 2H] (forward half first,
/// as PyTorch concatenates) for the next layer and the head;</item>
/// <item>a classifier (shape many-to-one) takes the last step of the top layer's output (<c>Slice</c>, <c>Squeeze</c>):
/// its y is [batch, OutputSize]; a generator (one-to-many) is exported as the network of one step after another, the
/// sampling being the caller's;</item>
/// <item>the head: <c>MatMul</c> by weight transposed, <c>Add</c> bias, then <c>Sigmoid</c>, <c>Softmax</c> (last axis),
/// <c>Tanh</c> or nothing (linear).</item>
/// </list>
/// The vocabulary, labels, tokenizer and key go into the model's <c>metadata_props</c>.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The model as ONNX protobuf bytes: what an <c>.onnx</c> file holds.</summary>
    /// <param name="weights">The model and its weights.</param>
    /// <param name="vocabulary">A one-hot model's vocabulary (index = token id), or null when it has none.</param>
    public static byte[] Export(RecurrentWeights weights, IReadOnlyList<string>? vocabulary) => Build(weights, vocabulary).ToByteArray();

    /// <summary>The graph's inputs in the order a caller feeds them: tokens or x, h0, and c0 for an LSTM.</summary>
    public static IReadOnlyList<string> InputNames(RnnModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string first = info.InputEncoding == SpecWords.OneHot ? OnnxNames.Tokens : OnnxNames.Inputs;
        return info.Cell == SpecWords.Lstm ? new[] { first, OnnxNames.InitialHidden, OnnxNames.InitialCell } : new[] { first, OnnxNames.InitialHidden };
    }

    /// <summary>The graph's outputs in order: y, hn, and cn for an LSTM.</summary>
    public static IReadOnlyList<string> OutputNames(RnnModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.Cell == SpecWords.Lstm
            ? new[] { OnnxNames.Outputs, OnnxNames.FinalHidden, OnnxNames.FinalCell }
            : new[] { OnnxNames.Outputs, OnnxNames.FinalHidden };
    }

    internal static Proto.ModelProto Build(RecurrentWeights weights, IReadOnlyList<string>? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(weights);
        RnnModelInfo info = weights.Info;
        bool oneHot = info.InputEncoding == SpecWords.OneHot;
        bool lstm = info.Cell == SpecWords.Lstm;
        int h = info.HiddenSize, d = weights.Directions, layers = weights.Layers.Count;
        int states = layers * d;
        var g = new OnnxGraphWriter(info.Name, info.Description);
        const Proto.TensorProto.Types.DataType F = Proto.TensorProto.Types.DataType.Float;

        g.Input(oneHot
            ? Value(OnnxNames.Tokens, Proto.TensorProto.Types.DataType.Int64, $"token ids in [0, {Int(info.InputSize)})", OnnxNames.SequenceAxis, OnnxNames.BatchAxis)
            : Value(OnnxNames.Inputs, F, "x<1> … x<T>", OnnxNames.SequenceAxis, OnnxNames.BatchAxis, info.InputSize));
        g.Input(Value(OnnxNames.InitialHidden, F, "each layer's (and direction's) first hidden state; zeros for a<0> = 0", states, OnnxNames.BatchAxis, h));
        if (lstm) g.Input(Value(OnnxNames.InitialCell, F, "each layer's (and direction's) first cell state; zeros to start afresh", states, OnnxNames.BatchAxis, h));

        // Each layer's first states: h0 (and c0) split along its first axis, one [directions, batch, H] part per layer.
        string[] Split(string state)
        {
            if (layers == 1) return new[] { state };
            string[] parts = Enumerable.Range(0, layers).Select(k => $"{state}_l{Int(k)}").ToArray();
            g.Node("Split", $"split_{state}", new[] { state }, parts, Attribute("axis", 0L));
            return parts;
        }
        string[] h0 = Split(OnnxNames.InitialHidden);
        string[] c0 = lstm ? Split(OnnxNames.InitialCell) : Array.Empty<string>();

        string x = FirstInput(g, weights, out bool selectsTable);
        var finalH = new List<string>();
        var finalC = new List<string>();
        for (int k = 0; k < layers; k++)
        {
            LayerWeights layer = weights.Layers[k];
            string l = "l" + Int(k);
            int input = k == 0 && selectsTable ? d * GateOrder.Count(info.Cell) * h : layer.InputSize;
            float[] w = k == 0 && selectsTable ? TableSelection(info.Cell, h, d) : Stack(layer, dw => GateOrder.Reorder(dw.InputWeights, info.Cell, h, layer.InputSize));
            string wName = g.Floats($"W_{l}", w, d, GateOrder.Count(info.Cell) * h, input);
            string rName = g.Floats($"R_{l}", Stack(layer, dw => GateOrder.Reorder(dw.RecurrentWeights, info.Cell, h, h)), d, GateOrder.Count(info.Cell) * h, h);
            string bName = g.Floats($"B_{l}", Stack(layer, dw => GateOrder.Reorder(dw.InputBias, info.Cell, h, 1)
                .Concat(GateOrder.Reorder(dw.RecurrentBias, info.Cell, h, 1)).ToArray()), d, 2 * GateOrder.Count(info.Cell) * h);
            string y = $"Y_{l}";
            string yh = layers == 1 ? OnnxNames.FinalHidden : $"Y_h_{l}";
            string yc = layers == 1 ? OnnxNames.FinalCell : $"Y_c_{l}";
            var inputs = new List<string> { x, wName, rName, bName, "", h0[k] };
            var outputs = new List<string> { y, yh };
            var attributes = new List<Proto.AttributeProto>
            {
                Attribute("hidden_size", (long)h),
                Attribute("direction", d == 2 ? "bidirectional" : "forward"),
            };
            switch (info.Cell)
            {
                case SpecWords.Rnn:
                    attributes.Add(Attribute("activations", Enumerable.Repeat(OnnxActivation(info.HiddenActivation), d)));
                    break;
                case SpecWords.Gru:
                    // PyTorch applies the reset gate after the recurrent product: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)).
                    attributes.Add(Attribute("linear_before_reset", 1L));
                    break;
                case SpecWords.Lstm:
                    inputs.Add(c0[k]);
                    outputs.Add(yc);
                    break;
            }
            g.Node(info.Cell switch { SpecWords.Rnn => "RNN", SpecWords.Gru => "GRU", _ => "LSTM" }, $"{info.Cell}_{l}", inputs, outputs, attributes.ToArray());
            finalH.Add(yh);
            if (lstm) finalC.Add(yc);
            x = LayerOutput(g, y, l, d);
        }
        if (layers > 1)
        {
            g.Node("Concat", "concat_hn", finalH, new[] { OnnxNames.FinalHidden }, Attribute("axis", 0L));
            if (lstm) g.Node("Concat", "concat_cn", finalC, new[] { OnnxNames.FinalCell }, Attribute("axis", 0L));
        }

        // A classifier (many-to-one) reads the head once, after the last input: the last step of the top layer's output.
        bool last = info.Shape == SpecWords.ManyToOne;
        if (last)
        {
            g.Node("Slice", "last_step", new[] { x, g.Int64s("slice_last_start", -1), g.Int64s("slice_last_end", long.MaxValue), g.Int64s("slice_last_axes", 0) },
                new[] { "H_last_step" });
            g.Node("Squeeze", "squeeze_last_step", new[] { "H_last_step", g.Int64s("axis_sequence", 0) }, new[] { "H_last" });
            x = "H_last";
        }

        // The head: ŷ = g_y(x · weightᵀ + bias) over the last axis.
        int top = d * h;
        string wy = g.Floats("head_weight_t", Transpose(weights.HeadWeight, info.OutputSize, top), top, info.OutputSize);
        string by = g.Floats("head_bias", weights.HeadBias, info.OutputSize);
        g.Node("MatMul", "head_matmul", new[] { x, wy }, new[] { "head_product" });
        string activation = info.OutputActivation;
        string logits = activation == SpecWords.Linear ? OnnxNames.Outputs : "head_logits";
        g.Node("Add", "head_bias_add", new[] { "head_product", by }, new[] { logits });
        switch (activation)
        {
            case SpecWords.Sigmoid: g.Node("Sigmoid", "head_sigmoid", new[] { logits }, new[] { OnnxNames.Outputs }); break;
            case SpecWords.Tanh: g.Node("Tanh", "head_tanh", new[] { logits }, new[] { OnnxNames.Outputs }); break;
            case SpecWords.Softmax: g.Node("Softmax", "head_softmax", new[] { logits }, new[] { OnnxNames.Outputs }, Attribute("axis", -1L)); break;
            case SpecWords.Linear: break;
            default: throw new ArgumentException($"Unknown output activation '{activation}'.", nameof(weights));
        }

        g.Output(last
            ? Value(OnnxNames.Outputs, F, "ŷ<T>, after the last input", OnnxNames.BatchAxis, info.OutputSize)
            : Value(OnnxNames.Outputs, F, "ŷ<1> … ŷ<T>", OnnxNames.SequenceAxis, OnnxNames.BatchAxis, info.OutputSize));
        g.Output(Value(OnnxNames.FinalHidden, F, "each layer's (and direction's) last hidden state", states, OnnxNames.BatchAxis, h));
        if (lstm) g.Output(Value(OnnxNames.FinalCell, F, "each layer's (and direction's) last cell state", states, OnnxNames.BatchAxis, h));

        var model = new Proto.ModelProto
        {
            IrVersion = OnnxNames.IrVersion,
            ProducerName = "rnngen",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "",
            ModelVersion = 1,
            DocString = info.Description,
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new Proto.OperatorSetIdProto { Domain = "", Version = OnnxNames.Opset });
        foreach ((string key, string value) in Metadata(info, vocabulary)) model.MetadataProps.Add(new Proto.StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>
    /// The first layer's X: a dense model's input; an embedding model's Gather from the embedding's table; a one-hot
    /// model's Gather from the input table (<paramref name="selectsTable"/>: the layer's W then only picks each
    /// direction's block of the row, since ONNX's recurrent operators always multiply X by W).
    /// </summary>
    private static string FirstInput(OnnxGraphWriter g, RecurrentWeights weights, out bool selectsTable)
    {
        RnnModelInfo info = weights.Info;
        selectsTable = false;
        if (info.InputEncoding != SpecWords.OneHot) return OnnxNames.Inputs;
        string table;
        if (weights.Embedding is { } embedding)
        {
            table = g.Floats("embedding_weight", embedding, info.InputSize, info.EmbeddingSize);
        }
        else
        {
            selectsTable = true;
            table = g.Floats("input_table", InputTable(weights), info.InputSize, weights.Directions * GateOrder.Count(info.Cell) * info.HiddenSize);
        }
        g.Node("Gather", "gather_tokens", new[] { table, OnnxNames.Tokens }, new[] { "X_l0" }, Attribute("axis", 0L));
        return "X_l0";
    }

    /// <summary>
    /// Row t: for each direction, column t of its weight_ih (the product of weight_ih with the one-hot vector of t),
    /// gates in ONNX's order.
    /// </summary>
    private static float[] InputTable(RecurrentWeights weights)
    {
        RnnModelInfo info = weights.Info;
        int rows = GateOrder.Count(info.Cell) * info.HiddenSize, tokens = info.InputSize, d = weights.Directions;
        var table = new float[(long)tokens * d * rows];
        for (int dir = 0; dir < d; dir++)
        {
            float[] w = GateOrder.Reorder(weights.Layers[0].Directions[dir].InputWeights, info.Cell, info.HiddenSize, tokens);
            for (int r = 0; r < rows; r++)
            {
                for (int t = 0; t < tokens; t++) table[((long)t * d + dir) * rows + r] = w[(long)r * tokens + t];
            }
        }
        return table;
    }

    /// <summary>W of a first layer fed by the input table: direction d's rows are the identity on its block of the row.</summary>
    private static float[] TableSelection(string cell, int hidden, int directions)
    {
        int rows = GateOrder.Count(cell) * hidden, columns = directions * rows;
        var w = new float[directions * rows * columns];
        for (int dir = 0; dir < directions; dir++)
        {
            for (int r = 0; r < rows; r++) w[(dir * rows + r) * columns + dir * rows + r] = 1f;
        }
        return w;
    }

    /// <summary>[T, directions, B, H] → [T, B, directions × H]: the next layer's X and the head's input.</summary>
    private static string LayerOutput(OnnxGraphWriter g, string y, string l, int directions)
    {
        string output = $"H_{l}";
        if (directions == 1)
        {
            g.Node("Squeeze", $"squeeze_{l}", new[] { y, Axes(g) }, new[] { output });
            return output;
        }
        g.Node("Transpose", $"transpose_{l}", new[] { y }, new[] { $"{y}_t" }, Attribute("perm", 0L, 2L, 1L, 3L));
        g.Node("Reshape", $"reshape_{l}", new[] { $"{y}_t", MergeShape(g) }, new[] { output });
        return output;
    }

    private static string Axes(OnnxGraphWriter g) =>
        g.Graph.Initializer.Any(t => t.Name == "axis_directions") ? "axis_directions" : g.Int64s("axis_directions", 1);

    private static string MergeShape(OnnxGraphWriter g) =>
        g.Graph.Initializer.Any(t => t.Name == "shape_merge_directions") ? "shape_merge_directions" : g.Int64s("shape_merge_directions", 0, 0, -1);

    /// <summary>One tensor per direction, stacked: [directions, …].</summary>
    private static float[] Stack(LayerWeights layer, Func<DirectionWeights, float[]> select) => layer.Directions.SelectMany(select).ToArray();

    private static float[] Transpose(float[] matrix, int rows, int columns)
    {
        var t = new float[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) t[c * rows + r] = matrix[r * columns + c];
        }
        return t;
    }

    private static string OnnxActivation(string activation) => activation switch
    {
        SpecWords.Tanh => "Tanh",
        SpecWords.Relu => "Relu",
        SpecWords.Sigmoid => "Sigmoid",
        _ => throw new ArgumentException($"Unknown hidden activation '{activation}'.", nameof(activation)),
    };

    private static IEnumerable<(string Key, string Value)> Metadata(RnnModelInfo info, IReadOnlyList<string>? vocabulary)
    {
        yield return (OnnxNames.ModelKey, info.Key);
        string layers = info.Layers == 1 ? "1 layer" : $"{Int(info.Layers)} layers";
        string embedding = info.EmbeddingSize > 0 ? $", embedding {Int(info.EmbeddingSize)}" : "";
        yield return (OnnxNames.NetworkKey,
            $"{info.Cell}, {layers}, {(info.Bidirectional ? "bidirectional" : "forward")}, {info.Shape}, hidden {Int(info.HiddenSize)} {info.HiddenActivation}, "
            + $"{info.InputEncoding} {Int(info.InputSize)}{embedding}, output {Int(info.OutputSize)} {info.OutputActivation}");
        yield return (OnnxNames.LabelsKey, JsonSerializer.Serialize(info.Labels.ToArray(), Json));
        if (info.InputEncoding == SpecWords.OneHot)
        {
            yield return (OnnxNames.TokenizerKey, info.Tokenizer);
            if (vocabulary is not null)
            {
                yield return (OnnxNames.VocabularyKey, JsonSerializer.Serialize(vocabulary.ToArray(), Json));
                yield return (OnnxNames.UnknownKey, SpecWords.Unknown);
            }
        }
    }

    /// <summary>JSON with only what JSON requires escaped, so that a reader of the metadata sees &lt;UNK&gt; and ö as they are.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
