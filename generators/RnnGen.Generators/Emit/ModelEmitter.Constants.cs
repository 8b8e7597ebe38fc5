using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>The class's constants and its <c>Info</c>.</summary>
internal static partial class ModelEmitter
{
    /// <summary>Writes a string literal split into pieces joined by +, so that no line grows past the width.</summary>
    private static void ConcatenatedLiteral(SourceWriter w, string prefix, System.Collections.Generic.IReadOnlyList<string> pieces, string suffix)
    {
        for (int i = 0; i < pieces.Count; i++)
        {
            string head = i == 0 ? prefix : new string(' ', prefix.Length - 2) + "+ ";
            w.Line(head + pieces[i] + (i == pieces.Count - 1 ? suffix : ""));
        }
    }

    /// <summary>
    /// The most characters of labels written as string literals. Past it they are UTF-8 data, one per line of a raw
    /// literal: every string literal of an assembly shares its 16 MB string heap, which 100,000 labels of 100
    /// characters would overflow (CS8103); data has no such limit. The reader refused labels with line breaks.
    /// </summary>
    internal const int MaxLiteralLabelCharacters = 1000;

    private static bool LabelsAsData(ModelSpec m) => m.Output.Labels.Sum(l => l.Length) > MaxLiteralLabelCharacters;

    /// <summary>The constant the Hidden value's storage is sized by: HiddenStride for one state vector, StateStride for several.</summary>
    private static string StateStorageConstant(ModelSpec m, Lowering.StepProgram program) =>
        program.StateStorage == SpecWords.Pad(m.Top.Size) ? "HiddenStride" : "StateStride";

    private static void Constants(SourceWriter w, ModelSpec m, Lowering.StepProgram program)
    {
        w.Line("/// <summary>The size of the hidden state a.</summary>");
        w.Line($"public const int {ModelTensors.HiddenSize} = {Int(m.Top.Size)};");
        w.Line();
        w.Line(m.Input.OneHot
            ? "/// <summary>The size of the input x: the number of tokens x&lt;t&gt; is one-hot over.</summary>"
            : "/// <summary>The size of the input x.</summary>");
        w.Line($"public const int {ModelTensors.InputSize} = {Int(m.Input.Size)};");
        w.Line();
        if (m.Input.Embedding > 0)
        {
            w.Line("/// <summary>The size of the embedding each token passes through before the first layer.</summary>");
            w.Line($"public const int {ModelTensors.EmbeddingSize} = {Int(m.Input.Embedding)};");
            w.Line();
        }
        w.Line("/// <summary>The size of the output ŷ.</summary>");
        w.Line($"public const int {ModelTensors.OutputSize} = {Int(m.Output.Size)};");
        w.Line();
        w.Line("/// <summary>The weights file the spec names, relative to the models folder.</summary>");
        w.Line($"public const string WeightsFile = {String(m.WeightsFile)};");
        w.Line();
        w.Line("/// <summary>Floats per row of the packed weights: a, padded to a multiple of 16 (no step has a scalar tail).</summary>");
        w.Line($"internal const int HiddenStride = {Int(SpecWords.Pad(m.Top.Size))};");
        w.Line();
        if (StateStorageConstant(m, program) == "StateStride")
        {
            w.Line(m.Top.Cell == CellKind.Lstm
                ? "/// <summary>The state's storage: h and c of every layer, each padded to HiddenStride.</summary>"
                : "/// <summary>The state's storage: h of every layer, each padded to HiddenStride.</summary>");
            w.Line($"internal const int StateStride = {Int(program.StateStorage)};");
            w.Line();
        }
        w.Line("/// <summary>The output's storage: y, padded to a multiple of 16.</summary>");
        w.Line($"internal const int OutputStride = {Int(SpecWords.Pad(m.Output.Size))};");
        w.Line();
        w.Line("/// <summary>What this model is, as the generator read it from the spec.</summary>");
        w.Line("public static global::RnnGen.RnnModelInfo Info { get; } = new global::RnnGen.RnnModelInfo(");
        w.Line($"    Name: {String(m.Name)},");
        w.Line($"    Key: {String(m.Key)},");
        w.Line($"    FullTypeName: {String(m.FullName)},");
        ConcatenatedLiteral(w, "    Description: ", StringPieces(m.Description), ",");
        w.Line("    HiddenSize: HiddenSize,");
        w.Line($"    HiddenActivation: {String(Ga(m))},");
        w.Line($"    InputEncoding: {String(m.Input.Encoding.Name())},");
        w.Line("    InputSize: InputSize,");
        w.Line($"    Tokenizer: {String(m.Input.OneHot ? m.Input.Tokenizer.Name() : "")},");
        w.Line("    OutputSize: OutputSize,");
        w.Line($"    OutputActivation: {String(Gy(m))},");
        bool labelData = LabelsAsData(m);
        if (m.Output.Labels.IsEmpty) w.Line("    Labels: global::System.Array.Empty<string>(),");
        else if (labelData) w.Line("    Labels: global::System.Text.Encoding.UTF8.GetString(LabelData).Split(new[] { \"\\r\\n\", \"\\n\" }, global::System.StringSplitOptions.None),");
        else
        {
            string line = $"    Labels: new string[] {{ {string.Join(", ", m.Output.Labels.Select(String))} }},";
            if (line.Length <= 120) w.Line(line);
            else
            {
                w.Line("    Labels: new string[]");
                w.Line("    {");
                foreach (string label in m.Output.Labels) w.Line($"        {String(label)},");
                w.Line("    },");
            }
        }
        w.Line("    WeightsFile: WeightsFile,");
        w.Line("    Tensors: new global::RnnGen.TensorInfo[]");
        w.Line("    {");
        foreach (TensorSpec t in m.Tensors)
        {
            w.Line($"        new global::RnnGen.TensorInfo({String(t.Name)}, new int[] {{ {string.Join(", ", t.Shape.Select(d => d.Constant))} }}),");
        }
        // The named arguments after Tensors: the cell's when it is not the textbook's, the shape when it is not the default.
        var more = new List<string>();
        if (!ModelTensors.Textbook(m))
        {
            more.Add($"Cell: {String(m.Top.Cell.Word())}");
            more.Add($"Layers: {Int(m.Layers.Count)}");
            more.Add($"EmbeddingSize: {Int(m.Input.Embedding)}");
            more.Add($"Bidirectional: {(m.Bidirectional ? "true" : "false")}");
        }
        if (m.Shape != SequenceShape.ManyToMany) more.Add($"Shape: {String(m.Shape.Name())}");
        w.Line(more.Count == 0 ? "    });" : "    },");
        for (int k = 0; k < more.Count; k++) w.Line($"    {more[k]}{(k == more.Count - 1 ? ");" : ",")}");
        w.Line();
        w.Line("/// <summary>The output labels, one per output (empty when the spec gives none).</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Labels => Info.Labels;");
        w.Line();
        if (labelData)
        {
            w.Line($"/// <summary>The {Grouped(m.Output.Labels.Count)} labels, one per line in UTF-8: line k (from 0) is the label of output k.</summary>");
            string quotes = RawDelimiter(m.Output.Labels);
            w.Line($"private static global::System.ReadOnlySpan<byte> LabelData => {quotes}");
            foreach (string label in m.Output.Labels) w.Raw(label);
            w.Raw(quotes + "u8;");
            w.Line();
        }
        w.Line("global::RnnGen.RnnModelInfo global::RnnGen.IRnnModel.Info => Info;");
        w.Line();
    }
}
