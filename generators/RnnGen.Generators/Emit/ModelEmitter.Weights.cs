using System.Linq;
using System.Text;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>The packed weight tables, the constructor that packs them, and loading from safetensors.</summary>
internal static partial class ModelEmitter
{
    private static void Fields(SourceWriter w, StepProgram program)
    {
        w.Line("// The weights, packed once at load time into 64-byte-aligned rows (zero in the padding), for the kernels:");
        foreach (PackedTensor p in program.Packed) w.Line($"// {p.Field}: {PackedMeaning(p)}.");
        foreach (PackedTensor p in program.Packed) w.Line($"internal readonly global::RnnGen.AlignedBuffer {p.Field};");
        w.Line();
    }

    private static string PackedMeaning(PackedTensor p)
    {
        string rows = p.Rows == 1 ? "" : $"{(p.TileRows > 0 ? Int(p.Tiles) + " tiles of " : "")}{Grouped(p.Rows)} rows of {Int(p.Stride)}: ";
        string layout = p.Layout switch
        {
            PackLayout.Columns when p.IsRowRange =>
                $"row i = rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of column i of {p.Tensor}",
            PackLayout.Columns => $"row i = column i of {p.Tensor}",
            PackLayout.Rows => $"row k = row k of {p.Tensor}",
            PackLayout.Vector => $"{p.Tensor}, padded to {Int(p.Stride)}",
            PackLayout.GateColumns when p.TileRows > 0 =>
                $"in tile k, row j = rows {Int(p.TileRows)}k to {Int(p.TileRows)}k + {Int(p.TileRows - 1)} of each of {Int(p.Gates)} gates' column j of {p.Tensor}",
            PackLayout.GateColumns => $"row j = rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of each of {Int(p.Gates)} gates' blocks of column j of {p.Tensor}"
                + (p.GateBlock * p.Gates < p.Stride ? ", then zeros" : ""),
            PackLayout.InputTable => $"row t = {p.Tensor} · " + (p.Embedding.Length > 0 ? $"{p.Embedding}[t]" : "one-hot(t)")
                + $" + the biases, {Int(p.Gates)} gate blocks of {Int(p.Stride / p.Gates)}",
            PackLayout.GateBias => $"rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of {p.Tensor}" + (p.RecurrentBias.Length > 0 ? $" + {p.RecurrentBias}" : ""),
            _ => throw Exhaustive.Unhandled(p.Layout),
        };
        string bias = p.FoldedBias.Length == 0 || p.Layout != PackLayout.Columns ? ""
            : $" plus {p.FoldedBias} (a one-hot x<t> selects one row: Wax · x<t> + ba is one row read)";
        return rows + layout + bias;
    }

    /// <summary>A table's row length in the constructor: its generated constant, or the number.</summary>
    private static string StrideOf(PackedTensor p) => p.StrideConstant.Length > 0 ? p.StrideConstant : Int(p.Stride);

    private static string InputTableCall(ModelSpec m, PackedTensor p, TensorSpec wih)
    {
        TensorSpec bih = m.Tensors.First(x => x.Name == p.FoldedBias);
        TensorSpec bhh = m.Tensors.First(x => x.Name == p.RecurrentBias);
        string embedding = p.Embedding.Length > 0 ? Parameter(m.Tensors.First(x => x.Name == p.Embedding)) : "default";
        string inputs = p.Embedding.Length > 0 ? ModelTensors.EmbeddingSize : ModelTensors.InputSize;
        return $"PackInputTable({Parameter(wih)}, {Int(p.Gates)}, HiddenSize, {inputs}, {Parameter(bih)}, {Parameter(bhh)}, "
            + $"recurrentBiasGates: 0b{System.Convert.ToString(p.RecurrentBiasGates, 2)}, {embedding}, InputSize, HiddenStride)";
    }

    /// <summary>The PyTorch names a textbook Elman model also accepts (nn.RNN + nn.Linear), in the order FromSafeTensors reads them.</summary>
    private static EquatableArray<TensorSpec> PyTorchTensors(ModelSpec m) =>
        ModelTensors.For(CellKind.Elman, m.Top.Size, m.Input.Size, m.Output.Size, layers: 1, embedding: 0, pyTorchNames: true, modules: m.Modules);

    private static void PyTorchAlternative(SourceWriter w, ModelSpec m)
    {
        if (!ModelTensors.Textbook(m)) return;
        w.Line($"/// <summary>PyTorch's names for this model's tensors (nn.RNN as {Xml(m.Modules.Recurrent)}, nn.Linear as {Xml(m.Modules.Head)}), "
            + "which Load accepts as well.</summary>");
        w.Line("private static readonly global::RnnGen.TensorInfo[] PyTorchTensors =");
        w.Line("{");
        foreach (TensorSpec t in PyTorchTensors(m))
        {
            w.Line($"    new global::RnnGen.TensorInfo({String(t.Name)}, new int[] {{ {string.Join(", ", t.Shape.Select(d => d.Constant))} }}),");
        }
        w.Line("};");
        w.Line();
    }

    /// <summary>
    /// The constructor's parameter for a tensor, from its default name whatever the spec's modules are:
    /// "Waa" → "waa", "rnn.weight_ih_l0" → "rnnWeightIhL0".
    /// </summary>
    internal static string Parameter(TensorSpec t)
    {
        var sb = new StringBuilder();
        bool upper = false;
        foreach (char c in t.DefaultName)
        {
            if (!char.IsLetterOrDigit(c)) { upper = sb.Length > 0; continue; }
            sb.Append(sb.Length == 0 ? char.ToLowerInvariant(c) : upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }

    /// <summary>The end of Load's summary: which other names it accepts, and whether the names are exact.</summary>
    private static string LoadNames(ModelSpec m)
    {
        string torch = ModelTensors.Textbook(m)
            ? $", or PyTorch's nn.RNN + nn.Linear names {string.Join(", ", PyTorchTensors(m).Select(t => Xml(t.Name)))}"
            : "";
        if (m.Modules.Named) return torch + " (exactly these names: the spec names the module paths).";
        return torch + (ModelTensors.Textbook(m) ? " (or those under other module prefixes, when exactly one fits)." : " (or under other module prefixes, when exactly one fits).");
    }

    private static void Construction(SourceWriter w, ModelSpec m, StepProgram program)
    {
        string impl = Impl(m);
        w.Line("/// <summary>");
        w.Doc("Creates the model from its weights, each row-major as PyTorch stores them: "
            + string.Join(", ", m.Tensors.Select(t => $"{t.Name} ({ShapeNumbers(t)})")) + ". The arrays are copied; the model keeps no reference to them."
            + (m.Tensors.Any(t => t.Name != t.DefaultName)
                ? $" The parameters keep the default names, whatever the spec's module paths: {Parameter(m.Tensors[0])} is {m.Tensors[0].Name}."
                : ""));
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">");
        w.Line("/// A span does not hold exactly the number of values its shape needs.");
        w.Line("/// </exception>");
        w.Line($"public {m.Name}(");
        for (int i = 0; i < m.Tensors.Count; i++)
        {
            w.Line($"    global::System.ReadOnlySpan<float> {Parameter(m.Tensors[i])}{(i < m.Tensors.Count - 1 ? "," : ")")}");
        }
        using (w.Block(""))
        {
            foreach (TensorSpec t in m.Tensors)
            {
                string count = string.Join(" * ", t.Shape.Select(d => d.Constant));
                w.Line($"{impl}.RequireLength(");
                string arguments = $"{Parameter(t)}, {count}, {String(t.Name)}, {String(ShapeConstants(t))}, nameof({Parameter(t)}));";
                if (arguments.Length <= 100) w.Line("    " + arguments);
                else
                {
                    w.Line($"    {Parameter(t)}, {count},");
                    w.Line($"    {String(t.Name)}, {String(ShapeConstants(t))}, nameof({Parameter(t)}));");
                }
            }
            foreach (PackedTensor p in program.Packed)
            {
                TensorSpec t = m.Tensors.First(x => x.Name == p.Tensor);
                string source = Parameter(t);
                string call = p.Layout switch
                {
                    PackLayout.Columns when p.IsRowRange =>
                        $"PackColumns({source}, {t.Shape[0].Constant}, {t.Shape[1].Constant}, {Int(p.Stride)}, firstRow: {Int(p.FirstRow)}, rowCount: {Int(p.RowCount)})",
                    PackLayout.Columns => $"PackColumns({source}, {t.Shape[0].Constant}, {t.Shape[1].Constant}, {p.StrideConstant}"
                        + (p.FoldedBias.Length == 0 ? ")" : $", {Parameter(m.Tensors.First(x => x.Name == p.FoldedBias))})"),
                    PackLayout.Rows => $"PackRows({source}, {t.Shape[0].Constant}, {t.Shape[1].Constant}, {StrideOf(p)})",
                    PackLayout.Vector => $"PackVector({source}, {p.StrideConstant})",
                    PackLayout.InputTable => InputTableCall(m, p, t),
                    PackLayout.GateColumns => $"PackGateColumns({source}, {Int(p.Gates)}, HiddenSize, {t.Shape[1].Constant}, "
                        + $"firstRow: {Int(p.FirstRow)}, rowCount: {Int(p.RowCount)}, blockStride: {Int(p.GateBlock)}, columnStride: {Int(p.Stride)}"
                        + (p.TileRows > 0 ? $", tileRows: {Int(p.TileRows)})" : ")"),
                    PackLayout.GateBias => $"PackGateBias({source}, {(p.RecurrentBias.Length > 0 ? Parameter(m.Tensors.First(x => x.Name == p.RecurrentBias)) : "default")}, "
                        + $"firstRow: {Int(p.FirstRow)}, count: {Int(p.RowCount)}, {p.StrideConstant})",
                    _ => throw Exhaustive.Unhandled(p.Layout),
                };
                string line = $"{p.Field} = global::RnnGen.WeightPacking.{call};";
                if (line.Length < 120)
                {
                    w.Line(line);
                    continue;
                }
                // A long call: its arguments on lines of their own width, split at the commas between them.
                int open = call.IndexOf('(');
                w.Line($"{p.Field} = global::RnnGen.WeightPacking.{call.Substring(0, open + 1)}");
                string[] arguments = call.Substring(open + 1, call.Length - open - 2).Split(new[] { ", " }, System.StringSplitOptions.None);
                var text = new StringBuilder("    ");
                for (int i = 0; i < arguments.Length; i++)
                {
                    string piece = arguments[i] + (i < arguments.Length - 1 ? "," : ");");
                    if (text.Length > 4 && text.Length + 1 + piece.Length > 100)
                    {
                        w.Line(text.ToString());
                        text.Clear().Append("    ");
                    }
                    if (text.Length > 4) text.Append(' ');
                    text.Append(piece);
                }
                w.Line(text.ToString());
            }
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Where <see cref=\"Load()\"/> looks for the weights: <c>models/</c> + <see cref=\"WeightsFile\"/> beside the application.");
        w.Line("/// </summary>");
        w.Line("public static string DefaultWeightsPath =>");
        w.Line("    global::System.IO.Path.Combine(global::System.AppContext.BaseDirectory, \"models\", WeightsFile);");
        w.Line();
        w.Line("/// <summary>Loads the weights the spec names from <see cref=\"DefaultWeightsPath\"/> (the build copies them there).</summary>");
        w.Line("/// <exception cref=\"global::RnnGen.WeightsException\">");
        w.Line("/// The file is missing, malformed, or a tensor's shape differs from the spec's sizes.");
        w.Line("/// </exception>");
        w.Line($"public static {m.Name} Load() => Load(DefaultWeightsPath);");
        w.Line();
        w.Line("/// <summary>");
        w.Doc($"Loads weights from a safetensors file holding the F32 tensors {string.Join(", ", m.Tensors.Select(t => Xml(t.Name)))} of this model's shapes"
            + LoadNames(m));
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::RnnGen.WeightsException\">");
        w.Line("/// The file is missing, malformed, or a tensor's shape differs from the spec's sizes; the message names the file,");
        w.Line("/// the tensor and the mismatch.");
        w.Line("/// </exception>");
        w.Line($"public static {m.Name} Load(string path) => FromSafeTensors(global::RnnGen.SafeTensorsFile.Read(path));");
        w.Line();
        PyTorchAlternative(w, m);
        w.Line("/// <summary>Creates the model from an already-read safetensors file, checking every tensor's shape against the spec.</summary>");
        w.Line("/// <exception cref=\"global::RnnGen.WeightsException\">A tensor is missing, extra, or of another shape.</exception>");
        using (w.Block($"public static {m.Name} FromSafeTensors(global::RnnGen.SafeTensorsFile file)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(file);");
            if (ModelTensors.Textbook(m))
            {
                w.Line("// A file written from PyTorch's nn.RNN + nn.Linear state_dict loads as it is: ba is the sum of its two biases.");
                w.Line("bool pyTorch = file.Find(\"Waa\") is null && global::System.Linq.Enumerable.Any(");
                w.Line("    file.Tensors, t => t.Name.EndsWith(\"weight_hh_l0\", global::System.StringComparison.Ordinal));");
                using (w.Block("if (pyTorch)"))
                {
                    if (m.Modules.Named) w.Line("// Under exactly the module paths the spec names.");
                    w.Line($"float[][] torch = file.{(m.Modules.Named ? "RequireExact" : "RequireAll")}(PyTorchTensors);");
                    w.Line($"return new {m.Name}(torch[1], torch[0], global::RnnGen.WeightPacking.Add(torch[2], torch[3]), torch[4], torch[5]);");
                }
                foreach (TensorSpec t in m.Tensors)
                {
                    w.Line($"float[] {Parameter(t)} = file.Require({String(t.Name)}, {string.Join(", ", t.Shape.Select(d => d.Constant))});");
                }
                w.Line($"file.RejectUnexpected({string.Join(", ", m.Tensors.Select(t => String(t.Name)))});");
                w.Line($"return new {m.Name}({string.Join(", ", m.Tensors.Select(Parameter))});");
            }
            else
            {
                if (m.Modules.Named)
                {
                    w.Line("// PyTorch's state_dict names, exactly as Info.Tensors lists them under the module paths the spec names.");
                    w.Line("float[][] t = file.RequireExact(Info.Tensors);");
                }
                else
                {
                    w.Line("// PyTorch's state_dict names, under whatever module prefixes the file uses (Info.Tensors lists the defaults).");
                    w.Line("float[][] t = file.RequireAll(Info.Tensors);");
                }
                w.Line($"return new {m.Name}(");
                for (int i = 0; i < m.Tensors.Count; i++) w.Line($"    t[{Int(i)}]{(i < m.Tensors.Count - 1 ? "," : ");")}");
            }
        }
        w.Line();
    }
}
