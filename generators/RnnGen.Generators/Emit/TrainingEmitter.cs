using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>
/// Writes a model's training program (<c>RnnGen.Training.ITrainingProgram</c>): the loss of a batch of sequences and
/// its gradient with respect to every weight tensor, by backpropagation through time derived from the same step
/// program as the forward kernels. Each operation of the program becomes, going forward, the BatchMath call
/// <see cref="BatchEmitter"/> writes for it, and going backward, the calls of its adjoint (GradientMath), in reverse
/// order; so forward and backward cannot drift apart, and a cell is trainable the day it compiles.
/// </summary>
/// <remarks>
/// <para>Every version of a buffer within a step gets a matrix of its own (a "slot", one row per running sequence):
/// an operation that updates its target in place (<c>s += W · h</c>, <c>s = tanh(s)</c>) first copies the old version
/// into its new slot. So every value an adjoint needs is still there, and every adjoint just adds into the
/// gradients of what its operation read.</para>
/// <para>Layer by layer, each direction over the whole group of sequences, its h (and c) at every step kept in
/// sequence rows; then the head and the loss at every step; then each layer backward through time, from the top,
/// recomputing each step's slots from the kept state (one more forward step per step, instead of keeping every
/// slot of every step). The gradients are computed in the kernels' packed layouts and brought back to the
/// weights file's tensors by the transposes of the packing (GradientPacking).</para>
/// </remarks>
internal sealed class TrainingEmitter
{
    private const int G = 64;

    private readonly SourceWriter _w;
    private readonly ModelSpec _m;
    private readonly StepProgram _program;
    private readonly List<Pass> _passes = new();
    private readonly Pass _head;
    private readonly int _slotFloats;
    private readonly int _stride;

    /// <summary>A matrix of one version of a buffer: G rows of the buffer's stride.</summary>
    private sealed record Slot(string Buffer, int Stride, int Value, int Adjoint);

    /// <summary>An operation with the slots it writes (and, when it updates in place, the old version's) and reads.</summary>
    private sealed record Step(StepOp Op, int Out, int Old, IReadOnlyDictionary<string, int> Reads);

    /// <summary>One program's operations over slots: a layer's (one direction's) or the head's.</summary>
    private sealed class Pass
    {
        public Pass(string name, LayerProgram? layer, int index)
        {
            Name = name;
            Layer = layer;
            Index = index;
        }

        public string Name { get; }
        public LayerProgram? Layer { get; }
        public int Index { get; }
        public List<Slot> Slots { get; } = new();
        public List<Step> Steps { get; } = new();
        public Dictionary<string, int> Entries { get; } = new(System.StringComparer.Ordinal);
        public Dictionary<string, int> Final { get; } = new(System.StringComparer.Ordinal);
        public int CarryH { get; set; } = -1;
        public int CarryC { get; set; } = -1;
    }

    private TrainingEmitter(SourceWriter w, ModelSpec m, StepProgram program)
    {
        _w = w;
        _m = m;
        _program = program;
        _stride = SpecWords.Pad(m.Top.Size);
        int at = 0;
        for (int i = 0; i < program.Layers.Count; i++)
        {
            LayerProgram layer = program.Layers[i];
            var pass = new Pass(layer.KernelName(program.Bidirectional), layer, i);
            at = Build(pass, layer.Recurrence, at);
            pass.CarryH = AddSlot(pass, layer.State, ref at);
            if (CellState(layer) is string c) pass.CarryC = AddSlot(pass, c, ref at);
            _passes.Add(pass);
        }
        _head = new Pass("Head", null, -1);
        at = Build(_head, program.Head, at);
        _slotFloats = at;
    }

    public static void Emit(SourceWriter w, ModelSpec m, StepProgram program) => new TrainingEmitter(w, m, program).Write();

    /// <summary>The name of the generated training program class (file-local, in the implementation namespace).</summary>
    internal static string ProgramName(ModelSpec m) => m.Name + "Training";

    private string Workspace => _m.Name + "TrainingWorkspace";

    private string PassType => _m.Name + "TrainingPass";

    // ---- The slots: each operation's result in a matrix of its own. ----

    private int AddSlot(Pass pass, string buffer, ref int at)
    {
        int stride = BatchEmitter.MatrixStride(_m, _program, buffer);
        var slot = new Slot(buffer, stride, at, at + G * stride);
        at += 2 * G * stride;
        pass.Slots.Add(slot);
        return pass.Slots.Count - 1;
    }

    private int Build(Pass pass, EquatableArray<StepOp> ops, int at)
    {
        var current = new Dictionary<string, int>(System.StringComparer.Ordinal);
        int Read(string name)
        {
            if (current.TryGetValue(name, out int slot)) return slot;
            slot = AddSlot(pass, name, ref at);
            pass.Entries[name] = slot;
            current[name] = slot;
            return slot;
        }
        foreach (StepOp op in ops)
        {
            var reads = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (string name in Operands(op)) reads[name] = Read(name);
            string target = BatchEmitter.Target(op);
            int old = ReadsTarget(op) ? Read(target) : -1;
            int out_ = AddSlot(pass, target, ref at);
            current[target] = out_;
            pass.Steps.Add(new Step(op, out_, old, reads));
        }
        foreach (KeyValuePair<string, int> kv in current) pass.Final[kv.Key] = kv.Value;
        return at;
    }

    /// <summary>The buffers an operation reads besides its target (tables are not buffers).</summary>
    private IEnumerable<string> Operands(StepOp op) => op switch
    {
        ReadRowOp => System.Array.Empty<string>(),
        LoadOp l => BatchEmitter.IsTable(_program, l.Source) ? System.Array.Empty<string>() : new[] { l.Source },
        MultiplyOp mul => new[] { mul.A, mul.B },
        MultiplyAddOp ma => new[] { ma.A, ma.B },
        MixOp mix => new[] { mix.Gate, mix.Other },
        MatVecOp v => new[] { v.Vector },
        ActivateOp => System.Array.Empty<string>(),
        ZeroPaddingOp => System.Array.Empty<string>(),
        StoreOp s => new[] { s.Source },
        ProjectOp p => new[] { p.Vector },
        _ => throw Exhaustive.Unhandled(op),
    };

    /// <summary>Whether an operation updates its target in place (so its result starts as a copy of the old version).</summary>
    private static bool ReadsTarget(StepOp op) => op switch
    {
        MultiplyAddOp or MixOp or MatVecOp or ActivateOp or ZeroPaddingOp => true,
        ReadRowOp or LoadOp or MultiplyOp or StoreOp or ProjectOp => false,
        _ => throw Exhaustive.Unhandled(op),
    };

    private string? CellState(LayerProgram layer)
    {
        string c = "c" + layer.State.Substring(1);
        return _program.Buffers.Any(b => b.Kind == BufferKind.State && b.Name == c) ? c : null;
    }

    private static string V(int slot) => "v" + Int(slot);

    private static string D(int slot) => "d" + Int(slot);

    // ---- The generated classes. ----

    private void Write()
    {
        SourceWriter w = _w;
        w.Line();
        w.Line($"/// <summary>");
        w.Line($"/// The training program of <see cref=\"Model\"/>: its loss and gradients by backpropagation through time, each");
        w.Line($"/// operation of its step program followed backward by its adjoint (see the spec's generated kernels for the forward pass).");
        w.Line($"/// </summary>");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        using (w.Block($"file sealed class {ProgramName(_m)} : Training.ITrainingProgram"))
        {
            w.Code($"public static readonly {ProgramName(_m)} Program = new();");
            w.Line();
            w.Code("public RnnModelInfo Info => Model.Info;");
            w.Line();
            w.Code($"public Training.LossKind Loss => Training.LossKind.{LossName};");
            w.Line();
            w.Code("public IReadOnlyList<Training.ParameterInit> Init { get; } = new Training.ParameterInit[]");
            w.Code("{");
            foreach (TensorSpec t in _m.Tensors) w.Code($"    new({(Normal(t) ? "true" : "false")}, {Float(InitScale(t))}), // {t.Name}");
            w.Code("};");
            w.Line();
            using (w.Block("public IRnnModel CreateModel(IReadOnlyList<float[]> parameters)"))
            {
                w.Code("Require(parameters, nameof(parameters));");
                w.Code($"return new Model({string.Join(", ", _m.Tensors.Select((_, i) => $"parameters[{Int(i)}]"))});");
            }
            w.Line();
            using (w.Block("public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters)"))
            {
                w.Code("Model m = Own(model);");
                w.Code("Require(parameters, nameof(parameters));");
                foreach (PackedTensor p in _program.Packed) w.Code($"WeightPacking.{RepackCall(p)};");
            }
            w.Line();
            w.Code($"public Training.ITrainingWorkspace CreateWorkspace() => new {Workspace}();");
            w.Line();
            Backward();
            Helpers();
        }
        w.Line();
        WorkspaceClass();
        w.Line();
        PassStruct();
    }

    private string LossName => _m.Output.Activation switch
    {
        Activation.Sigmoid => "BinaryCrossEntropy",
        Activation.Softmax => "CrossEntropy",
        Activation.Linear or Activation.Tanh or Activation.Relu => "SquaredError",
        _ => throw Exhaustive.Unhandled(_m.Output.Activation),
    };

    /// <summary>GradientMath.FusedLoss's loss for the output activation, or -1: squared error, then the activation's adjoint.</summary>
    private int FusedLoss => _m.Output.Activation switch
    {
        Activation.Sigmoid => 0,
        Activation.Softmax => 1,
        Activation.Linear => 2,
        Activation.Tanh or Activation.Relu => -1,
        _ => throw Exhaustive.Unhandled(_m.Output.Activation),
    };

    private static bool Normal(TensorSpec t) => t.Role == TensorRole.Embedding;

    /// <summary>PyTorch's initial bounds: 1/√a for a recurrent layer's tensors, 1/√fan_in for nn.Linear's, N(0, 1) for nn.Embedding.</summary>
    private double InitScale(TensorSpec t) => t.Role switch
    {
        TensorRole.Embedding => 1.0,
        TensorRole.OutputWeights or TensorRole.OutputBias => 1.0 / System.Math.Sqrt(_m.Top.Directions * _m.Top.Size),
        TensorRole.InputWeights or TensorRole.RecurrentWeights or TensorRole.HiddenBias or TensorRole.InputBias or TensorRole.RecurrentBias =>
            1.0 / System.Math.Sqrt(_m.Top.Size),
        _ => throw Exhaustive.Unhandled(t.Role),
    };

    private static string Float(double v) => ((float)v).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    private int Index(string tensor)
    {
        for (int i = 0; i < _m.Tensors.Count; i++) if (_m.Tensors[i].Name == tensor) return i;
        throw Exhaustive.Unhandled("tensor " + tensor);
    }

    private TensorSpec Tensor(string name) => _m.Tensors[Index(name)];

    private string Param(string tensor) => $"parameters[{Int(Index(tensor))}]";

    private string Grad(string tensor) => $"gradients[{Int(Index(tensor))}]";

    /// <summary>The WeightPacking call that packs a table in place, the constructor's call with the model's table as its target.</summary>
    private string RepackCall(PackedTensor p)
    {
        TensorSpec t = Tensor(p.Tensor);
        string field = "m." + p.Field;
        return p.Layout switch
        {
            PackLayout.Columns when p.IsRowRange =>
                $"PackColumnsInto({field}, {Param(p.Tensor)}, {Int(t.Shape[0].Size)}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, {Int(p.FirstRow)}, {Int(p.RowCount)}, default)",
            PackLayout.Columns =>
                $"PackColumnsInto({field}, {Param(p.Tensor)}, {Int(t.Shape[0].Size)}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, 0, {Int(t.Shape[0].Size)}, "
                + (p.FoldedBias.Length > 0 ? Param(p.FoldedBias) : "default") + ")",
            PackLayout.Rows => $"PackRowsInto({field}, {Param(p.Tensor)}, {Int(t.Shape[0].Size)}, {Int(t.Shape[1].Size)}, {Int(p.Stride)})",
            PackLayout.Vector => $"PackVectorInto({field}, {Param(p.Tensor)})",
            PackLayout.InputTable =>
                $"PackInputTableInto({field}, {Param(p.Tensor)}, {Int(p.Gates)}, {Int(_m.Top.Size)}, {Int(t.Shape[1].Size)}, {Param(p.FoldedBias)}, {Param(p.RecurrentBias)}, "
                + $"0b{System.Convert.ToString(p.RecurrentBiasGates, 2)}, {(p.Embedding.Length > 0 ? Param(p.Embedding) : "default")}, {Int(_m.Input.Size)}, {Int(p.Stride / p.Gates)})",
            PackLayout.GateColumns =>
                $"PackGateColumnsInto({field}, {Param(p.Tensor)}, {Int(p.Gates)}, {Int(_m.Top.Size)}, {Int(t.Shape[1].Size)}, {Int(p.FirstRow)}, {Int(p.RowCount)}, {Int(p.GateBlock)}, {Int(p.Stride)}"
                + (p.TileRows > 0 ? $", {Int(p.TileRows)})" : ")"),
            PackLayout.GateBias =>
                $"PackGateBiasInto({field}, {Param(p.Tensor)}, {(p.RecurrentBias.Length > 0 ? Param(p.RecurrentBias) : "default")}, {Int(p.FirstRow)}, {Int(p.RowCount)}, {Int(p.Stride)})",
            _ => throw Exhaustive.Unhandled(p.Layout),
        };
    }

    /// <summary>A swept table's block transposed into W's rows, for the gradient of the product's vector.</summary>
    private sealed record Transposed(string Field, PackedTensor Table, int Offset, int Width, int Columns, int Stride);

    /// <summary>Every block a product of the layers sweeps (main rows and tail rows of each gate), once each.</summary>
    private IEnumerable<Transposed> TransposedTables()
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (LayerProgram layer in _program.Layers)
        {
            foreach (MatVecOp v in layer.Recurrence.OfType<MatVecOp>())
            {
                int vs = BatchEmitter.MatrixStride(_m, _program, v.Vector);
                if (v.Matrix.Length > 0)
                {
                    var t = new Transposed(TransposedField(v.Matrix, v.MainOffset), _program.Table(v.Matrix), v.MainOffset, _program.Rows.Main, v.Columns, vs);
                    if (seen.Add(t.Field)) yield return t;
                }
                if (v.Tail.Length > 0)
                {
                    var t = new Transposed(TransposedField(v.Tail, v.TailOffset), _program.Table(v.Tail), v.TailOffset, _program.Rows.Tail, v.Columns, vs);
                    if (seen.Add(t.Field)) yield return t;
                }
            }
        }
    }

    private static string TransposedField(string table, int offset) => $"_{table}T{Int(offset)}";

    /// <summary>Whether a table is a one-hot input's (read a row per token): its gradient has rows for the batch's tokens only.</summary>
    private bool Indexed(PackedTensor p) => _program.Layers.Any(l => l.Recurrence.Any(op => op is ReadRowOp r && r.Table == p.Name));

    /// <summary>The GradientPacking call that adds a table's gradient into the tensors it was packed from.</summary>
    private string UnpackCall(PackedTensor p)
    {
        TensorSpec t = Tensor(p.Tensor);
        string table = "ws." + p.Field + ".Span";
        if (Indexed(p))
        {
            // Only the batch's tokens' rows, each cleared after: the table is all zero again for the next batch.
            return p.Layout switch
            {
                PackLayout.Columns =>
                    $"TakeColumns({table}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, 0, {Int(t.Shape[0].Size)}, batch.Tokens, {Grad(p.Tensor)}, "
                    + (p.FoldedBias.Length > 0 ? Grad(p.FoldedBias) : "default") + ")",
                PackLayout.InputTable =>
                    $"TakeInputTable({table}, {Int(p.Gates)}, {Int(_m.Top.Size)}, {Int(t.Shape[1].Size)}, 0b{System.Convert.ToString(p.RecurrentBiasGates, 2)}, "
                    + $"batch.Tokens, {Int(p.Stride / p.Gates)}, {Param(p.Tensor)}, {(p.Embedding.Length > 0 ? Param(p.Embedding) : "default")}, "
                    + $"{Grad(p.Tensor)}, {Grad(p.FoldedBias)}, {Grad(p.RecurrentBias)}, {(p.Embedding.Length > 0 ? Grad(p.Embedding) : "default")})",
                _ => throw Exhaustive.Unhandled(p.Layout),
            };
        }
        return p.Layout switch
        {
            PackLayout.Columns when p.IsRowRange =>
                $"Columns({table}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, {Int(p.FirstRow)}, {Int(p.RowCount)}, {Grad(p.Tensor)}, default)",
            PackLayout.Columns =>
                $"Columns({table}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, 0, {Int(t.Shape[0].Size)}, {Grad(p.Tensor)}, "
                + (p.FoldedBias.Length > 0 ? Grad(p.FoldedBias) : "default") + ")",
            PackLayout.Rows => $"Rows({table}, {Int(t.Shape[0].Size)}, {Int(t.Shape[1].Size)}, {Int(p.Stride)}, {Grad(p.Tensor)})",
            PackLayout.Vector => $"Vector({table}, {Grad(p.Tensor)})",
            // An input table is read a row per token, so it always takes the indexed path above.
            PackLayout.InputTable => throw Exhaustive.Unhandled("an input table read without a token: " + p.Name),
            PackLayout.GateColumns =>
                $"GateColumns({table}, {Int(p.Gates)}, {Int(_m.Top.Size)}, {Int(t.Shape[1].Size)}, {Int(p.FirstRow)}, {Int(p.RowCount)}, {Int(p.GateBlock)}, {Int(p.Stride)}, {Grad(p.Tensor)}"
                + (p.TileRows > 0 ? $", {Int(p.TileRows)})" : ")"),
            PackLayout.GateBias =>
                $"GateBias({table}, {Int(p.FirstRow)}, {Int(p.RowCount)}, {Grad(p.Tensor)}, {(p.RecurrentBias.Length > 0 ? Grad(p.RecurrentBias) : "default")})",
            _ => throw Exhaustive.Unhandled(p.Layout),
        };
    }

    private void Backward()
    {
        SourceWriter w = _w;
        bool oneHot = _m.Input.OneHot;
        w.Code("public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, Training.ITrainingWorkspace workspace,");
        using (w.Block("    Training.SequenceBatch batch, IReadOnlyList<float[]> gradients)"))
        {
            w.Code("Model m = Own(model);");
            w.Code("Require(parameters, nameof(parameters));");
            w.Code($"{Workspace} ws = workspace as {Workspace}");
            w.Code("    ?? throw new ArgumentException(\"The workspace is not one that this model's training program made.\", nameof(workspace));");
            w.Code("Require(gradients, nameof(gradients));");
            if (oneHot)
            {
                w.Code("if (!batch.Inputs.IsEmpty) throw new ArgumentException(\"This model reads token indices; the batch holds dense inputs.\", nameof(batch));");
                w.Code("ReadOnlySpan<int> tokens = batch.Tokens;");
                using (w.Block("for (int i = 0; i < tokens.Length; i++)"))
                {
                    w.Code($"if ((uint)tokens[i] >= {Int(_m.Input.Size)}u) {ModelEmitter.ImplementationName(_m)}.ThrowTokenOutOfRange(tokens[i], nameof(batch));");
                }
                w.Code("int steps = BatchMath.Steps(batch.Lengths, tokens.Length, int.MaxValue, nameof(batch));");
            }
            else
            {
                w.Code("if (!batch.Tokens.IsEmpty) throw new ArgumentException(\"This model reads dense inputs; the batch holds token indices.\", nameof(batch));");
                w.Code($"if (batch.Inputs.Length % Model.InputSize != 0) {ModelEmitter.ImplementationName(_m)}.ThrowInputLength(batch.Inputs.Length, nameof(batch));");
                w.Code("int steps = BatchMath.Steps(batch.Lengths, batch.Inputs.Length / Model.InputSize, int.MaxValue, nameof(batch));");
            }
            using (w.Block("if (batch.Targets.Length != (long)steps * Model.OutputSize)"))
            {
                w.Code("throw new ArgumentException(");
                w.Line("    $\"The batch's {steps} steps need {(long)steps * Model.OutputSize} targets ({Model.OutputSize} a step), \" +");
                w.Line("    $\"but it holds {batch.Targets.Length}.\",");
                w.Code("    nameof(batch));");
            }
            using (w.Block("if (!batch.StepWeights.IsEmpty && batch.StepWeights.Length != steps)"))
            {
                w.Code("throw new ArgumentException($\"The batch has {steps} steps but {batch.StepWeights.Length} step weights.\", nameof(batch));");
            }
            w.Code("ws.ClearGradients();");
            w.Line("// Each swept table transposed into W's rows, for the gradients of the products' vectors.");
            foreach (Transposed t in TransposedTables())
            {
                w.Code($"GradientMath.Transpose(ref {BatchEmitter.TableAt("m", t.Table, t.Offset)}, {Int(t.Table.Stride)}, {Int(t.Width)}, {Int(t.Columns)}, ref ws.{t.Field}.Start, {Int(t.Stride)}"
                    + $"{BatchEmitter.Tiles(t.Table)});");
            }
            w.Code($"double loss = new {PassType}(m, ws, batch).Run();");
            w.Line("// The gradients of the packed tables, back in the tensors' layouts.");
            foreach (PackedTensor p in _program.Packed) w.Code($"GradientPacking.{UnpackCall(p)};");
            w.Code("return loss;");
        }
        w.Line();
    }

    private void Helpers()
    {
        SourceWriter w = _w;
        w.Code("private static Model Own(IRnnModel model) =>");
        w.Code("    model as Model ?? throw new ArgumentException(\"The model is not one that this training program made.\", nameof(model));");
        w.Line();
        w.Line("/// <summary>Checks that a list holds one array per tensor, each of the tensor's number of values.</summary>");
        using (w.Block("private static void Require(IReadOnlyList<float[]> tensors, string parameter)"))
        {
            w.Code("ArgumentNullException.ThrowIfNull(tensors, parameter);");
            w.Code("IReadOnlyList<TensorInfo> expected = Model.Info.Tensors;");
            using (w.Block("if (tensors.Count != expected.Count)"))
            {
                w.Code("throw new ArgumentException($\"{parameter} holds {tensors.Count} tensors; the model has {expected.Count}.\", parameter);");
            }
            using (w.Block("for (int i = 0; i < expected.Count; i++)"))
            {
                w.Code("long size = 1;");
                w.Code("foreach (int d in expected[i].Shape) size *= d;");
                using (w.Block("if (tensors[i] is null || tensors[i].Length != size)"))
                {
                    w.Code("throw new ArgumentException(");
                    w.Line("    $\"{parameter}[{i}] ({expected[i].Name}) must hold {size} values, \" +");
                    w.Line("    $\"but it holds {tensors[i]?.Length.ToString() ?? \"null\"}.\", parameter);");
                }
            }
        }
    }

    private void WorkspaceClass()
    {
        SourceWriter w = _w;
        w.Line("/// <summary>One thread's gradient tables (in the packed tables' layouts) and matrices for the training program.</summary>");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        using (w.Block($"file sealed class {Workspace} : Training.ITrainingWorkspace"))
        {
            foreach (PackedTensor p in _program.Packed) w.Code($"internal readonly AlignedBuffer {p.Field} = new({Int(p.Floats)});");
            foreach (Transposed t in TransposedTables()) w.Code($"internal readonly AlignedBuffer {t.Field} = new({Int(t.Width * t.Stride)});");
            w.Code("internal float[] Floats = Array.Empty<float>();");
            w.Code("internal int[] Ints = Array.Empty<int>();");
            w.Code("internal long[] Keys = Array.Empty<long>();");
            w.Line();
            w.Line("/// <summary>Clears the gradient tables before a batch; a one-hot input's table is cleared row by row as it is read.</summary>");
            using (w.Block("internal void ClearGradients()"))
            {
                foreach (PackedTensor p in _program.Packed.Where(p => !Indexed(p))) w.Code($"{p.Field}.Span.Clear();");
            }
        }
    }

    // ---- The pass over a batch. ----

    private string Out(Pass pass) => "out" + pass.Name;

    private string DOut(Pass pass) => "dOut" + pass.Name;

    private string Cell(Pass pass) => "cell" + pass.Name;

    private void PassStruct()
    {
        SourceWriter w = _w;
        w.Line("/// <summary>");
        w.Line("/// One call of Backward: the batch in groups of up to BatchMath.GroupSize sequences, longest first; per group, each layer");
        w.Line("/// forward over the group, the head and the loss at every step, then each layer backward through time from the top.");
        w.Line("/// </summary>");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        using (w.Block($"file ref struct {PassType}"))
        {
            w.Line($"// The slots: a matrix of {Int(G)} rows for each version of a buffer in a step, its values then its adjoints.");
            w.Code($"private const int SlotFloats = {Int(_slotFloats)};");
            w.Code("private readonly Model model;");
            w.Code($"private readonly {Workspace} ws;");
            w.Code("private readonly ReadOnlySpan<int> tokens;");
            w.Code("private readonly ReadOnlySpan<float> inputs;");
            w.Code("private readonly ReadOnlySpan<int> lengths;");
            w.Code("private readonly ReadOnlySpan<float> targets;");
            w.Code("private readonly ReadOnlySpan<float> weights;");
            w.Code("private readonly int bits;");
            w.Code("private Span<int> order, starts, local, stepTokens;");
            w.Code("private ReadOnlySpan<int> group;");
            w.Code("private double loss;");
            w.Line("// Where each pass's sequence rows start in the floats: h (and c) at every step of the group, and h's adjoint.");
            foreach (Pass pass in _passes)
            {
                w.Code($"private int {Out(pass)}, {DOut(pass)}{(pass.CarryC >= 0 ? ", " + Cell(pass) : "")};");
            }
            w.Line();
            using (w.Block($"public {PassType}(Model model, {Workspace} ws, Training.SequenceBatch batch)"))
            {
                w.Code("this.model = model;");
                w.Code("this.ws = ws;");
                w.Code("tokens = batch.Tokens;");
                w.Code("inputs = batch.Inputs;");
                w.Code("lengths = batch.Lengths;");
                w.Code("targets = batch.Targets;");
                w.Code("weights = batch.StepWeights;");
                w.Code("bits = BatchMath.Width(0);");
                w.Code("order = starts = local = stepTokens = default;");
                w.Code("group = default;");
                w.Code("loss = 0;");
                foreach (Pass pass in _passes) w.Code($"{Out(pass)} = {DOut(pass)} = {(pass.CarryC >= 0 ? Cell(pass) + " = " : "")}0;");
            }
            w.Line();
            Run();
            GroupMethod();
            foreach (Pass pass in _passes)
            {
                Forward(pass);
                BackwardThroughTime(pass);
            }
            HeadMethod();
        }
    }

    private void Run()
    {
        SourceWriter w = _w;
        int sequenceBuffers = _passes.Sum(p => p.CarryC >= 0 ? 3 : 2);
        using (w.Block("public double Run()"))
        {
            w.Code("int count = lengths.Length;");
            w.Code("if (count == 0) return 0;");
            w.Code("const int G = BatchMath.GroupSize;");
            w.Code("if (ws.Ints.Length < 3 * count + G) ws.Ints = new int[3 * count + G];");
            w.Code("if (ws.Keys.Length < count) ws.Keys = new long[count];");
            w.Code("order = ws.Ints.AsSpan(0, count);");
            w.Code("starts = ws.Ints.AsSpan(count, count);");
            w.Code("local = ws.Ints.AsSpan(2 * count, count);");
            w.Code("stepTokens = ws.Ints.AsSpan(3 * count, G);");
            w.Code("BatchMath.Order(lengths, order, starts, ws.Keys);");
            w.Code("long most = BatchMath.MostStepsOfAGroup(lengths, order);");
            w.Code($"long rows = most * {Int(_stride)};");
            w.Code($"long floats = SlotFloats + {Int(sequenceBuffers)} * rows;");
            using (w.Block("if (floats > Array.MaxLength)"))
            {
                w.Line("throw new ArgumentException(");
                w.Line("    $\"A group of sequences with {most} steps needs more than one array for its training pass.\", \"batch\");");
            }
            w.Code("if (ws.Floats.Length < floats) ws.Floats = new float[floats];");
            w.Line("// The slots start at zero (their padding stays so); the sequence rows are cleared per group.");
            w.Code("ws.Floats.AsSpan(0, SlotFloats).Clear();");
            w.Code("int at = SlotFloats;");
            foreach (Pass pass in _passes)
            {
                w.Code($"{Out(pass)} = at; at += (int)rows;");
                w.Code($"{DOut(pass)} = at; at += (int)rows;");
                if (pass.CarryC >= 0) w.Code($"{Cell(pass)} = at; at += (int)rows;");
            }
            using (w.Block("for (int first = 0; first < count; first += G)"))
            {
                w.Code("group = order.Slice(first, Math.Min(G, count - first));");
                w.Code("BatchMath.GroupStarts(lengths, group, local);");
                w.Code($"ws.Floats.AsSpan(SlotFloats, {Int(sequenceBuffers)} * (int)rows).Clear();");
                w.Code("Group(lengths[group[0]]);");
            }
            w.Code("return loss;");
        }
        w.Line();
    }

    private void GroupMethod()
    {
        SourceWriter w = _w;
        using (w.Block("private void Group(int longest)"))
        {
            w.Line("// Forward, layer by layer (each direction over the whole group), keeping h (and c) at every step.");
            foreach (Pass pass in _passes) w.Code($"for (int s = 0; s < longest; s++) Forward{pass.Name}(s);");
            w.Line("// The head and the loss at every step, and the head's adjoint: the last layer's h gets its gradient.");
            w.Code("for (int t = 0; t < longest; t++) Head(t);");
            w.Line("// Backward through time, from the top layer down.");
            foreach (Pass pass in Enumerable.Reverse(_passes)) w.Code($"Backward{pass.Name}(longest);");
        }
        w.Line();
    }

    /// <summary>Declares a ref local for each slot's values (and adjoints) of a pass.</summary>
    private void SlotLocals(Pass pass, bool adjoints)
    {
        SourceWriter w = _w;
        w.Code("ref float floats = ref MemoryMarshal.GetArrayDataReference(ws.Floats);");
        for (int i = 0; i < pass.Slots.Count; i++)
        {
            Slot s = pass.Slots[i];
            w.Code($"ref float {V(i)} = ref Unsafe.Add(ref floats, {Int(s.Value)}); // {s.Buffer}");
            if (adjoints) w.Code($"ref float {D(i)} = ref Unsafe.Add(ref floats, {Int(s.Adjoint)});");
        }
    }

    private static string Position(Pass pass, string step) => pass.Layer is { Reverse: true } ? $"lengths[group[i]] - 1 - {step}" : step;

    private static string Previous(Pass pass, string step) => pass.Layer is { Reverse: true } ? $"lengths[group[i]] - {step}" : $"{step} - 1";

    /// <summary>The pass whose rows hold layer k's h, in direction <paramref name="reverse"/>.</summary>
    private Pass LayerPass(int k, bool reverse) => _passes.First(p => p.Layer!.Index == k && p.Layer.Reverse == reverse);

    /// <summary>One step of a layer, forward: its entries from the sequence rows (or x), its operations, its h and c into the rows.</summary>
    private void Forward(Pass pass)
    {
        SourceWriter w = _w;
        LayerProgram layer = pass.Layer!;
        using (w.Block($"private void Forward{pass.Name}(int s)"))
        {
            w.Code("int running = BatchMath.Running(lengths, group, s);");
            SlotLocals(pass, adjoints: false);
            if (layer.Index == 0 && _m.Input.OneHot)
            {
                w.Code($"for (int i = 0; i < running; i++) stepTokens[i] = tokens[starts[group[i]] + {Position(pass, "s")}];");
            }
            foreach (KeyValuePair<string, int> entry in pass.Entries) Enter(pass, entry.Key, entry.Value);
            foreach (Step step in pass.Steps) ForwardOp(pass, step, "running");
            w.Line("// h (and c) of this step into the sequence rows.");
            using (w.Block("for (int i = 0; i < running; i++)"))
            {
                w.Code($"nint at = (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)};");
                w.Code($"BatchMath.CopyRow(ref {V(pass.Final[layer.State])}, i * {Int(_stride)}, ref floats, {Out(pass)} + at, {Int(_stride)});");
                if (CellState(layer) is string c) w.Code($"BatchMath.CopyRow(ref {V(pass.Final[c])}, i * {Int(_stride)}, ref floats, {Cell(pass)} + at, {Int(_stride)});");
            }
        }
        w.Line();
    }

    /// <summary>An entry slot of a layer's step: the state before the step, or the step's input.</summary>
    private void Enter(Pass pass, string buffer, int slot)
    {
        SourceWriter w = _w;
        LayerProgram layer = pass.Layer!;
        int k = layer.Index;
        string target = V(slot);
        if (buffer == layer.State || buffer == CellState(layer))
        {
            string rows = buffer == layer.State ? Out(pass) : Cell(pass);
            w.Line($"// {buffer} before the step: zero at the first, else the row of the step before.");
            w.Code($"if (s == 0) MemoryMarshal.CreateSpan(ref {target}, {Int(_stride)} * running).Clear();");
            w.Code($"else for (int i = 0; i < running; i++) BatchMath.CopyRow(ref floats, {rows} + (nint)(local[i] + {Previous(pass, "s")}) * {Int(_stride)}, ref {target}, i * {Int(_stride)}, {Int(_stride)});");
        }
        else if (buffer == Lowerer.Input)
        {
            int xs = SpecWords.Pad(_m.Input.Size);
            w.Line("// x<t> of each running sequence.");
            w.Code($"for (int i = 0; i < running; i++) BatchMath.CopyRow(ref MemoryMarshal.GetReference(inputs), (nint)(starts[group[i]] + {Position(pass, "s")}) * Model.InputSize, " +
                $"ref {target}, i * {Int(xs)}, Model.InputSize);");
        }
        else if (buffer == Lowerer.Below)
        {
            int bs = SpecWords.Pad(2 * _m.Top.Size);
            w.Line("// The layer below's h<t>, both directions side by side.");
            using (w.Block("for (int i = 0; i < running; i++)"))
            {
                w.Code($"nint at = (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)};");
                w.Code($"BatchMath.CopyRow(ref floats, {Out(LayerPass(k - 1, false))} + at, ref {target}, i * {Int(bs)}, Model.HiddenSize);");
                w.Code($"BatchMath.CopyRow(ref floats, {Out(LayerPass(k - 1, true))} + at, ref {target}, i * {Int(bs)} + Model.HiddenSize, Model.HiddenSize);");
            }
        }
        else if (k > 0 && buffer == LayerPass(k - 1, false).Layer!.State)
        {
            w.Line("// The layer below's h<t>.");
            w.Code($"for (int i = 0; i < running; i++) BatchMath.CopyRow(ref floats, {Out(LayerPass(k - 1, false))} + (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)}, " +
                $"ref {target}, i * {Int(_stride)}, {Int(_stride)});");
        }
        else
        {
            throw Exhaustive.Unhandled("entry " + buffer);
        }
    }

    private void ForwardOp(Pass pass, Step step, string count)
    {
        SourceWriter w = _w;
        w.Line("// " + StepProgramText.Op(step.Op)[0]);
        int stride = pass.Slots[step.Out].Stride;
        if (step.Old >= 0) w.Code($"BatchMath.Copy(ref {V(step.Out)}, ref {V(step.Old)}, {Int(stride)}, {count});");
        BatchEmitter.OpCall(w, _m, _program, step.Op, count, V(step.Out), name => V(step.Reads[name]));
    }

    /// <summary>A layer backward through time: each step recomputed from the rows, then its operations' adjoints in reverse.</summary>
    private void BackwardThroughTime(Pass pass)
    {
        SourceWriter w = _w;
        LayerProgram layer = pass.Layer!;
        int k = layer.Index;
        using (w.Block($"private void Backward{pass.Name}(int longest)"))
        {
            SlotLocals(pass, adjoints: true);
            w.Line("// The gradient of the state carried from each step to the one before.");
            w.Code($"MemoryMarshal.CreateSpan(ref {V(pass.CarryH)}, {Int(G * _stride)}).Clear();");
            if (pass.CarryC >= 0) w.Code($"MemoryMarshal.CreateSpan(ref {V(pass.CarryC)}, {Int(G * _stride)}).Clear();");
            using (w.Block("for (int s = longest - 1; s >= 0; s--)"))
            {
                w.Code($"Forward{pass.Name}(s);");
                w.Code("int running = BatchMath.Running(lengths, group, s);");
                ClearAdjoints(pass);
                int h = pass.Final[layer.State];
                w.Line($"// The gradient of h<t>: from the step after, and from the layer above or the head.");
                w.Code($"BatchMath.Copy(ref {D(h)}, ref {V(pass.CarryH)}, {Int(_stride)}, running);");
                w.Code($"for (int i = 0; i < running; i++) GradientMath.AddRow(ref {D(h)}, i * {Int(_stride)}, ref floats, {DOut(pass)} + (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)}, {Int(_stride)});");
                if (CellState(layer) is string c)
                {
                    w.Code($"BatchMath.Copy(ref {D(pass.Final[c])}, ref {V(pass.CarryC)}, {Int(_stride)}, running);");
                }
                for (int i = pass.Steps.Count - 1; i >= 0; i--) Adjoint(pass, pass.Steps[i], "running");
                w.Line("// The entries' gradients: the state's to the step before, the input's to the layer below.");
                foreach (KeyValuePair<string, int> entry in pass.Entries)
                {
                    string buffer = entry.Key;
                    int slot = entry.Value;
                    if (buffer == layer.State) w.Code($"BatchMath.Copy(ref {V(pass.CarryH)}, ref {D(slot)}, {Int(_stride)}, running);");
                    else if (buffer == CellState(layer)) w.Code($"BatchMath.Copy(ref {V(pass.CarryC)}, ref {D(slot)}, {Int(_stride)}, running);");
                    else if (buffer == Lowerer.Input) w.Line("// x<t> is data: its gradient is not needed.");
                    else if (buffer == Lowerer.Below)
                    {
                        int bs = SpecWords.Pad(2 * _m.Top.Size);
                        using (w.Block("for (int i = 0; i < running; i++)"))
                        {
                            w.Code($"nint at = (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)};");
                            w.Code($"GradientMath.AddRow(ref floats, {DOut(LayerPass(k - 1, false))} + at, ref {D(slot)}, i * {Int(bs)}, Model.HiddenSize);");
                            w.Code($"GradientMath.AddRow(ref floats, {DOut(LayerPass(k - 1, true))} + at, ref {D(slot)}, i * {Int(bs)} + Model.HiddenSize, Model.HiddenSize);");
                        }
                    }
                    else
                    {
                        w.Code($"for (int i = 0; i < running; i++) GradientMath.AddRow(ref floats, {DOut(LayerPass(k - 1, false))} + (nint)(local[i] + {Position(pass, "s")}) * {Int(_stride)}, " +
                            $"ref {D(slot)}, i * {Int(_stride)}, {Int(_stride)});");
                    }
                }
            }
        }
        w.Line();
    }

    private void ClearAdjoints(Pass pass)
    {
        foreach (int stride in pass.Slots.Select(s => s.Stride).Distinct())
        {
            var slots = Enumerable.Range(0, pass.Slots.Count).Where(i => pass.Slots[i].Stride == stride && i != pass.CarryH && i != pass.CarryC).ToList();
            foreach (int i in slots) _w.Line($"MemoryMarshal.CreateSpan(ref {D(i)}, {Int(stride)} * running).Clear();");
        }
    }

    /// <summary>The head at one step of every running sequence: forward, the loss, and back to the last layer's h.</summary>
    private void HeadMethod()
    {
        SourceWriter w = _w;
        Pass pass = _head;
        using (w.Block("private void Head(int t)"))
        {
            w.Code("int running = BatchMath.Running(lengths, group, t);");
            SlotLocals(pass, adjoints: true);
            int a = _m.Top.Size;
            foreach (KeyValuePair<string, int> entry in pass.Entries)
            {
                if (entry.Key == Lowerer.Top)
                {
                    int ts = SpecWords.Pad(2 * a);
                    w.Line("// The last layer's h<t>, both directions side by side.");
                    using (w.Block("for (int i = 0; i < running; i++)"))
                    {
                        w.Code($"nint at = (nint)(local[i] + t) * {Int(_stride)};");
                        w.Code($"BatchMath.CopyRow(ref floats, {Out(LayerPass(_m.Layers.Count - 1, false))} + at, ref {V(entry.Value)}, i * {Int(ts)}, Model.HiddenSize);");
                        w.Code($"BatchMath.CopyRow(ref floats, {Out(LayerPass(_m.Layers.Count - 1, true))} + at, ref {V(entry.Value)}, i * {Int(ts)} + Model.HiddenSize, Model.HiddenSize);");
                    }
                }
                else if (_program.Buffer(entry.Key).Kind == BufferKind.State)
                {
                    w.Line("// The last layer's h<t>.");
                    w.Code($"for (int i = 0; i < running; i++) BatchMath.CopyRow(ref floats, {Out(LayerPass(_m.Layers.Count - 1, false))} + (nint)(local[i] + t) * {Int(_stride)}, " +
                        $"ref {V(entry.Value)}, i * {Int(_stride)}, {Int(_stride)});");
                }
            }
            foreach (Step step in pass.Steps) ForwardOp(pass, step, "running");
            ClearAdjoints(pass);

            Step last = pass.Steps[pass.Steps.Count - 1];
            if (last.Op is not ActivateOp { Target: Lowerer.Output }) throw Exhaustive.Unhandled(last.Op);
            int ys = SpecWords.Pad(_m.Output.Size);
            int fused = FusedLoss;
            w.Line(fused >= 0
                ? $"// The loss ({LossName}) and its gradient with respect to the sums before g_y: weight · (ŷ - t)."
                : "// The loss (½ squared error) and its gradient with respect to ŷ.");
            using (w.Block("for (int i = 0; i < running; i++)"))
            {
                w.Code("int at = starts[group[i]] + t;");
                w.Code("float weight = weights.IsEmpty ? 1f : weights[at];");
                w.Code("if (weight == 0) continue;");
                w.Code("ReadOnlySpan<float> target = targets.Slice(at * Model.OutputSize, Model.OutputSize);");
                if (fused >= 0)
                {
                    w.Code($"loss += GradientMath.FusedLoss({Int(fused)}, ref Unsafe.Add(ref {V(last.Old)}, i * {Int(ys)}), ref Unsafe.Add(ref {V(last.Out)}, i * {Int(ys)}), " +
                        $"ref Unsafe.Add(ref {D(last.Old)}, i * {Int(ys)}), target, weight, Model.OutputSize);");
                }
                else
                {
                    w.Code($"loss += GradientMath.SquaredError(ref Unsafe.Add(ref {V(last.Out)}, i * {Int(ys)}), ref Unsafe.Add(ref {D(last.Out)}, i * {Int(ys)}), target, weight, Model.OutputSize);");
                }
            }
            for (int i = pass.Steps.Count - 1; i >= 0; i--)
            {
                if (i == pass.Steps.Count - 1 && fused >= 0)
                {
                    w.Line("// g_y's adjoint is in the loss's gradient above.");
                    continue;
                }
                Adjoint(pass, pass.Steps[i], "running");
            }
            w.Line("// The gradient of the last layer's h<t>, to its rows.");
            foreach (KeyValuePair<string, int> entry in pass.Entries)
            {
                if (entry.Key == Lowerer.Top)
                {
                    int ts = SpecWords.Pad(2 * a);
                    using (w.Block("for (int i = 0; i < running; i++)"))
                    {
                        w.Code($"nint at = (nint)(local[i] + t) * {Int(_stride)};");
                        w.Code($"GradientMath.AddRow(ref floats, {DOut(LayerPass(_m.Layers.Count - 1, false))} + at, ref {D(entry.Value)}, i * {Int(ts)}, Model.HiddenSize);");
                        w.Code($"GradientMath.AddRow(ref floats, {DOut(LayerPass(_m.Layers.Count - 1, true))} + at, ref {D(entry.Value)}, i * {Int(ts)} + Model.HiddenSize, Model.HiddenSize);");
                    }
                }
                else if (_program.Buffer(entry.Key).Kind == BufferKind.State)
                {
                    w.Code($"for (int i = 0; i < running; i++) GradientMath.AddRow(ref floats, {DOut(LayerPass(_m.Layers.Count - 1, false))} + (nint)(local[i] + t) * {Int(_stride)}, " +
                        $"ref {D(entry.Value)}, i * {Int(_stride)}, {Int(_stride)});");
                }
            }
        }
        w.Line();
    }

    /// <summary>The adjoint of one operation: its result's gradient added into the gradients of what it read.</summary>
    private void Adjoint(Pass pass, Step step, string count)
    {
        SourceWriter w = _w;
        int stride = pass.Slots[step.Out].Stride;
        string length = $"{Int(stride)} * {count}";
        string dOut = D(step.Out);
        string Value(string name) => V(step.Reads[name]);
        string Grad(string name) => D(step.Reads[name]);
        w.Line("// adjoint of " + StepProgramText.Op(step.Op)[0]);
        switch (step.Op)
        {
            case ReadRowOp r:
            {
                PackedTensor table = _program.Table(r.Table);
                w.Code($"GradientMath.ScatterAddRows(ref ws.{table.Field}.Start, {Int(table.Stride)}, {Int(r.Offset)}, stepTokens.Slice(0, {count}), ref {dOut}, {Int(stride)}, {Int(stride)});");
                break;
            }
            case LoadOp l:
                if (BatchEmitter.IsTable(_program, l.Source)) w.Code($"GradientMath.AddColumnSums(ref ws.{_program.Table(l.Source).Field}.Start, ref {dOut}, {Int(stride)}, {Int(stride)}, {count});");
                else w.Code($"GradientMath.Add(ref {Grad(l.Source)}, ref {dOut}, {length});");
                break;
            case MultiplyOp mul:
                w.Code($"GradientMath.AddProduct(ref {Grad(mul.A)}, ref {dOut}, ref {Value(mul.B)}, {length});");
                w.Code($"GradientMath.AddProduct(ref {Grad(mul.B)}, ref {dOut}, ref {Value(mul.A)}, {length});");
                break;
            case MultiplyAddOp ma:
                w.Code($"GradientMath.Add(ref {D(step.Old)}, ref {dOut}, {length});");
                w.Code($"GradientMath.AddProduct(ref {Grad(ma.A)}, ref {dOut}, ref {Value(ma.B)}, {length});");
                w.Code($"GradientMath.AddProduct(ref {Grad(ma.B)}, ref {dOut}, ref {Value(ma.A)}, {length});");
                break;
            case MixOp mix:
                w.Code($"GradientMath.MixAdjoint(ref {D(step.Old)}, ref {Grad(mix.Gate)}, ref {Grad(mix.Other)}, ref {dOut}, ref {Value(mix.Gate)}, ref {Value(mix.Other)}, ref {V(step.Old)}, {length});");
                break;
            case MatVecOp v:
            {
                int vs = pass.Slots[step.Reads[v.Vector]].Stride;
                w.Code($"GradientMath.Add(ref {D(step.Old)}, ref {dOut}, {length});");
                if (v.Matrix.Length > 0)
                {
                    PackedTensor t = _program.Table(v.Matrix);
                    w.Code($"GradientMath.AddOuter(ref {BatchEmitter.TableAt("ws", t, v.MainOffset)}, {Int(t.Stride)}, {Int(_program.Rows.Main)}, ref {Value(v.Vector)}, {Int(vs)}, {Int(v.Columns)}, "
                        + $"ref {dOut}, {Int(stride)}, {count}{BatchEmitter.Tiles(t)});");
                    w.Code($"BatchMath.AddProduct(bits, ref {Grad(v.Vector)}, {Int(vs)}, ref ws.{TransposedField(v.Matrix, v.MainOffset)}.Start, {Int(vs)}, {Int(vs)}, ref {dOut}, {Int(stride)}, "
                        + $"{Int(_program.Rows.Main)}, {count});");
                }
                if (v.Tail.Length > 0)
                {
                    PackedTensor t = _program.Table(v.Tail);
                    string tail = BatchEmitter.At(dOut, _program.Rows.Main);
                    w.Code($"GradientMath.AddOuter(ref {BatchEmitter.TableAt("ws", t, v.TailOffset)}, {Int(t.Stride)}, {Int(_program.Rows.Tail)}, ref {Value(v.Vector)}, {Int(vs)}, {Int(v.Columns)}, "
                        + $"ref {tail}, {Int(stride)}, {count});");
                    w.Code($"BatchMath.AddProduct(bits, ref {Grad(v.Vector)}, {Int(vs)}, ref ws.{TransposedField(v.Tail, v.TailOffset)}.Start, {Int(vs)}, {Int(vs)}, ref {tail}, {Int(stride)}, "
                        + $"{Int(_program.Rows.Tail)}, {count});");
                }
                break;
            }
            case ActivateOp a:
            {
                string old = D(step.Old);
                string y = V(step.Out);
                switch (a.Function)
                {
                    case Activation.Tanh: w.Code($"GradientMath.TanhAdjoint(ref {old}, ref {dOut}, ref {y}, {length});"); break;
                    case Activation.Sigmoid: w.Code($"GradientMath.SigmoidAdjoint(ref {old}, ref {dOut}, ref {y}, {length});"); break;
                    case Activation.Relu: w.Code($"GradientMath.ReluAdjoint(ref {old}, ref {dOut}, ref {y}, {length});"); break;
                    case Activation.Linear: w.Code($"GradientMath.Add(ref {old}, ref {dOut}, {length});"); break;
                    case Activation.Softmax:
                        w.Code($"GradientMath.SoftmaxAdjoint(ref {old}, ref {dOut}, ref {y}, {Int(stride)}, {Int(BatchEmitter.ActivatedWidth(_m, _program, a.Target))}, {count});");
                        break;
                    default:
                        throw Exhaustive.Unhandled(a.Function);
                }
                break;
            }
            case ZeroPaddingOp z:
                w.Code($"GradientMath.Add(ref {D(step.Old)}, ref {dOut}, {length});");
                w.Code($"BatchMath.Zero(ref {D(step.Old)}, {Int(stride)}, {Int(z.From)}, {Int(z.To)}, {count});");
                break;
            case StoreOp s:
                w.Code($"GradientMath.Add(ref {Grad(s.Source)}, ref {dOut}, {length});");
                break;
            case ProjectOp p:
            {
                PackedTensor weights = _program.Table(p.Weights);
                int vs = weights.Stride;
                w.Code($"GradientMath.AddOuter(ref ws.{weights.Field}.Start, {Int(vs)}, {Int(vs)}, ref {dOut}, {Int(stride)}, {Int(p.Outputs)}, ref {Value(p.Vector)}, {Int(vs)}, {count});");
                w.Code($"GradientMath.AddColumnSums(ref ws.{_program.Table(p.Bias).Field}.Start, ref {dOut}, {Int(stride)}, {Int(p.Outputs)}, {count});");
                w.Code($"BatchMath.AddProduct(bits, ref {Grad(p.Vector)}, {Int(vs)}, ref model.{weights.Field}.Start, {Int(vs)}, {Int(vs)}, ref {dOut}, {Int(stride)}, {Int(p.Outputs)}, {count});");
                break;
            }
            default:
                throw Exhaustive.Unhandled(step.Op);
        }
    }
}
