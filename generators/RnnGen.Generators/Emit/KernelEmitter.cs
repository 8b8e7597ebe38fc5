using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;
using RnnGen.Generators.Planning;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>
/// Writes a model's implementation class: a file-local static class in
/// <see cref="GeneratedNames.ImplementationNamespace"/> with the width dispatch, one kernel per
/// <see cref="KernelPlan"/> and the throw helpers. Nothing is decided here: a kernel is the plan's
/// chunks, and within each chunk one switch over the step program's operations.
/// </summary>
internal static class KernelEmitter
{
    public static void Emit(SourceWriter w, ModelSpec m, StepProgram program, EquatableArray<KernelPlan> plans)
    {
        using (w.Block($"namespace {GeneratedNames.ImplementationNamespace}"))
        {
            // Inside this namespace no user type can hide these (specs may not use it), so names stay short.
            w.Line("using global::System;");
            w.Line("using global::System.Buffers;");
            w.Line("using global::System.Collections.Generic;");
            w.Line("using global::System.Diagnostics.CodeAnalysis;");
            w.Line("using global::System.Runtime.CompilerServices;");
            w.Line("using global::System.Runtime.InteropServices;");
            w.Line("using global::System.Runtime.Intrinsics;");
            w.Line("using BatchMath = global::RnnGen.BatchMath;");
            w.Line("using VectorMath = global::RnnGen.VectorMath;");
            w.Line("using GradientMath = global::RnnGen.GradientMath;");
            w.Line("using GradientPacking = global::RnnGen.GradientPacking;");
            w.Line("using WeightPacking = global::RnnGen.WeightPacking;");
            w.Line("using Training = global::RnnGen.Training;");
            w.Line("using AlignedBuffer = global::RnnGen.AlignedBuffer;");
            w.Line("using IRnnModel = global::RnnGen.IRnnModel;");
            w.Line("using RnnModelInfo = global::RnnGen.RnnModelInfo;");
            w.Line("using TensorInfo = global::RnnGen.TensorInfo;");
            w.Line($"using Model = global::{m.FullName};");
            w.Line();
            w.Line($"/// <summary>The kernels and helpers of <see cref=\"Model\"/>: one step at each vector width, from its step program.</summary>");
            w.Line(GeneratedInfoAttribute);
            using (w.Block($"file static class {ModelEmitter.ImplementationName(m)}"))
            {
                if (program.Bidirectional)
                {
                    BidirectionalForward(w, m, program);
                    foreach (LayerProgram layer in program.Layers) BidirectionalDispatch(w, layer.KernelName(true), LayerParameters(m, layer));
                    BidirectionalDispatch(w, "Head", "Model model, ReadOnlySpan<float> input, ref Model.Output output");
                    foreach (KernelPlan plan in plans)
                    {
                        foreach (LayerProgram layer in program.Layers)
                        {
                            new Kernel(w, m, program, plan).Write(new[] { layer }, head: false, layer.KernelName(true), LayerParameters(m, layer));
                        }
                        new Kernel(w, m, program, plan).Write(new LayerProgram[0], head: true, "Head", "Model model, ReadOnlySpan<float> input, ref Model.Output output");
                    }
                }
                else
                {
                    Dispatch(w, m, "Step", StepParameters(m), $"model, ref state, {XArg(m)}, ref output");
                    foreach (KernelPlan plan in plans) new Kernel(w, m, program, plan).Write(program.Layers, head: true, "Step", StepParameters(m));
                    if (m.Classifier)
                    {
                        // A classifier reads ŷ once, after the last input: every step before it runs the layers only.
                        Dispatch(w, m, "Advance", AdvanceParameters(m), $"model, ref state, {XArg(m)}");
                        foreach (KernelPlan plan in plans) new Kernel(w, m, program, plan).Write(program.Layers, head: false, "Advance", AdvanceParameters(m));
                    }
                }
                BatchEmitter.Emit(w, m, program);
                Throwers(w, m);
            }
            TrainingEmitter.Emit(w, m, program);
        }
    }

    private static string GeneratedInfoAttribute => GeneratorInfo.GeneratedCodeAttribute;

    private static string XParam(ModelSpec m) => m.Input.OneHot ? "int token" : "ReadOnlySpan<float> input";

    private static string XArg(ModelSpec m) => m.Input.OneHot ? "token" : "input";

    private static string StepParameters(ModelSpec m) => $"Model model, ref Model.Hidden state, {XParam(m)}, ref Model.Output output";

    private static string AdvanceParameters(ModelSpec m) => $"Model model, ref Model.Hidden state, {XParam(m)}";

    /// <summary>A direction's kernel of a bidirectional layer: layer 0 reads x, the others the layer below's outputs.</summary>
    private static string LayerParameters(ModelSpec m, LayerProgram layer) =>
        $"Model model, ref Model.Hidden state, {(layer.Index == 0 ? XParam(m) : "ReadOnlySpan<float> input")}";

    /// <summary>`name(bits, …)`: the kernel of that width, or of the widest accelerated one for 0.</summary>
    private static void BidirectionalDispatch(SourceWriter w, string name, string parameters)
    {
        string args = string.Join(", ", parameters.Split(',').Select(p => p.Trim()).Select(p =>
        {
            string[] words = p.Split(' ');
            return (words[0] == "ref" ? "ref " : "") + words[words.Length - 1];
        }));
        w.Line($"/// <summary>{name} with <paramref name=\"bits\"/>-bit vectors, or the widest accelerated ones for 0.</summary>");
        using (w.Block($"public static void {name}(int bits, {parameters})"))
        {
            w.Line("if (bits == 0) bits = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;");
            using (w.Block("switch (bits)"))
            {
                foreach (int b in KernelPlanner.Widths) w.Line($"case {Int(b)}: {name}{Int(b)}({args}); break;");
                w.Line("default: throw new ArgumentOutOfRangeException(nameof(bits), bits, \"The kernels are for 512, 256 and 128 bits.\");");
            }
        }
        w.Line();
    }

    /// <summary>
    /// A bidirectional model's whole pass: each layer forward over the sequence, then backward, each direction's
    /// h&lt;t&gt; side by side in a row of a sequence buffer that the layer above (and the head) reads.
    /// </summary>
    private static void BidirectionalForward(SourceWriter w, ModelSpec m, StepProgram program)
    {
        int a = m.Top.Size;
        int row = SpecWords.Pad(2 * a);
        string seq = m.Input.OneHot ? "ReadOnlySpan<int> tokens" : "ReadOnlySpan<float> inputs";
        string steps = m.Input.OneHot ? "tokens.Length" : "inputs.Length / Model.InputSize";
        string x = m.Input.OneHot ? "tokens[t]" : "inputs.Slice(t * Model.InputSize, Model.InputSize)";
        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence: every layer forward over it, then backward, each from the zero state, the two");
        w.Line("/// directions' h&lt;t&gt; side by side; then the head at every step. The caller has checked the inputs.");
        w.Line("/// </summary>");
        using (w.Block($"public static void Forward(int bits, Model model, {seq}, Span<Model.Output> outputs)"))
        {
            w.Line($"int steps = {steps};");
            w.Line("if (steps == 0) return;");
            w.Line($"// A row per step: h<t> forward, then backward ({Int(2 * a)} floats, padded to {Int(row)} with zeros for the head).");
            w.Line($"const int row = {Int(row)};");
            using (w.Block("if (2L * steps * row > Array.MaxLength)"))
            {
                w.Line("throw new ArgumentException(");
                w.Line("    $\"A sequence of {steps} steps needs more than one array for both directions' rows.\", nameof(outputs));");
            }
            w.Line("float[] rented = ArrayPool<float>.Shared.Rent(2 * steps * row);");
            using (w.Block("try"))
            {
                w.Line("Span<float> below = rented.AsSpan(0, steps * row);");
                w.Line("Span<float> above = rented.AsSpan(steps * row, steps * row);");
                for (int k = 0; k < m.Layers.Count; k++)
                {
                    w.Line();
                    w.Line($"// Layer {Int(k)}{(k == 0 ? ", on x" : ", on the layer below's rows")}.");
                    if (k > 0)
                    {
                        // In a block of its own: a third layer swaps again, and two locals of one name would not compile (CS0128).
                        using (w.Block(""))
                        {
                            w.Line("Span<float> swap = below;");
                            w.Line("below = above;");
                            w.Line("above = swap;");
                        }
                    }
                    w.Line("above.Clear();");
                    foreach (LayerProgram layer in program.Layers.Where(l => l.Index == k))
                    {
                        string input = k == 0 ? x : "below.Slice(t * row, 2 * Model.HiddenSize)";
                        string loop = layer.Reverse ? "for (int t = steps - 1; t >= 0; t--)" : "for (int t = 0; t < steps; t++)";
                        int offset = program.Buffer(layer.State).Offset;
                        string place = layer.Reverse ? "t * row + Model.HiddenSize" : "t * row";
                        string target = layer.Reverse ? "backward" : "forward";
                        using (w.Block(""))
                        {
                            w.Line("Model.Hidden state = default;");
                            w.Line($"ref float h = ref Unsafe.Add(ref Unsafe.As<Model.HiddenBuffer, float>(ref state.Values), {Int(offset)});");
                            using (w.Block(loop))
                            {
                                w.Line($"{layer.KernelName(true)}(bits, model, ref state, {input});");
                                w.Line($"Span<float> {target} = above.Slice({place}, Model.HiddenSize);");
                                w.Line($"MemoryMarshal.CreateSpan(ref h, Model.HiddenSize).CopyTo({target});");
                            }
                        }
                    }
                }
                w.Line();
                w.Line("// The head at every step, on the last layer's rows.");
                w.Line("for (int t = 0; t < steps; t++) Head(bits, model, above.Slice(t * row, row), ref outputs[t]);");
            }
            using (w.Block("finally"))
            {
                w.Line("ArrayPool<float>.Shared.Return(rented);");
            }
        }
        w.Line();
    }

    private static void Dispatch(SourceWriter w, ModelSpec m, string name, string parameters, string args)
    {
        w.Line(name == "Step"
            ? "/// <summary>One step with the widest accelerated vectors; the JIT folds the tests to one call.</summary>"
            : "/// <summary>One step of the layers (no head) with the widest accelerated vectors; the JIT folds the tests to one call.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"public static void {name}({parameters})"))
        {
            int[] widths = KernelPlanner.Widths;
            for (int i = 0; i < widths.Length; i++)
            {
                string call = $"{name}{Int(widths[i])}({args});";
                if (i == 0) w.Line($"if (Vector{Int(widths[i])}.IsHardwareAccelerated) {call}");
                else if (i < widths.Length - 1) w.Line($"else if (Vector{Int(widths[i])}.IsHardwareAccelerated) {call}");
                else w.Line($"else {call}");
            }
        }
        w.Line();
        if (name != "Step") return;
        w.Line("/// <summary>One step with the kernel of <paramref name=\"bits\"/>-bit vectors.</summary>");
        using (w.Block($"public static void StepWith(int bits, {parameters})"))
        {
            using (w.Block("switch (bits)"))
            {
                foreach (int bits in KernelPlanner.Widths) w.Line($"case {Int(bits)}: Step{Int(bits)}({args}); break;");
                w.Line("default: throw new ArgumentOutOfRangeException(nameof(bits), bits, \"The kernels are for 512, 256 and 128 bits.\");");
            }
        }
        w.Line();
    }

    private static void Throwers(SourceWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Checks that a constructor argument holds exactly the values its tensor's shape needs.</summary>");
        using (w.Block("public static void RequireLength(ReadOnlySpan<float> values, int expected, string tensor, string shape, string parameter)"))
        {
            using (w.Block("if (values.Length != expected)"))
            {
                w.Line("throw new ArgumentException(");
                w.Line($"    $\"{{tensor}} of {m.Name} must hold {{shape}} = {{expected}} values (row-major), but it holds {{values.Length}}.\", parameter);");
            }
        }
        w.Line();
        if (m.Input.OneHot)
        {
            w.Line("[DoesNotReturn]");
            w.Line("public static void ThrowTokenOutOfRange(int token, string parameter) =>");
            w.Line("    throw new ArgumentOutOfRangeException(");
            w.Line($"        parameter, token, $\"A token index of {m.Name} must be from 0 to {{Model.InputSize - 1}}.\");");
        }
        else
        {
            w.Line("[DoesNotReturn]");
            w.Line("public static void ThrowInputLength(int length, string parameter) =>");
            w.Line("    throw new ArgumentException(");
            w.Line($"        $\"The input of {m.Name} must be a multiple of InputSize = {{Model.InputSize}} values, but it has {{length}}.\", parameter);");
        }
        w.Line();
        w.Line("[DoesNotReturn]");
        w.Line("public static void ThrowOutputsTooShort(int length, int needed) =>");
        w.Line("    throw new ArgumentException($\"outputs has room for {length} steps but the sequence has {needed}.\", \"outputs\");");
        if (m.Shape == SequenceShape.ManyToMany) return;
        w.Line();
        w.Line("[DoesNotReturn]");
        w.Line("public static void ThrowEmptySequence(string parameter) =>");
        w.Line(m.Classifier
            ? $"    throw new ArgumentException(\"{m.Name} classifies a sequence after its last input, so it needs at least one.\", parameter);"
            : $"    throw new ArgumentException(\"{m.Name} needs at least one token to start generating from.\", parameter);");
    }

    /// <summary>One kernel: the plan's chunks, each a walk over the program's recurrence, then the head.</summary>
    private sealed class Kernel
    {
        private readonly SourceWriter _w;
        private readonly ModelSpec _m;
        private readonly StepProgram _program;
        private readonly KernelPlan _plan;
        private readonly string _v;
        private readonly int _lanes;

        public Kernel(SourceWriter w, ModelSpec m, StepProgram program, KernelPlan plan)
        {
            _w = w;
            _m = m;
            _program = program;
            _plan = plan;
            _v = "Vector" + Int(plan.Bits);
            _lanes = plan.Lanes;
        }

        /// <summary>The state buffers (every layer's h, and an LSTM's c), as laid out in the caller's state value.</summary>
        private IEnumerable<BufferSpec> States => _program.Buffers.Where(b => b.Kind == BufferKind.State);

        /// <summary>Whether the state value is a single buffer (one layer, no cell state): then `next` replaces it whole.</summary>
        private bool SingleState => States.Count() == 1;

        /// <summary>Where a chunk stores a state buffer: the state itself (one chunk) or its place in `next`.</summary>
        internal string StoreTarget(string state) => _plan.SingleChunk ? state : SingleState ? "n" : "n" + state;

        /// <summary>The sums the head reads from the registers (single chunk): what the last layer stored into its state.</summary>
        internal string HeadSums = Lowerer.Sums;

        /// <summary>A chunk (or the loop of equal chunks) the kernel calls as a method of its own, written after the kernel.</summary>
        private sealed record ChunkMethod(string Name, LayerProgram Layer, Chunk? Only);

        private readonly List<ChunkMethod> _chunkMethods = new();

        private string _kernelName = "";
        private string _parameters = "";

        public void Write(IReadOnlyList<LayerProgram> layers, bool head, string name, string parameters)
        {
            SourceWriter w = _w;
            _kernelName = name + Int(_plan.Bits);
            _parameters = parameters;
            string what = name switch { "Step" => "One step", "Head" => "The head, at one step,", "Advance" => "One step of the layers (no head)", _ => $"One step of {name}" };
            w.Line($"/// <summary>{what} with {Int(_plan.Bits)}-bit vectors ({Int(_lanes)} floats); the caller has checked the input.</summary>");
            using (w.Block($"public static void {name}{Int(_plan.Bits)}({parameters})"))
            {
                if (layers.Count > 0) foreach (string line in PlanText.Describe(_plan, includeHead: head)) w.Line("// " + line);
                // The state buffers these layers touch (all of them for a whole step).
                var touched = new HashSet<string>(layers.Select(l => l.State).Concat(layers.Select(l => "c" + l.State.Substring(1))), System.StringComparer.Ordinal);
                var states = States.Where(b => touched.Contains(b.Name)).ToList();
                DeclareStates(states);
                // With chunk methods, each method declares the refs its chunk reads.
                if (!_plan.ChunkMethods) foreach (LayerProgram layer in layers) DeclareRefs(layer.Recurrence);
                int padded = SpecWords.Pad(_plan.StateSize);
                if (_plan.StagedGates && !_plan.ChunkMethods && layers.Count > 0)
                {
                    w.Line($"// The gate sums of a chunk wait here between the sweep and the gate arithmetic ({Int(_program.SumsPerPiece)} sums × {Int(padded)} rows).");
                    w.Line($"Span<float> stagedSums = stackalloc float[{Int(_program.SumsPerPiece * padded)}];");
                    w.Line("ref float staged = ref MemoryMarshal.GetReference(stagedSums);");
                }
                if (!_plan.SingleChunk && layers.Count > 0)
                {
                    w.Line("// a<t> is built in `next` chunk by chunk, because every chunk still reads all of a<t-1>.");
                    w.Line("Model.HiddenBuffer next;");
                    w.Line("Unsafe.SkipInit(out next);");
                    w.Line("ref float n = ref Unsafe.As<Model.HiddenBuffer, float>(ref next);");
                    foreach (BufferSpec b in states)
                    {
                        if (!SingleState) w.Line($"ref float {StoreTarget(b.Name)} = ref Unsafe.Add(ref n, {Int(b.Offset)});");
                        if (_plan.Computed < padded)
                        {
                            w.Line($"// Rows {Int(_plan.Computed)} to {Int(padded - 1)} are not computed: zero, as the padding of a state must be.");
                            for (int at = _plan.Computed; at < padded; at += 4) w.Line($"Vector128.StoreUnsafe(Vector128<float>.Zero, ref {StoreTarget(b.Name)}, {Int(at)});");
                        }
                    }
                }
                for (int k = 0; k < layers.Count; k++)
                {
                    LayerProgram layer = layers[k];
                    bool top = k == layers.Count - 1;
                    if (layers.Count > 1)
                    {
                        w.Line();
                        w.Line($"// Layer {Int(k)}.");
                    }
                    // Each layer in a block of its own (their registers share names); the top layer's block also holds
                    // the head, which reads its registers.
                    System.IDisposable? block = layers.Count > 1 ? w.Block("") : null;
                    Chunks(layer);
                    if (!_plan.SingleChunk) CopyBack(layer);
                    if (top && head)
                    {
                        w.Line();
                        DeclareRefs(_program.Head);
                        foreach (StepOp op in _program.Head) HeadOp(op);
                    }
                    block?.Dispose();
                }
                if (layers.Count == 0 && head)
                {
                    DeclareRefs(_program.Head);
                    foreach (StepOp op in _program.Head) HeadOp(op);
                }
            }
            w.Line();
            foreach (ChunkMethod method in _chunkMethods) new Kernel(_w, _m, _program, _plan).WriteChunkMethod(method, _kernelName, _parameters);
        }

        /// <summary>The parameters of a chunk's method: the kernel's, without the output, and the buffer `next`.</summary>
        private static string ChunkParameters(string parameters) =>
            string.Join(", ", parameters.Split(',').Select(p => p.Trim()).Where(p => p != "ref Model.Output output")) + ", ref Model.HiddenBuffer next";

        /// <summary>The arguments of a call with these parameters: their names, with `ref` where the parameter has it.</summary>
        private static string Arguments(string parameters) => string.Join(", ", parameters.Split(',').Select(p => p.Trim()).Select(p =>
        {
            string[] words = p.Split(' ');
            return (words[0] == "ref" ? "ref " : "") + words[words.Length - 1];
        }));

        /// <summary>
        /// One chunk (or the loop of equal chunks) as a method of its own: the refs it reads, the state's rows it
        /// writes in `next`, its stack buffer for staged gates, then the chunk as in the kernel.
        /// </summary>
        private void WriteChunkMethod(ChunkMethod method, string kernel, string parameters)
        {
            SourceWriter w = _w;
            _kernelName = kernel;
            string rows = method.Only is Chunk only ? $"Rows {Int(_plan.Pieces[only.First].Offset)} to {Int(LastRow(only))} of a&lt;t&gt;"
                : $"The first {Int(_plan.LoopedChunks * _plan.MaxChunk * _lanes)} rows of a&lt;t&gt;, in a loop over chunks,";
            w.Line($"/// <summary>{rows} for {kernel}, into `next`: a method of its own (see the kernel's plan).</summary>");
            w.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
            using (w.Block($"private static void {method.Name}({ChunkParameters(parameters)})"))
            {
                // Every state buffer: a later layer's chunks read the layer before it.
                DeclareStates(States);
                DeclareRefs(method.Layer.Recurrence);
                if (method.Only is Chunk staged && KernelPlanner.Stages(_plan, _program, staged.Count))
                {
                    int span = LastRow(staged) + 1 - _plan.Pieces[staged.First].Offset;
                    int size = _program.SumsPerPiece * span;
                    w.Line($"// The chunk's gate sums wait here between the sweep and the gate arithmetic ({Int(_program.SumsPerPiece)} sums × {Int(span)} rows).");
                    w.Line($"Span<float> stagedSums = stackalloc float[{Int(size)}];");
                    w.Line("ref float staged = ref MemoryMarshal.GetReference(stagedSums);");
                }
                w.Line("ref float n = ref Unsafe.As<Model.HiddenBuffer, float>(ref next);");
                if (!SingleState)
                {
                    foreach (BufferSpec b in States) w.Line($"ref float {StoreTarget(b.Name)} = ref Unsafe.Add(ref n, {Int(b.Offset)});");
                }
                if (method.Only is Chunk chunk) new ChunkWriter(this, method.Layer, chunk.First, chunk.Count, null).Write();
                else LoopedChunks(method.Layer);
            }
            w.Line();
        }

        /// <summary>A ref local into the caller's state for each of these state buffers.</summary>
        private void DeclareStates(IEnumerable<BufferSpec> states)
        {
            foreach (BufferSpec b in states)
            {
                string start = "Unsafe.As<Model.HiddenBuffer, float>(ref state.Values)";
                _w.Line(b.Offset == 0 ? $"ref float {b.Name} = ref {start};" : $"ref float {b.Name} = ref Unsafe.Add(ref {start}, {Int(b.Offset)});");
                _declared.Add(b.Name);
            }
        }

        private int LastRow(Chunk chunk)
        {
            Piece last = _plan.Pieces[chunk.First + chunk.Count - 1];
            return last.Offset + last.Lanes - 1;
        }

        /// <summary>The loop over the plan's equal chunks.</summary>
        private void LoopedChunks(LayerProgram layer)
        {
            int size = _plan.MaxChunk;
            int end = _plan.LoopedChunks * size;
            _w.Line($"// a<t> in chunks of {Int(size * _lanes)} rows, {Int(size)} pieces each; a loop keeps the method small enough for the JIT to optimise.");
            using (_w.Block($"for (nuint c = 0; c < {Int(end * _lanes)}; c += {Int(size * _lanes)})"))
            {
                new ChunkWriter(this, layer, 0, size, "c").Write();
            }
        }

        /// <summary>After a layer's chunks (several): its new state from `next` into the caller's state.</summary>
        private void CopyBack(LayerProgram layer)
        {
            if (SingleState)
            {
                _w.Line("state.Values = next;");
                return;
            }
            // The layer's h, and its c right after it.
            BufferSpec h = _program.Buffer(layer.State);
            int length = _program.Cell == CellKind.Lstm ? 2 * h.Stride : h.Stride;
            _w.Line($"MemoryMarshal.CreateSpan(ref {StoreTarget(h.Name)}, {Int(length)}).CopyTo(MemoryMarshal.CreateSpan(ref {h.Name}, {Int(length)}));");
        }

        private void Chunks(LayerProgram layer)
        {
            SourceWriter w = _w;
            if (_plan.SingleChunk)
            {
                Chunk only = _plan.Chunks[0];
                new ChunkWriter(this, layer, only.First, only.Count, null).Write();
                return;
            }
            int skip = 0;
            // In a model of several layers, each layer's chunks have methods of their own.
            string prefix = _kernelName + (_program.Layers.Count > 1 && !_program.Bidirectional ? "Layer" + Int(layer.Index) : "");
            string call = $"({Arguments(ChunkParameters(_parameters))});";
            if (_plan.LoopedChunks > 0)
            {
                w.Line();
                if (_plan.ChunkMethods)
                {
                    string method = prefix + "Chunks";
                    w.Line($"// Rows 0 to {Int(_plan.LoopedChunks * _plan.MaxChunk * _lanes - 1)} of a<t>, in a loop over chunks.");
                    w.Line(method + call);
                    _chunkMethods.Add(new ChunkMethod(method, layer, null));
                }
                else
                {
                    LoopedChunks(layer);
                }
                skip = _plan.LoopedChunks;
            }
            foreach (Chunk chunk in _plan.Chunks.Skip(skip))
            {
                int first = _plan.Pieces[chunk.First].Offset;
                w.Line();
                w.Line($"// Rows {Int(first)} to {Int(LastRow(chunk))} of a<t>.");
                if (_plan.ChunkMethods)
                {
                    string method = prefix + "Rows" + Int(first);
                    w.Line(method + call);
                    _chunkMethods.Add(new ChunkMethod(method, layer, chunk));
                }
                else
                {
                    using (w.Block("")) new ChunkWriter(this, layer, chunk.First, chunk.Count, null).Write();
                }
            }
        }

        /// <summary>Declares a ref for each table and buffer these operations read or write (once each).</summary>
        private void DeclareRefs(IEnumerable<StepOp> ops)
        {
            foreach (StepOp op in ops)
            {
                switch (op)
                {
                    case ReadRowOp r:
                        PackedTensor table = _program.Table(r.Table);
                        Declare(r.Table, $"ref float {r.Table} = ref Unsafe.Add(ref model.{table.Field}.Start, (nint){r.Index} * {Stride(table)});");
                        break;
                    case LoadOp l:
                        if (IsTable(l.Source)) DeclareTable(l.Source);
                        break;
                    case MatVecOp v:
                        if (v.Matrix.Length > 0) DeclareTable(v.Matrix);
                        if (v.Tail.Length > 0) DeclareTable(v.Tail);
                        DeclareVector(v.Vector);
                        break;
                    case ProjectOp p:
                        Declare(p.Target, $"ref float {p.Target} = ref Unsafe.As<Model.OutputBuffer, float>(ref output.Values);");
                        DeclareTable(p.Weights);
                        DeclareTable(p.Bias);
                        if (_program.Buffer(p.Vector).Kind == BufferKind.Input) DeclareVector(p.Vector);
                        break;
                    case ZeroPaddingOp z when _program.Buffer(z.Target).Kind == BufferKind.Output:
                        Declare(z.Target, $"ref float {z.Target} = ref Unsafe.As<Model.OutputBuffer, float>(ref output.Values);");
                        break;
                    case ActivateOp or ZeroPaddingOp or StoreOp or MultiplyOp or MultiplyAddOp or MixOp:
                        break;
                    default:
                        throw Exhaustive.Unhandled(op);
                }
            }
        }

        private readonly HashSet<string> _declared = new(System.StringComparer.Ordinal);

        private bool IsTable(string name) => _program.Packed.Any(p => p.Name == name);

        private void Declare(string name, string line)
        {
            if (_declared.Add(name)) _w.Line(line);
        }

        private void DeclareTable(string name) => Declare(name, $"ref float {name} = ref model.{_program.Table(name).Field}.Start;");

        private void DeclareVector(string name)
        {
            BufferSpec b = _program.Buffer(name);
            switch (b.Kind)
            {
                case BufferKind.State:
                    break;
                case BufferKind.Input:
                    Declare(name, $"ref float {name} = ref MemoryMarshal.GetReference(input);");
                    break;
                default:
                    throw Exhaustive.Unhandled(b.Kind);
            }
        }

        /// <summary>A table's row length in a kernel: its generated constant, or the number for a table of a range of rows.</summary>
        private static string Stride(PackedTensor table) => table.StrideConstant.Length > 0 ? "Model." + table.StrideConstant : Int(table.Stride);

        /// <summary>The floats of <paramref name="columns"/> columns of a table: a number, or a multiple of the model's stride constant.</summary>
        private static string Times(int columns, PackedTensor table) =>
            table.StrideConstant.Length > 0 ? columns == 1 ? Stride(table) : $"{Int(columns)} * {Stride(table)}" : Int(columns * table.Stride);

        // ---- The head: after the whole a<t> exists ----------------------------------------------

        private void HeadOp(StepOp op)
        {
            switch (op)
            {
                case ZeroPaddingOp z:
                    _w.Line("// Clear the padding after the last output, so that the whole buffer is deterministic.");
                    for (int off = z.From / _lanes * _lanes; off < z.To; off += _lanes) _w.Line($"{_v}.StoreUnsafe({_v}<float>.Zero, ref {z.Target}, {Int(off)});");
                    break;
                case ProjectOp p:
                    Project(p);
                    break;
                case ActivateOp a:
                    ActivateOutput(a);
                    break;
                default:
                    throw Exhaustive.Unhandled(op);
            }
        }

        /// <summary>
        /// The state's rows lo to lo + lanes(bits) − 1 as one vector of <paramref name="bits"/> bits built from the
        /// registers (narrower pieces joined, rows no piece computes as zero), or null when no piece lies there.
        /// </summary>
        private string? Compose(int lo, int bits)
        {
            int lanes = bits / 32;
            var inside = Enumerable.Range(0, _plan.Pieces.Count).Where(i => _plan.Pieces[i].Offset >= lo && _plan.Pieces[i].Offset < lo + lanes).ToList();
            if (inside.Count == 0) return null;
            int exact = inside.Where(i => _plan.Pieces[i].Offset == lo && _plan.Pieces[i].Bits == bits).DefaultIfEmpty(-1).First();
            if (exact >= 0) return ChunkWriter.Sum(HeadSums, exact);
            if (bits <= 128) throw Exhaustive.Unhandled("a piece narrower than 128 bits");
            string half = "Vector" + Int(bits / 2);
            string lower = Compose(lo, bits / 2) ?? $"{half}<float>.Zero";
            string upper = Compose(lo + lanes / 2, bits / 2) ?? $"{half}<float>.Zero";
            return $"Vector{Int(bits)}.Create({lower}, {upper})";
        }

        private void Project(ProjectOp p)
        {
            SourceWriter w = _w;
            string V = _v;
            int L = _lanes;
            BufferSpec source = _program.Buffer(p.Vector);
            int vectors = SpecWords.Pad(source.Size) / L;
            bool fromRegisters = _plan.HeadFromRegisters && source.Kind == BufferKind.State;
            bool looped = _plan.DotProductLooped; // decided by the planner from the same head vector
            int used = source.Kind == BufferKind.State ? _plan.HeadVectors : (source.Size + L - 1) / L;
            // The state as vectors of the kernel's width; rows no piece computes are zero and add nothing.
            var state = new List<(int Index, string Vector)>();
            for (int i = 0; i < used; i++)
            {
                state.Add((i, fromRegisters ? Compose(i * L, _plan.Bits)! : $"{V}.LoadUnsafe(ref {p.Vector}, {Int(i * L)})"));
            }
            w.Line($"// ŷ<t> = {_m.Output.Activation.Name()}(Wya · a<t> + by): one dot product per output.");
            if (!looped && fromRegisters)
            {
                for (int s = 0; s < state.Count; s++)
                {
                    if (state[s].Vector.IndexOf('(') < 0) continue;
                    // A vector of the kernel's width joined from narrower pieces (zero in the rows no piece computes).
                    string name = "a" + Int(state[s].Index);
                    w.Line($"var {name} = {state[s].Vector};");
                    state[s] = (state[s].Index, name);
                }
            }

            void Dot(string row, string k)
            {
                string target = $"{Element(p.Target, k)} = ";
                string bias = Element(p.Bias, k);
                if (looped)
                {
                    // A wide a: the dot product as a loop, two vectors per turn into two sums.
                    w.Line($"var p = {V}<float>.Zero;");
                    w.Line($"var q = {V}<float>.Zero;");
                    int pairs = vectors / 2 * 2;
                    using (w.Block($"for (nuint i = 0; i < {Int(pairs * L)}; i += {Int(2 * L)})"))
                    {
                        w.Line($"p = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {row}, i), {V}.LoadUnsafe(ref {p.Vector}, i), p);");
                        w.Line($"q = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {row}, i + {Int(L)}), {V}.LoadUnsafe(ref {p.Vector}, i + {Int(L)}), q);");
                    }
                    if (vectors % 2 == 1)
                    {
                        string at = Int(pairs * L);
                        w.Line($"p = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {row}, {at}), {V}.LoadUnsafe(ref {p.Vector}, {at}), p);");
                    }
                    w.Line($"{target}{V}.Sum(p + q) + {bias};");
                    return;
                }
                // Two accumulators halve the dependency chain of the dot product: even vectors into p, odd ones into q.
                bool hasQ = false, hasP = false;
                foreach ((int i, string vector) in state)
                {
                    bool even = i % 2 == 0;
                    string acc = even ? "p" : "q";
                    string load = $"{V}.LoadUnsafe(ref {row}, {Int(i * L)})";
                    bool first = even ? !hasP : !hasQ;
                    w.Line(first ? $"var {acc} = {load} * {vector};" : $"{acc} = {V}.FusedMultiplyAdd({load}, {vector}, {acc});");
                    if (even) hasP = true;
                    else hasQ = true;
                }
                w.Line($"{target}{V}.Sum({(hasQ ? "p + q" : "p")}) + {bias};");
            }

            string stride = Stride(_program.Table(p.Weights));
            if (_plan.OutputsUnrolled)
            {
                for (int k = 0; k < p.Outputs; k++)
                {
                    using (w.Block(""))
                    {
                        w.Line(k == 0 ? $"ref float row = ref {p.Weights};" : $"ref float row = ref Unsafe.Add(ref {p.Weights}, {Int(k)} * {stride});");
                        Dot("row", Int(k));
                    }
                }
            }
            else
            {
                using (w.Block("for (nuint k = 0; k < Model.OutputSize; k++)"))
                {
                    w.Line($"ref float row = ref Unsafe.Add(ref {p.Weights}, k * {stride});");
                    Dot("row", "k");
                }
            }
        }

        private void ActivateOutput(ActivateOp a)
        {
            SourceWriter w = _w;
            int outputs = _program.Buffer(a.Target).Size;
            if (a.Function == Activation.Linear)
            {
                w.Line("// g_y is linear: ŷ<t> is the sum itself.");
                return;
            }
            if (!ActivationTable.ElementWise(a.Function))
            {
                w.Line($"// {a.Function.Name()} over the outputs.");
                w.Line(ActivationTable.Span(a.Function, $"MemoryMarshal.CreateSpan(ref {a.Target}, Model.OutputSize)") + ";");
                return;
            }
            w.Line($"// {a.Function.Name()} of each output.");
            int full = outputs / _lanes * _lanes;
            for (int off = 0; off < full; off += _lanes)
            {
                string load = $"{_v}.LoadUnsafe(ref {a.Target}, {Int(off)})";
                w.Line($"{_v}.StoreUnsafe({ActivationTable.Vector(a.Function, load)}, ref {a.Target}, {Int(off)});");
            }
            for (int k = full; k < outputs; k++)
            {
                string at = Element(a.Target, Int(k));
                w.Line($"{at} = {ActivationTable.Scalar(a.Function, at)};");
            }
        }

        /// <summary>Element <paramref name="index"/> of the floats <paramref name="array"/> refers to: the ref itself for index 0.</summary>
        private static string Element(string array, string index) => index == "0" ? array : $"Unsafe.Add(ref {array}, {index})";

        /// <summary>The recurrence over one chunk of the state's pieces, its sums in registers.</summary>
        private sealed class ChunkWriter
        {
            private readonly Kernel _k;
            private readonly LayerProgram _layer;
            private readonly int _first;
            private readonly int _count;
            private readonly string? _base;
            private readonly HashSet<string> _started = new(System.StringComparer.Ordinal);
            private readonly HashSet<string> _oddPending = new(System.StringComparer.Ordinal);

            // A staged loop's registers: their own names ("rv"), declared in the loop, apart from the sweep's.
            private readonly bool _loopRegisters;

            /// <param name="kernel">The kernel.</param>
            /// <param name="layer">The layer whose recurrence this chunk runs.</param>
            /// <param name="first">The chunk's first piece (0 in a loop).</param>
            /// <param name="count">Its pieces.</param>
            /// <param name="loopBase">The loop variable holding the chunk's first row, or null for a written-out chunk.</param>
            /// <param name="loopRegisters">Whether its registers are a staged loop's own (named "rv", declared in the loop).</param>
            public ChunkWriter(Kernel kernel, LayerProgram layer, int first, int count, string? loopBase, bool loopRegisters = false)
            {
                _loopRegisters = loopRegisters;
                _k = kernel;
                _layer = layer;
                _first = first;
                _count = count;
                _base = loopBase;
            }

            /// <summary>The register holding piece <paramref name="i"/> of the sums of a buffer (numbered across the whole state).</summary>
            public static string Sum(string buffer, int i) => buffer + Int(i);

            /// <summary>The second register set (odd columns), when the plan has two.</summary>
            private static string Odd(string buffer, int i) => buffer + Int(i) + "b";

            /// <summary>The chunk's piece <paramref name="i"/> (in a loop: relative to the loop's base).</summary>
            private Piece Piece(int i) => _base is null ? _k._plan.Pieces[_first + i] : new Piece(i * _k._lanes, _k._plan.Bits);

            /// <summary>The row of the chunk's piece <paramref name="i"/>: a constant, or the loop's base plus a constant.</summary>
            private string At(int i) => _base is null
                ? Int(Piece(i).Offset)
                : i == 0 ? _base : $"{_base} + {Int(i * _k._lanes)}";

            /// <summary>Whether piece <paramref name="i"/> lies in the state's tail rows (their own table in a swept matrix).</summary>
            private bool InTail(int i) => _base is null && Piece(i).Offset >= _k._plan.Main;

            /// <summary>
            /// Where piece <paramref name="i"/> of a product starts from column 0 of its table of a swept matrix
            /// (<paramref name="main"/>, the table of the main rows; <paramref name="block"/>, the product's gate block): its row,
            /// or in a tiled table its tile's start plus its row in the tile, plus the block. A constant, except in a loop over
            /// untiled chunks; in a loop over tiled ones the refs to the column already point into the chunk's first tile
            /// (<see cref="ChunkTile"/>).
            /// </summary>
            private string ColumnAt(int i, PackedTensor? main, int block)
            {
                if (InTail(i)) return Int(Piece(i).Offset - _k._plan.Main + block);
                if (main is not null && main.TileRows > 0) return Int(main.RowAt(_base is null ? Piece(i).Offset : i * _k._lanes) + block);
                if (_base is null) return Int(Piece(i).Offset + block);
                return block == 0 ? At(i) : $"{At(i)} + {Int(block)}";
            }

            /// <summary>
            /// In a loop over chunks, the floats from a tiled table's start to the chunk's first tile as an expression (null
            /// otherwise): the chunk's first row is a whole number of tiles, since the planner sizes looped chunks in whole tiles.
            /// </summary>
            private string? ChunkTile(PackedTensor main)
            {
                if (_base is null || main.TileRows == 0) return null;
                if (_count * _k._lanes % main.TileRows != 0) throw Exhaustive.Unhandled($"a looped chunk of {_count * _k._lanes} rows over tiles of {main.TileRows}");
                return $"{_base} / {Int(main.TileRows)} * {Int(main.TileFloats)}";
            }

            /// <summary>The register of piece <paramref name="i"/> (numbered across the whole state; in a loop, from 0).</summary>
            private string S(string buffer, int i) => _loopRegisters ? buffer + "v" : Sum(buffer, _base is null ? _first + i : i);

            private string O(string buffer, int i) => Odd(buffer, _base is null ? _first + i : i);

            public void Write()
            {
                EquatableArray<StepOp> ops = _layer.Recurrence;
                int lastSweep = -1;
                for (int at = 0; at < ops.Count; at++) if (ops[at] is MatVecOp) lastSweep = at;
                bool staged = _base is null && lastSweep >= 0 && KernelPlanner.Stages(_k._plan, _k._program, _count);
                for (int at = 0; at < ops.Count; at++)
                {
                    if (staged && at > lastSweep)
                    {
                        Staged(ops, at);
                        return;
                    }
                    if (ops[at] is MatVecOp first)
                    {
                        // Products over the same vector share one sweep: each column's broadcast serves every gate.
                        var group = new List<MatVecOp> { first };
                        while (at + 1 < ops.Count && ops[at + 1] is MatVecOp next && next.Vector == first.Vector && next.Columns == first.Columns)
                        {
                            group.Add(next);
                            at++;
                        }
                        MatVec(group);
                        continue;
                    }
                    Op(ops[at]);
                }
            }

            /// <summary>
            /// The operations after the sweep, staged: every sum goes to the stack buffer, then each piece reloads its own
            /// sums and runs the rest of the recurrence on them, so that one piece's registers are live at a time.
            /// </summary>
            private void Staged(EquatableArray<StepOp> ops, int from)
            {
                SourceWriter w = _k._w;
                Settle(_oddPending.ToArray());
                List<string> sums = _k._program.Buffers.Where(b => b.Kind == BufferKind.Scratch && _started.Contains(b.Name)).Select(b => b.Name).ToList();
                Piece first = Piece(0);
                Piece last = Piece(_count - 1);
                int span = last.Offset + last.Lanes - first.Offset;
                w.Line($"// Staged: {string.Join(", ", sums)} wait in memory; then the gate arithmetic runs piece by piece.");
                for (int k = 0; k < sums.Count; k++)
                {
                    for (int i = 0; i < _count; i++) w.Line($"{Piece(i).Vector}.StoreUnsafe({S(sums[k], i)}, ref staged, {Int(k * span + Piece(i).Offset - first.Offset)});");
                }
                // Whole vectors of the kernel's width without padding lanes run as a loop (one piece's registers and the
                // activations' constants live at a time); the tail and a piece with padding are written out after it.
                int looped = 0;
                while (looped < _count && Piece(looped).Bits == _k._plan.Bits && Piece(looped).Offset + Piece(looped).Lanes <= _k._plan.StateSize) looped++;
                if (looped < 2) looped = 0;
                if (looped > 0)
                {
                    int end = first.Offset + looped * _k._lanes;
                    using (w.Block($"for (nuint v = {Int(first.Offset)}; v < {Int(end)}; v += {Int(_k._lanes)})"))
                    {
                        var writer = new ChunkWriter(_k, _layer, 0, 1, "v", loopRegisters: true);
                        foreach (string sum in sums)
                        {
                            string slot = first.Offset == 0 ? "v" : $"(v - {Int(first.Offset)})";
                            string at = sums.IndexOf(sum) == 0 ? slot : $"{Int(sums.IndexOf(sum) * span)} + {slot}";
                            writer._started.Add(sum);
                            w.Line($"var {writer.S(sum, 0)} = {_k._v}.LoadUnsafe(ref staged, {at});");
                        }
                        for (int at = from; at < ops.Count; at++) writer.Op(ops[at]);
                    }
                }
                for (int i = looped; i < _count; i++)
                {
                    Piece piece = Piece(i);
                    w.Line($"// Rows {Int(piece.Offset)} to {Int(piece.Offset + piece.Lanes - 1)}.");
                    var writer = new ChunkWriter(_k, _layer, _first + i, 1, null);
                    foreach (string sum in sums)
                    {
                        writer._started.Add(sum);
                        w.Line($"{S(sum, i)} = {piece.Vector}.LoadUnsafe(ref staged, {Int(sums.IndexOf(sum) * span + piece.Offset - first.Offset)});");
                    }
                    for (int at = from; at < ops.Count; at++) writer.Op(ops[at]);
                }
            }

            /// <summary>An operand of an element-wise operation at piece <paramref name="i"/>: a register, or the old rows of a state buffer.</summary>
            private string Operand(string name, int i) => _k._program.Buffer(name).Kind == BufferKind.State
                ? $"{Piece(i).Vector}.LoadUnsafe(ref {name}, {At(i)})"
                : S(name, i);

            private string Pending(string name, int i) => _oddPending.Contains(name) ? $"({S(name, i)} + {O(name, i)})" : S(name, i);

            /// <summary>Adds a sum's second register set (odd columns) into the first, before the sum is read as an operand.</summary>
            private void Settle(params string[] names)
            {
                foreach (string name in names)
                {
                    if (!_oddPending.Remove(name)) continue;
                    _k._w.Line($"// {name}: the odd columns' sums join the even ones'.");
                    for (int i = 0; i < _count; i++) _k._w.Line($"{S(name, i)} += {O(name, i)};");
                }
            }

            private void Op(StepOp op)
            {
                SourceWriter w = _k._w;
                switch (op)
                {
                    case ReadRowOp r:
                        w.Line(r.Offset == 0 && _k._program.Cell == CellKind.Elman
                            ? "// Wax · x<t> + ba: x<t> is one-hot, so this is the token's column of Wax (stored as a row, ba added)."
                            : $"// {r.Target}: its block of the token's row of the input table (W_ih · x<t> and the biases, computed at load time).");
                        for (int i = 0; i < _count; i++)
                        {
                            string at = r.Offset == 0 ? At(i) : _base is null ? Int(Piece(i).Offset + r.Offset) : $"{At(i)} + {Int(r.Offset)}";
                            w.Line($"{Declare(r.Target)}{S(r.Target, i)} = {Piece(i).Vector}.LoadUnsafe(ref {r.Table}, {at});");
                        }
                        _started.Add(r.Target);
                        break;
                    case LoadOp l:
                        w.Line(!_k.IsTable(l.Source) ? $"// {l.Target} = {l.Source}<t-1>."
                            : _k._program.Cell == CellKind.Elman ? $"// {l.Source} starts the sums." : $"// {l.Source} starts {l.Target}.");
                        for (int i = 0; i < _count; i++) w.Line($"{Declare(l.Target)}{S(l.Target, i)} = {Piece(i).Vector}.LoadUnsafe(ref {l.Source}, {At(i)});");
                        _started.Add(l.Target);
                        break;
                    case MultiplyOp x:
                        Settle(x.A, x.B);
                        w.Line($"// {x.Target} = {x.A} ⊙ {x.B}.");
                        for (int i = 0; i < _count; i++) w.Line($"{Declare(x.Target)}{S(x.Target, i)} = {Operand(x.A, i)} * {Operand(x.B, i)};");
                        _started.Add(x.Target);
                        break;
                    case MultiplyAddOp x:
                        Settle(x.A, x.B);
                        w.Line($"// {x.Target} += {x.A} ⊙ {x.B}.");
                        for (int i = 0; i < _count; i++)
                        {
                            string V = Piece(i).Vector;
                            w.Line($"{S(x.Target, i)} = {V}.FusedMultiplyAdd({Operand(x.A, i)}, {Operand(x.B, i)}, {Pending(x.Target, i)});");
                        }
                        _oddPending.Remove(x.Target);
                        break;
                    case MixOp x:
                        Settle(x.Target, x.Gate, x.Other);
                        w.Line($"// {x.Target} = (1 - {x.Gate}) ⊙ {x.Target} + {x.Gate} ⊙ {x.Other}.");
                        for (int i = 0; i < _count; i++)
                        {
                            string V = Piece(i).Vector;
                            w.Line($"{S(x.Target, i)} = {V}.FusedMultiplyAdd({S(x.Gate, i)}, {Operand(x.Other, i)}, ({V}<float>.One - {S(x.Gate, i)}) * {S(x.Target, i)});");
                        }
                        break;
                    case ActivateOp a:
                        w.Line($"// {a.Target} = {a.Function.Name()}(sum).");
                        for (int i = 0; i < _count; i++)
                        {
                            string sum = _oddPending.Contains(a.Target) ? $"{S(a.Target, i)} + {O(a.Target, i)}" : S(a.Target, i);
                            if (a.Function != Activation.Linear || sum != S(a.Target, i))
                            {
                                w.Line($"{S(a.Target, i)} = {ActivationTable.Vector(a.Function, sum)};");
                            }
                        }
                        _oddPending.Remove(a.Target);
                        break;
                    case ZeroPaddingOp z:
                        ZeroPadding(z);
                        break;
                    case StoreOp s:
                        if (_oddPending.Contains(s.Source)) throw Exhaustive.Unhandled("a store of sums with a pending second register set");
                        string target = _k.StoreTarget(s.Target);
                        for (int i = 0; i < _count; i++) w.Line($"{Piece(i).Vector}.StoreUnsafe({S(s.Source, i)}, ref {target}, {At(i)});");
                        if (s.Target == _k._program.State.Name) _k.HeadSums = s.Source;
                        break;
                    default:
                        throw Exhaustive.Unhandled(op);
                }
            }

            /// <summary>"var " for a register's first assignment in this chunk.</summary>
            private string Declare(string target) => _started.Contains(target) ? "" : "var ";

            /// <summary>
            /// One sweep over the columns for products that share the vector: for each column j, one broadcast of
            /// vector[j], then each product's table column times it into that product's sums.
            /// </summary>
            private void MatVec(List<MatVecOp> group)
            {
                SourceWriter w = _k._w;
                StepProgram program = _k._program;
                MatVecOp first = group[0];
                bool anyMain = Enumerable.Range(0, _count).Any(i => !InTail(i));
                bool anyTail = Enumerable.Range(0, _count).Any(InTail);
                foreach (MatVecOp v in group)
                {
                    if (anyMain && v.Matrix.Length == 0 || anyTail && v.Tail.Length == 0) throw Exhaustive.Unhandled("a piece with no table for its rows");
                }
                var widths = Enumerable.Range(0, _count).Select(i => Piece(i).Bits).Distinct().ToList();
                string Broadcast(string name, int bits) => widths.Count == 1 ? name : $"{name}{Int(bits)}";
                // The refs of a product's column: shared when the products read one table (a cell's gates), else one per product.
                bool shared = group.All(v => v.Matrix == first.Matrix && v.Tail == first.Tail);
                string Ref(string name, MatVecOp v) => shared ? name : $"{name}_{v.Target}";
                string Fma(MatVecOp v, int i, string column, string x, string acc)
                {
                    Piece piece = Piece(i);
                    string col = Ref(InTail(i) ? column + "Tail" : column, v);
                    string V = piece.Vector;
                    int block = InTail(i) ? v.TailOffset : v.MainOffset;
                    string at = ColumnAt(i, v.Matrix.Length > 0 ? program.Table(v.Matrix) : null, block);
                    return $"{acc} = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {col}, {at}), {Broadcast(x, piece.Bits)}, {acc});";
                }
                void Columns(string name, string index, bool second)
                {
                    // Refs to column `index` of the tables this chunk reads.
                    foreach (MatVecOp v in shared ? group.Take(1) : group)
                    {
                        string mainStride = anyMain ? Stride(program.Table(v.Matrix)) : "";
                        string tailStride = anyTail ? Stride(program.Table(v.Tail)) : "";
                        if (second)
                        {
                            if (anyMain) w.Line($"ref float {Ref(name, v)} = ref Unsafe.Add(ref {Ref("even", v)}, {mainStride});");
                            if (anyTail) w.Line($"ref float {Ref(name + "Tail", v)} = ref Unsafe.Add(ref {Ref("evenTail", v)}, {tailStride});");
                        }
                        else
                        {
                            string? tile = anyMain ? ChunkTile(program.Table(v.Matrix)) : null;
                            string offset = tile is null ? $"{index} * {mainStride}" : $"{tile} + {index} * {mainStride}";
                            if (anyMain) w.Line($"ref float {Ref(name, v)} = ref Unsafe.Add(ref {v.Matrix}, {offset});");
                            if (anyTail) w.Line($"ref float {Ref(name + "Tail", v)} = ref Unsafe.Add(ref {v.Tail}, {index} * {tailStride});");
                        }
                    }
                }
                // A sweep's loop keeps refs to its current column and moves them on by whole columns at the end of each pass
                // (one add each), as an expert writes it; from an index, the JIT recomputes index × stride in every pass.
                void FirstColumns(string name)
                {
                    foreach (MatVecOp v in shared ? group.Take(1) : group)
                    {
                        if (anyMain)
                        {
                            string? tile = ChunkTile(program.Table(v.Matrix));
                            string start = tile is null ? $"ref {v.Matrix}" : $"ref Unsafe.Add(ref {v.Matrix}, {tile})";
                            w.Line($"ref float {Ref(name, v)} = {start};");
                        }
                        if (anyTail) w.Line($"ref float {Ref(name + "Tail", v)} = ref {v.Tail};");
                    }
                }
                void NextColumns(string name, int columns)
                {
                    foreach (MatVecOp v in shared ? group.Take(1) : group)
                    {
                        if (anyMain) w.Line($"{Ref(name, v)} = ref Unsafe.Add(ref {Ref(name, v)}, {Times(columns, program.Table(v.Matrix))});");
                        if (anyTail) w.Line($"{Ref(name + "Tail", v)} = ref Unsafe.Add(ref {Ref(name + "Tail", v)}, {Times(columns, program.Table(v.Tail))});");
                    }
                }
                void Broadcasts(string x, string index)
                {
                    if (widths.Count == 1)
                    {
                        w.Line($"var {x} = {Piece(0).Vector}.Create(Unsafe.Add(ref {first.Vector}, {index}));");
                        return;
                    }
                    w.Line($"float {x}f = Unsafe.Add(ref {first.Vector}, {index});");
                    foreach (int bits in widths) w.Line($"var {Broadcast(x, bits)} = Vector{Int(bits)}.Create({x}f);");
                }

                bool twoSets = _k._plan.TwoSets;
                foreach (MatVecOp v in group)
                {
                    if (_started.Add(v.Target))
                    {
                        for (int i = 0; i < _count; i++) w.Line($"var {S(v.Target, i)} = {Piece(i).Vector}<float>.Zero;");
                    }
                    if (twoSets && _oddPending.Add(v.Target))
                    {
                        for (int i = 0; i < _count; i++) w.Line($"var {O(v.Target, i)} = {Piece(i).Vector}<float>.Zero;");
                    }
                }
                PackedTensor TableOf(MatVecOp v) => program.Table(v.Matrix.Length > 0 ? v.Matrix : v.Tail);
                string what = TableOf(first).Tensor;
                if (group.Count > 1)
                {
                    // One line per product of the shared sweep: which rows of the tensor go into which sums.
                    w.Line($"// One sweep over {first.Vector} for {Int(group.Count)} products:");
                    for (int g = 0; g < group.Count; g++)
                    {
                        MatVecOp v = group[g];
                        PackedTensor t = TableOf(v);
                        int rows = program.Buffer(v.Target).Size;
                        int from = t.Layout == PackLayout.GateColumns ? g * rows : t.FirstRow;
                        w.Line($"//   {v.Target} += rows {Int(from)} to {Int(from + rows - 1)} of {t.Tensor} · {first.Vector}");
                    }
                }
                string tables = anyMain && anyTail
                    ? group.Count == 1 ? $" of {what} (rows from {first.Matrix}, the tail's from {first.Tail})" : " of each (main rows and tail from two tables)"
                    : group.Count == 1 ? $" of {what}" : " of each";
                if (twoSets)
                {
                    w.Line($"// + {what} · {first.Vector}: column j{tables} times {first.Vector}[j];");
                    w.Line($"// even columns add into {S(first.Target, 0)}…, odd ones into {O(first.Target, 0)}….");
                    int pairs = first.Columns / 2 * 2;
                    if (pairs > 0)
                    {
                        using (w.Block(""))
                        {
                            FirstColumns("even");
                            using (w.Block($"for (nuint j = 0; j < {Int(pairs)}; j += 2)"))
                            {
                                Columns("odd", "", second: true);
                                Broadcasts("xe", "j");
                                Broadcasts("xo", "j + 1");
                                foreach (MatVecOp v in group)
                                {
                                    for (int i = 0; i < _count; i++)
                                    {
                                        w.Line(Fma(v, i, "even", "xe", S(v.Target, i)));
                                        w.Line(Fma(v, i, "odd", "xo", O(v.Target, i)));
                                    }
                                }
                                NextColumns("even", 2);
                            }
                        }
                    }
                    if (first.Columns % 2 == 1)
                    {
                        w.Line($"// The last column ({Int(first.Columns)} is odd).");
                        using (w.Block(""))
                        {
                            Columns("last", Int(first.Columns - 1), second: false);
                            Broadcasts("xl", Int(first.Columns - 1));
                            foreach (MatVecOp v in group)
                            {
                                for (int i = 0; i < _count; i++) w.Line(Fma(v, i, "last", "xl", S(v.Target, i)));
                            }
                        }
                    }
                }
                else
                {
                    w.Line($"// + {what} · {first.Vector}: column j{tables} times {first.Vector}[j], for every j.");
                    using (w.Block(""))
                    {
                        FirstColumns("column");
                        using (w.Block($"for (nuint j = 0; j < {Int(first.Columns)}; j++)"))
                        {
                            Broadcasts("xj", "j");
                            foreach (MatVecOp v in group)
                            {
                                for (int i = 0; i < _count; i++) w.Line(Fma(v, i, "column", "xj", S(v.Target, i)));
                            }
                            NextColumns("column", 1);
                        }
                    }
                }
            }

            /// <summary>Masks the lanes of the chunk's pieces that lie in [From, To): exactly zero, whatever the activation left there.</summary>
            private void ZeroPadding(ZeroPaddingOp z)
            {
                SourceWriter w = _k._w;
                bool any = false;
                for (int i = 0; i < _count; i++)
                {
                    Piece piece = Piece(i);
                    int lo = piece.Offset;
                    if (_base is null && lo + piece.Lanes <= z.From) continue;
                    // The planner keeps padding out of looped chunks, whose place is not known here.
                    if (_base is not null)
                    {
                        if (_k._plan.LoopedChunks * _k._plan.MaxChunk * _k._lanes > z.From) throw Exhaustive.Unhandled("padding inside a looped chunk");
                        continue;
                    }
                    if (!any) w.Line($"// Lanes {Int(z.From)} to {Int(z.To - 1)} are padding: exactly 0, so that no NaN or sigmoid(0) reaches the output.");
                    any = true;
                    string V = piece.Vector;
                    if (lo >= z.From)
                    {
                        w.Line($"{S(z.Target, i)} = {V}<float>.Zero;");
                    }
                    else
                    {
                        int keep = z.From - lo;
                        string mask = string.Join(", ", Enumerable.Range(0, piece.Lanes).Select(l => l < keep ? "-1" : "0"));
                        w.Line($"{S(z.Target, i)} = {V}.BitwiseAnd({S(z.Target, i)}, {V}.Create({mask}).AsSingle());");
                    }
                }
            }
        }
    }
}
