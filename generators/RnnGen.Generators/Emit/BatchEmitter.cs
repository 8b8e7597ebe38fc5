using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>
/// Writes a model's <c>ForwardBatch</c> kernel: the same step program as the one-sequence kernels, each
/// operation applied to a matrix of sequences (one row each) by a call into the run-time library's
/// <c>BatchMath</c>, so that the recurrent product becomes a matrix-matrix product that loads each
/// weight once for several sequences. Sequences run in groups of up to <c>BatchMath.GroupSize</c>,
/// longest first, so that the ones still running at a step are a prefix of the group (the ended
/// ones are masked by never being touched). A bidirectional model runs layer by layer (each direction
/// over the whole group, rows side by side in a sequence buffer), the others step by step.
/// </summary>
internal sealed class BatchEmitter
{
    private readonly SourceWriter _w;
    private readonly ModelSpec _m;
    private readonly StepProgram _program;
    private readonly int _stride;

    // Where each matrix starts in the rented floats, in rows of the group (its offset × GroupSize).
    private readonly Dictionary<string, int> _offsets = new(System.StringComparer.Ordinal);
    private readonly int _rowFloats;

    private const string Running = "running";

    private BatchEmitter(SourceWriter w, ModelSpec m, StepProgram program)
    {
        _w = w;
        _m = m;
        _program = program;
        _stride = SpecWords.Pad(m.Top.Size);
        int at = 0;
        foreach (BufferSpec b in program.Buffers.Where(b => b.Kind == BufferKind.State)) at = Place(b.Name, at, b.Stride);
        foreach (BufferSpec b in program.Buffers)
        {
            switch (b.Kind)
            {
                case BufferKind.State:
                case BufferKind.Index:
                    break;
                case BufferKind.Scratch:
                    at = Place(b.Name, at, b.Stride);
                    break;
                case BufferKind.Input:
                    // x<t> of each sequence, and a bidirectional layer's input rows; the head of a bidirectional
                    // model reads the sequence buffer itself.
                    if (b.Name != Lowerer.Top) at = Place(b.Name, at, VectorStride(b.Name));
                    break;
                case BufferKind.Output:
                    if (!program.Bidirectional) at = Place(b.Name, at, SpecWords.Pad(m.Output.Size));
                    break;
                case BufferKind.Weights:
                    break;
                default:
                    throw Exhaustive.Unhandled(b.Kind);
            }
        }
        _rowFloats = at;
    }

    private int Place(string name, int at, int stride)
    {
        _offsets[name] = at;
        return at + stride;
    }

    public static void Emit(SourceWriter w, ModelSpec m, StepProgram program) => new BatchEmitter(w, m, program).Write();

    private string Sequence => _m.Input.OneHot ? "ReadOnlySpan<int> tokens" : "ReadOnlySpan<float> inputs";

    /// <summary>The row length of a vector operand's matrix: the state's stride, x's padded size, or both directions' rows.</summary>
    private int VectorStride(string name)
    {
        BufferSpec b = _program.Buffer(name);
        return b.Kind switch
        {
            BufferKind.State or BufferKind.Scratch => b.Stride,
            BufferKind.Input => SpecWords.Pad(b.Size),
            _ => throw Exhaustive.Unhandled(b.Kind),
        };
    }

    private void Write()
    {
        SourceWriter w = _w;
        w.Line("/// <summary>");
        w.Line("/// Runs a batch of sequences in groups of up to BatchMath.GroupSize, longest first; in a group, every step");
        w.Line("/// applies each operation of the step program to the running sequences' rows at once. The caller has checked");
        w.Line("/// the arguments (lengths not negative, adding up to the inputs, room for every output, tokens in range).");
        w.Line("/// </summary>");
        w.Line("public static void ForwardBatch(");
        using (w.Block($"    int bits, Model model, {Sequence}, ReadOnlySpan<int> lengths, Span<Model.Output> outputs)"))
        {
            w.Line("bits = BatchMath.Width(bits);");
            w.Line("int count = lengths.Length;");
            w.Line("if (count == 0) return;");
            w.Line("const int G = BatchMath.GroupSize;");
            w.Line($"// Each sequence of a group has a row of {Int(_rowFloats)} floats in each matrix; where the matrices start, in rows:");
            foreach (string line in Wrap(_offsets.Select(o => $"{o.Key} at {Int(o.Value)}"))) w.Line("// " + line);
            w.Line($"const int rowFloats = {Int(_rowFloats)};");
            w.Line("int[] ints = ArrayPool<int>.Shared.Rent(3 * count + G);");
            w.Line("long[] keys = ArrayPool<long>.Shared.Rent(count);");
            w.Line("float[] floats = ArrayPool<float>.Shared.Rent(rowFloats * G);");
            if (_program.Bidirectional) w.Line("float[]? sequenceRows = null;");
            using (w.Block("try"))
            {
                w.Line("Span<int> order = ints.AsSpan(0, count);");
                w.Line("Span<int> starts = ints.AsSpan(count, count);");
                w.Line("Span<int> local = ints.AsSpan(2 * count, count);");
                w.Line("Span<int> stepTokens = ints.AsSpan(3 * count, G);");
                w.Line("BatchMath.Order(lengths, order, starts, keys);");
                w.Line("ref float start = ref MemoryMarshal.GetArrayDataReference(floats);");
                foreach (KeyValuePair<string, int> o in _offsets)
                {
                    w.Line(o.Value == 0 ? $"ref float {Rows(o.Key)} = ref start;" : $"ref float {Rows(o.Key)} = ref Unsafe.Add(ref start, {Int(o.Value)} * G);");
                }
                w.Line("ref float results = ref Unsafe.As<Model.Output, float>(ref MemoryMarshal.GetReference(outputs));");
                if (_program.Bidirectional) BidirectionalBody();
                else StepwiseBody();
            }
            using (w.Block("finally"))
            {
                w.Line("ArrayPool<int>.Shared.Return(ints);");
                w.Line("ArrayPool<long>.Shared.Return(keys);");
                w.Line("ArrayPool<float>.Shared.Return(floats);");
                if (_program.Bidirectional) w.Line("if (sequenceRows is not null) ArrayPool<float>.Shared.Return(sequenceRows);");
            }
        }
        w.Line();
    }

    /// <summary>A model that can step: all layers, then the head, at each step of the group.</summary>
    private void StepwiseBody()
    {
        SourceWriter w = _w;
        using (w.Block("for (int first = 0; first < count; first += G)"))
        {
            w.Line("ReadOnlySpan<int> group = order.Slice(first, Math.Min(G, count - first));");
            w.Line("int longest = lengths[group[0]];");
            w.Line("// a<0> = 0 for every sequence of the group.");
            foreach (BufferSpec state in _program.Buffers.Where(b => b.Kind == BufferKind.State))
            {
                w.Line($"MemoryMarshal.CreateSpan(ref {Rows(state.Name)}, {Int(state.Stride)} * group.Length).Clear();");
            }
            using (w.Block("for (int t = 0; t < longest; t++)"))
            {
                w.Line($"int {Running} = BatchMath.Running(lengths, group, t);");
                GatherInput(layer: 0, position: "t");
                foreach (LayerProgram layer in _program.Layers)
                {
                    if (_program.Layers.Count > 1) w.Line($"// Layer {Int(layer.Index)}.");
                    foreach (StepOp op in layer.Recurrence) Op(op, Running);
                }
                w.Line("// The head: ŷ<t> of every running sequence, then to its place in outputs.");
                foreach (StepOp op in _program.Head) Op(op, Running);
                using (w.Block($"for (int i = 0; i < {Running}; i++)"))
                {
                    w.Line("nint at = (nint)(starts[group[i]] + t) * Model.OutputStride;");
                    w.Line($"BatchMath.CopyRow(ref {Rows(Lowerer.Output)}, i * Model.OutputStride, ref results, at, Model.OutputStride);");
                }
            }
        }
    }

    /// <summary>
    /// A bidirectional model: per group, each layer runs forward over the whole group, then backward, each
    /// direction's h&lt;t&gt; written side by side into a row per token of a sequence buffer, which the layer above
    /// and the head read.
    /// </summary>
    private void BidirectionalBody()
    {
        SourceWriter w = _w;
        int a = _m.Top.Size;
        int row = SpecWords.Pad(2 * a);
        w.Line($"// A row per token of a group: h<t> forward, then backward ({Int(2 * a)} floats, padded to {Int(row)} with zeros).");
        w.Line($"const int row = {Int(row)};");
        w.Line("long most = BatchMath.MostStepsOfAGroup(lengths, order);");
        using (w.Block("if (2 * most * row > Array.MaxLength)"))
        {
            w.Line("throw new ArgumentException(");
            w.Line("    $\"A group of sequences with {most} steps needs more than one array for both directions' rows.\", nameof(lengths));");
        }
        w.Line("sequenceRows = ArrayPool<float>.Shared.Rent((int)(2 * most * row));");
        w.Line("Span<float> lowerRows = sequenceRows.AsSpan(0, (int)(most * row));");
        w.Line("Span<float> upperRows = sequenceRows.AsSpan((int)(most * row), (int)(most * row));");
        using (w.Block("for (int first = 0; first < count; first += G)"))
        {
            w.Line("ReadOnlySpan<int> group = order.Slice(first, Math.Min(G, count - first));");
            w.Line("int longest = lengths[group[0]];");
            w.Line("// Where each sequence's rows start in the sequence buffer.");
            w.Line("int tokensOfGroup = BatchMath.GroupStarts(lengths, group, local);");
            for (int k = 0; k < _m.Layers.Count; k++)
            {
                w.Line();
                w.Line($"// Layer {Int(k)}{(k == 0 ? ", on x" : ", on the layer below's rows")}.");
                if (k > 0)
                {
                    // In a block of its own: a third layer swaps again, and two locals of one name would not compile (CS0128).
                    using (w.Block(""))
                    {
                        w.Line("Span<float> swap = lowerRows;");
                        w.Line("lowerRows = upperRows;");
                        w.Line("upperRows = swap;");
                    }
                }
                w.Line("upperRows.Slice(0, tokensOfGroup * row).Clear();");
                foreach (LayerProgram layer in _program.Layers.Where(l => l.Index == k))
                {
                    using (w.Block(""))
                    {
                        w.Line($"// {(layer.Reverse ? "Backward" : "Forward")}, from the zero state.");
                        foreach (BufferSpec state in LayerStates(layer)) w.Line($"MemoryMarshal.CreateSpan(ref {Rows(state.Name)}, {Int(state.Stride)} * group.Length).Clear();");
                        using (w.Block("for (int s = 0; s < longest; s++)"))
                        {
                            w.Line($"int {Running} = BatchMath.Running(lengths, group, s);");
                            string position = layer.Reverse ? "lengths[group[i]] - 1 - s" : "s";
                            GatherInput(k, position);
                            foreach (StepOp op in layer.Recurrence) Op(op, Running);
                            using (w.Block($"for (int i = 0; i < {Running}; i++)"))
                            {
                                w.Line($"int at = (local[i] + {position}) * row{(layer.Reverse ? " + Model.HiddenSize" : "")};");
                                w.Line($"BatchMath.CopyRow(ref {Rows(layer.State)}, i * {Int(_stride)}, ref MemoryMarshal.GetReference(upperRows), at, Model.HiddenSize);");
                            }
                        }
                    }
                }
            }
            w.Line();
            w.Line("// The head at every token of the group, from the last layer's rows straight into outputs.");
            w.Line("ref float lastLayer = ref MemoryMarshal.GetReference(upperRows);");
            using (w.Block("for (int i = 0; i < group.Length; i++)"))
            {
                w.Line("int steps = lengths[group[i]];");
                w.Line($"ref float {Rows(Lowerer.Output)} = ref Unsafe.Add(ref results, (nint)starts[group[i]] * Model.OutputStride);");
                w.Line($"ref float {Rows(Lowerer.Top)} = ref Unsafe.Add(ref lastLayer, local[i] * row);");
                foreach (StepOp op in _program.Head) Op(op, "steps");
            }
        }
    }

    /// <summary>The state buffers of one layer program: its h, and an LSTM's c.</summary>
    private IEnumerable<BufferSpec> LayerStates(LayerProgram layer) =>
        _program.Buffers.Where(b => b.Kind == BufferKind.State && (b.Name == layer.State || b.Name == "c" + layer.State.Substring(1)));

    /// <summary>x&lt;t&gt; (or the layer below's rows) of each running sequence into its matrix.</summary>
    private void GatherInput(int layer, string position)
    {
        SourceWriter w = _w;
        if (layer > 0 && _program.Bidirectional)
        {
            w.Line("// The layer below's rows at this step, both directions.");
            using (w.Block($"for (int i = 0; i < {Running}; i++)"))
            {
                w.Line($"int at = (local[i] + {position}) * row;");
                w.Line($"BatchMath.CopyRow(ref MemoryMarshal.GetReference(lowerRows), at, ref {Rows(Lowerer.Below)}, i * row, row);");
            }
            return;
        }
        if (layer > 0) return;
        if (_m.Input.OneHot)
        {
            w.Line($"for (int i = 0; i < {Running}; i++) stepTokens[i] = tokens[starts[group[i]] + {position}];");
        }
        else
        {
            int xs = VectorStride(Lowerer.Input);
            using (w.Block($"for (int i = 0; i < {Running}; i++)"))
            {
                w.Line($"nint at = (nint)(starts[group[i]] + {position}) * Model.InputSize;");
                w.Line($"BatchMath.CopyRow(ref MemoryMarshal.GetReference(inputs), at, ref {Rows(Lowerer.Input)}, i * {Int(xs)}, Model.InputSize);");
            }
        }
    }

    /// <summary>One operation of the step program over the first <paramref name="count"/> rows of its matrices.</summary>
    private void Op(StepOp op, string count)
    {
        _w.Line("// " + StepProgramText.Op(op)[0]);
        OpCall(_w, _m, _program, op, count, Rows(Target(op)), Rows);
    }

    /// <summary>The buffer an operation writes.</summary>
    internal static string Target(StepOp op) => op switch
    {
        ReadRowOp r => r.Target,
        LoadOp l => l.Target,
        MultiplyOp mul => mul.Target,
        MultiplyAddOp ma => ma.Target,
        MixOp mix => mix.Target,
        MatVecOp v => v.Target,
        ActivateOp a => a.Target,
        ZeroPaddingOp z => z.Target,
        StoreOp s => s.Target,
        ProjectOp p => p.Target,
        _ => throw Exhaustive.Unhandled(op),
    };

    /// <summary>
    /// The BatchMath call of one operation over the first <paramref name="count"/> rows of its matrices: the matrix it writes
    /// (in place, for the operations that read it too) is <paramref name="target"/>, each other operand's is
    /// <paramref name="operand"/>(its buffer). The training pass (<see cref="TrainingEmitter"/>) gives each version of a
    /// buffer a matrix of its own; ForwardBatch one matrix per buffer.
    /// </summary>
    internal static void OpCall(SourceWriter w, ModelSpec m, StepProgram program, StepOp op, string count, string target, System.Func<string, string> operand)
    {
        int Stride(string name) => MatrixStride(m, program, name);
        switch (op)
        {
            case ReadRowOp r:
            {
                PackedTensor table = program.Table(r.Table);
                w.Line($"BatchMath.GatherRows(ref {target}, {Int(Stride(r.Target))}, ref model.{table.Field}.Start, {Int(table.Stride)}, {Int(r.Offset)}, " +
                    $"stepTokens.Slice(0, {count}), {Int(Stride(r.Target))});");
                break;
            }
            case LoadOp l:
                if (IsTable(program, l.Source)) w.Line($"BatchMath.Broadcast(ref {target}, {Int(Stride(l.Target))}, ref model.{program.Table(l.Source).Field}.Start, {Int(Stride(l.Target))}, {count});");
                else w.Line($"BatchMath.Copy(ref {target}, ref {operand(l.Source)}, {Int(Stride(l.Target))}, {count});");
                break;
            case MatVecOp v:
            {
                string vector = operand(v.Vector);
                int vs = Stride(v.Vector);
                if (v.Matrix.Length > 0)
                {
                    PackedTensor t = program.Table(v.Matrix);
                    w.Line($"BatchMath.AddProduct(bits, ref {target}, {Int(Stride(v.Target))}, ref {TableAt("model", t, v.MainOffset)}, {Int(t.Stride)}, {Int(program.Rows.Main)},");
                    w.Line($"    ref {vector}, {Int(vs)}, {Int(v.Columns)}, {count}{Tiles(t)});");
                }
                if (v.Tail.Length > 0)
                {
                    PackedTensor t = program.Table(v.Tail);
                    w.Line($"BatchMath.AddProduct(bits, ref {At(target, program.Rows.Main)}, {Int(Stride(v.Target))}, ref {TableAt("model", t, v.TailOffset)}, {Int(t.Stride)}, " +
                        $"{Int(program.Rows.Tail)},");
                    w.Line($"    ref {vector}, {Int(vs)}, {Int(v.Columns)}, {count});");
                }
                break;
            }
            case ActivateOp a:
            {
                // The hidden sums run over their whole rows (the padding is zeroed before every store); the outputs over
                // their values only, so that their padding stays zero.
                string? call = ActivationTable.Batch(a.Function, $"ref {target}, {Int(Stride(a.Target))}, {Int(ActivatedWidth(m, program, a.Target))}, {count}");
                if (call is not null) w.Line(call + ";");
                break;
            }
            case ZeroPaddingOp z:
                w.Line($"BatchMath.Zero(ref {target}, {Int(Stride(z.Target))}, {Int(z.From)}, {Int(z.To)}, {count});");
                break;
            case MultiplyOp mul:
                w.Line($"BatchMath.Multiply(bits, ref {target}, ref {operand(mul.A)}, ref {operand(mul.B)}, {Int(Stride(mul.Target))} * {count});");
                break;
            case MultiplyAddOp ma:
                w.Line($"BatchMath.MultiplyAdd(bits, ref {target}, ref {operand(ma.A)}, ref {operand(ma.B)}, {Int(Stride(ma.Target))} * {count});");
                break;
            case MixOp mix:
                w.Line($"BatchMath.Mix(bits, ref {target}, ref {operand(mix.Gate)}, ref {operand(mix.Other)}, {Int(Stride(mix.Target))} * {count});");
                break;
            case StoreOp s:
                w.Line($"BatchMath.Copy(ref {target}, ref {operand(s.Source)}, {Int(Stride(s.Target))}, {count});");
                break;
            case ProjectOp p:
            {
                PackedTensor weights = program.Table(p.Weights);
                w.Line($"BatchMath.Project(ref {target}, {Int(Stride(p.Target))}, ref model.{weights.Field}.Start, {Int(weights.Stride)}, {Int(p.Outputs)}, " +
                    $"ref model.{program.Table(p.Bias).Field}.Start,");
                w.Line($"    ref {operand(p.Vector)}, {Int(weights.Stride)}, {Int(weights.Stride)}, {count});");
                break;
            }
            default:
                throw Exhaustive.Unhandled(op);
        }
    }

    /// <summary>The floats of each row an activation runs over: a hidden buffer's whole row, the output's values.</summary>
    internal static int ActivatedWidth(ModelSpec m, StepProgram program, string name) =>
        program.Buffer(name).Kind == BufferKind.Output ? m.Output.Size : MatrixStride(m, program, name);

    /// <summary>Items joined by ", " into lines of at most 100 characters.</summary>
    private static IEnumerable<string> Wrap(IEnumerable<string> items)
    {
        var line = new System.Text.StringBuilder();
        foreach (string item in items)
        {
            if (line.Length > 0 && line.Length + item.Length > 100)
            {
                yield return line.Append(',').ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(", ");
            line.Append(item);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    internal static bool IsTable(StepProgram program, string name) => program.Packed.Any(p => p.Name == name);

    /// <summary>The row length of a buffer's matrix (the output's rows are the caller's Output values).</summary>
    internal static int MatrixStride(ModelSpec m, StepProgram program, string name)
    {
        BufferSpec b = program.Buffer(name);
        return b.Kind == BufferKind.Output ? SpecWords.Pad(m.Output.Size) : b.Stride;
    }

    /// <summary>The local that refers to a buffer's matrix: h0 → h0Rows (the kernel's own locals never end in "Rows").</summary>
    private static string Rows(string name) => name + "Rows";

    internal static string At(string name, int offset) => offset == 0 ? name : $"Unsafe.Add(ref {name}, {Int(offset)})";

    /// <summary>The tiles argument of a batched call over a table: ", tileFloats: N" for a tiled gate table, else nothing.</summary>
    internal static string Tiles(PackedTensor t) => t.TileRows > 0 ? ", tileFloats: " + Int(t.TileFloats) : "";

    /// <summary>Where a product's block starts in a table of <paramref name="owner"/> (the model's tables, or a workspace's gradients).</summary>
    internal static string TableAt(string owner, PackedTensor t, int offset) =>
        offset == 0 ? $"{owner}.{t.Field}.Start" : $"Unsafe.Add(ref {owner}.{t.Field}.Start, {Int(offset)})";
}
