using System.Collections.Generic;
using System.Linq;
using System.Text;
using RnnGen.Generators.Model;
using RnnGen.Generators.Planning;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Lowering;

/// <summary>
/// A step program and its plans as text, for reviewers: the snapshot tests pin it for every spec, so
/// a change in what the kernels compute shows up as a short diff before the C# diff.
/// </summary>
internal static class StepProgramText
{
    public static string Format(ModelSpec model, StepProgram program, EquatableArray<KernelPlan> plans)
    {
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');

        Line($"step program {program.Model} ({program.Cell.Name()}, from {model.Key}{SpecWords.SpecExtension})");
        Line();
        Line(program.Rows.Tail == 0
            ? $"state rows: {Grouped(program.Rows.Main)} in whole 16-float vectors"
            : $"state rows: {Grouped(program.Rows.Main)} in whole 16-float vectors, then a tail of {Grouped(program.Rows.Tail)}");
        Line();
        Line("tensors (weights file)");
        Table(Line, model.Tensors.Select(t => new[] { t.Name, "[" + string.Join(", ", t.Shape.Select(d => Int(d.Size))) + "]", Role(t.Role) }));
        Line();
        Line("buffers");
        Table(Line, program.Buffers.Select(b => new[] { b.Name, Kind(b.Kind), Size(b), b.Meaning }));
        Line();
        Line("packed at load time");
        Table(Line, program.Packed.Select(p => new[]
        {
            p.Name,
            (p.TileRows > 0 ? $"{Int(p.Tiles)} × " : "") + $"{Grouped(p.Rows)} {(p.Rows == 1 ? "row" : "rows")} × {Int(p.Stride)}",
            Layout(p),
        }));
        Line();
        foreach (LayerProgram layer in program.Layers)
        {
            Line(program.Layers.Count == 1
                ? "recurrence (per chunk of the state's rows)"
                : $"layer {Int(layer.Index)}: recurrence (per chunk of the state's rows)");
            Table(Line, layer.Recurrence.Select(Op));
            Line();
        }
        Line("head");
        Table(Line, program.Head.Select(Op));
        Line();
        Line("plans");
        foreach (KernelPlan plan in plans)
        {
            IReadOnlyList<string> lines = PlanText.Describe(plan);
            Line("  " + lines[0]);
            foreach (string line in lines.Skip(1)) Line("    " + line);
        }
        return sb.ToString();
    }

    /// <summary>One operation as (code, what it is).</summary>
    public static string[] Op(StepOp op) => op switch
    {
        ReadRowOp r => new[]
        {
            r.Offset == 0 ? $"{r.Target} = {r.Table}[{r.Index}]" : $"{r.Target} = {r.Table}[{r.Index}][{Int(r.Offset)}..]",
            r.Offset == 0 ? "read one row of the input table" : "read a gate's block of the input table's row",
        },
        MultiplyOp x => new[] { $"{x.Target} = {x.A} ⊙ {x.B}", "element-wise product" },
        MultiplyAddOp x => new[] { $"{x.Target} += {x.A} ⊙ {x.B}", "element-wise product, added" },
        MixOp x => new[] { $"{x.Target} = (1 - {x.Gate}) ⊙ {x.Target} + {x.Gate} ⊙ {x.Other}", "the update gate's mix" },
        LoadOp l => new[] { $"{l.Target} = {l.Source}", "start the sums with a bias" },
        MatVecOp v => new[]
        {
            $"{v.Target} += {string.Join(" | ", new[] { (v.Matrix, v.MainOffset), (v.Tail, v.TailOffset) }.Where(t => t.Item1.Length > 0).Select(t => t.Item2 == 0 ? t.Item1 : $"{t.Item1}[{Int(t.Item2)}..]"))} · {v.Vector}",
            $"matrix-vector product, {Grouped(v.Columns)} columns" + (v.Matrix.Length > 0 && v.Tail.Length > 0 ? " (main rows | tail rows)" : ""),
        },
        ActivateOp a => new[] { $"{a.Target} = {a.Function.Name()}({a.Target})", a.Function == Activation.Softmax ? "activation over the vector" : "activation, element-wise" },
        ZeroPaddingOp z => new[] { $"{z.Target}[{Int(z.From)}..{Int(z.To)}) = 0", "the padding stays zero" },
        StoreOp s => new[] { $"{s.Target} = {s.Source}", "store the new state" },
        ProjectOp p => new[] { $"{p.Target} = {p.Weights} · {p.Vector} + {p.Bias}", $"one dot product per output ({Floats(p.Outputs).Replace("float", "output")})" },
        _ => throw Exhaustive.Unhandled(op),
    };

    private static string Role(TensorRole role) => role switch
    {
        TensorRole.InputWeights => "input weights",
        TensorRole.RecurrentWeights => "recurrent weights",
        TensorRole.HiddenBias => "hidden bias",
        TensorRole.OutputWeights => "output weights",
        TensorRole.OutputBias => "output bias",
        TensorRole.InputBias => "input bias (bias_ih)",
        TensorRole.RecurrentBias => "recurrent bias (bias_hh)",
        TensorRole.Embedding => "embedding",
        _ => throw Exhaustive.Unhandled(role),
    };

    private static string Kind(BufferKind kind) => kind switch
    {
        BufferKind.State => "state",
        BufferKind.Input => "input",
        BufferKind.Index => "input",
        BufferKind.Scratch => "registers",
        BufferKind.Output => "output",
        BufferKind.Weights => "weights",
        _ => throw Exhaustive.Unhandled(kind),
    };

    private static string Size(BufferSpec b) => b.Kind == BufferKind.Index
        ? $"an index < {Grouped(b.Size)}"
        : b.Stride == b.Size || b.Kind == BufferKind.Input
            ? Floats(b.Size)
            : $"{Floats(b.Size)}, stride {Grouped(b.Stride)}";

    private static string Floats(int n) => n == 1 ? "1 float" : $"{Grouped(n)} floats";

    private static string Layout(PackedTensor p)
    {
        string layout = p.Layout switch
        {
            PackLayout.Columns when p.IsRowRange =>
                $"row i = rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of column i of {p.Tensor}",
            PackLayout.Columns => $"row i = column i of {p.Tensor}",
            PackLayout.Rows => $"row k = row k of {p.Tensor}",
            PackLayout.Vector => p.Tensor,
            PackLayout.InputTable => $"row t = per gate, {p.Tensor} · {(p.Embedding.Length > 0 ? p.Embedding + "[t]" : "one-hot(t)")} + {p.FoldedBias}"
                + (p.RecurrentBiasGates == 0 ? "" : $" (+ {p.RecurrentBias} in gates {string.Join(", ", Enumerable.Range(0, p.Gates).Where(g => (p.RecurrentBiasGates & (1 << g)) != 0).Select(Int))})"),
            PackLayout.GateColumns when p.TileRows > 0 =>
                $"tile k, row j = rows {Int(p.TileRows)}k to {Int(p.TileRows)}k + {Int(p.TileRows - 1)} of each gate's block of column j of {p.Tensor}",
            PackLayout.GateColumns => $"row j = rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of each gate's block of column j of {p.Tensor}",
            PackLayout.GateBias => $"rows {Int(p.FirstRow)} to {Int(p.FirstRow + p.RowCount - 1)} of {p.Tensor}" + (p.RecurrentBias.Length > 0 ? $" + {p.RecurrentBias}" : ""),
            _ => throw Exhaustive.Unhandled(p.Layout),
        };
        return p.FoldedBias.Length == 0 || p.Layout == PackLayout.InputTable ? layout : $"{layout}, + {p.FoldedBias}";
    }

    /// <summary>Rows of cells as aligned columns, indented by two spaces.</summary>
    private static void Table(System.Action<string> line, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        int columns = list.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => list.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (string[] row in list)
        {
            var sb = new StringBuilder("  ");
            for (int c = 0; c < row.Length; c++)
            {
                sb.Append(row[c]);
                if (c < row.Length - 1) sb.Append(' ', widths[c] - row[c].Length + 3);
            }
            line(sb.ToString().TrimEnd());
        }
    }
}
