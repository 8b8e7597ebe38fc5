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
            w.Line("using global::System.Diagnostics.CodeAnalysis;");
            w.Line("using global::System.Runtime.CompilerServices;");
            w.Line("using global::System.Runtime.InteropServices;");
            w.Line("using global::System.Runtime.Intrinsics;");
            w.Line("using VectorMath = global::RnnGen.VectorMath;");
            w.Line($"using Model = global::{m.FullName};");
            w.Line();
            w.Line($"/// <summary>The kernels and helpers of <see cref=\"Model\"/>: one step at each vector width, from its step program.</summary>");
            w.Line(GeneratedInfoAttribute);
            using (w.Block($"file static class {ModelEmitter.ImplementationName(m)}"))
            {
                Dispatch(w, m);
                foreach (KernelPlan plan in plans) new Kernel(w, m, program, plan).Write();
                Throwers(w, m);
            }
        }
    }

    private static string GeneratedInfoAttribute => GeneratorInfo.GeneratedCodeAttribute;

    private static string XParam(ModelSpec m) => m.Input.OneHot ? "int token" : "ReadOnlySpan<float> input";

    private static string XArg(ModelSpec m) => m.Input.OneHot ? "token" : "input";

    private static void Dispatch(SourceWriter w, ModelSpec m)
    {
        string args = $"model, ref state, {XArg(m)}, ref output";
        string parameters = $"Model model, ref Model.Hidden state, {XParam(m)}, ref Model.Output output";
        w.Line("/// <summary>One step with the widest accelerated vectors; the JIT folds the tests to one call.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"public static void Step({parameters})"))
        {
            int[] widths = KernelPlanner.Widths;
            for (int i = 0; i < widths.Length; i++)
            {
                string call = $"Step{Int(widths[i])}({args});";
                if (i == 0) w.Line($"if (Vector{Int(widths[i])}.IsHardwareAccelerated) {call}");
                else if (i < widths.Length - 1) w.Line($"else if (Vector{Int(widths[i])}.IsHardwareAccelerated) {call}");
                else w.Line($"else {call}");
            }
        }
        w.Line();
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

        public void Write()
        {
            SourceWriter w = _w;
            w.Line($"/// <summary>One step with {Int(_plan.Bits)}-bit vectors ({Int(_lanes)} floats); the caller has checked the input.</summary>");
            using (w.Block($"public static void Step{Int(_plan.Bits)}(Model model, ref Model.Hidden state, {XParam(_m)}, ref Model.Output output)"))
            {
                foreach (string line in PlanText.Describe(_plan)) w.Line("// " + line);
                w.Line("ref float h = ref Unsafe.As<Model.HiddenBuffer, float>(ref state.Values);");
                DeclareRefs(_program.Recurrence);
                if (!_plan.SingleChunk)
                {
                    w.Line("// a<t> is built in `next` chunk by chunk, because every chunk still reads all of a<t-1>.");
                    w.Line("Model.HiddenBuffer next;");
                    w.Line("Unsafe.SkipInit(out next);");
                    w.Line("ref float n = ref Unsafe.As<Model.HiddenBuffer, float>(ref next);");
                }
                Chunks();
                if (!_plan.SingleChunk) w.Line("state.Values = next;");
                w.Line();
                DeclareRefs(_program.Head);
                foreach (StepOp op in _program.Head) HeadOp(op);
            }
            w.Line();
        }

        private void Chunks()
        {
            SourceWriter w = _w;
            if (_plan.SingleChunk)
            {
                Chunk only = _plan.Chunks[0];
                new ChunkWriter(this, only.First, only.Count, null).Write();
                return;
            }
            int skip = 0;
            if (_plan.LoopedChunks > 0)
            {
                int size = _plan.MaxChunk;
                int end = _plan.LoopedChunks * size;
                w.Line();
                w.Line($"// a<t> in chunks of {Int(size * _lanes)} rows, {Int(size)} registers each; a loop keeps the method small enough for the JIT to optimise.");
                using (w.Block($"for (nuint c = 0; c < {Int(end * _lanes)}; c += {Int(size * _lanes)})"))
                {
                    new ChunkWriter(this, 0, size, "c").Write();
                }
                skip = _plan.LoopedChunks;
            }
            foreach (Chunk chunk in _plan.Chunks.Skip(skip))
            {
                w.Line();
                w.Line($"// Rows {Int(chunk.First * _lanes)} to {Int((chunk.First + chunk.Count) * _lanes - 1)} of a<t>.");
                using (w.Block("")) new ChunkWriter(this, chunk.First, chunk.Count, null).Write();
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
                        Declare(r.Table, $"ref float {r.Table} = ref Unsafe.Add(ref model.{table.Field}.Start, (nint){r.Index} * Model.{table.StrideConstant});");
                        break;
                    case LoadOp l:
                        DeclareTable(l.Source);
                        break;
                    case MatVecOp v:
                        DeclareTable(v.Matrix);
                        DeclareVector(v.Vector);
                        break;
                    case ProjectOp p:
                        Declare(p.Target, $"ref float {p.Target} = ref Unsafe.As<Model.OutputBuffer, float>(ref output.Values);");
                        DeclareTable(p.Weights);
                        DeclareTable(p.Bias);
                        break;
                    case ZeroPaddingOp z when _program.Buffer(z.Target).Kind == BufferKind.Output:
                        Declare(z.Target, $"ref float {z.Target} = ref Unsafe.As<Model.OutputBuffer, float>(ref output.Values);");
                        break;
                    case ActivateOp or ZeroPaddingOp or StoreOp:
                        break;
                    default:
                        throw Exhaustive.Unhandled(op);
                }
            }
        }

        private readonly HashSet<string> _declared = new(System.StringComparer.Ordinal) { Lowerer.State };

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

        private void Project(ProjectOp p)
        {
            SourceWriter w = _w;
            string V = _v;
            int L = _lanes;
            int vectors = _plan.StateVectors;
            bool fromRegisters = _plan.SingleChunk;
            string Hv(int i) => fromRegisters ? ChunkWriter.Sum(Lowerer.Sums, i) : $"{V}.LoadUnsafe(ref {p.Vector}, {Int(i * L)})";
            w.Line($"// ŷ<t> = {_m.Output.Activation.Name()}(Wya · a<t> + by): one dot product per output.");

            void Dot(string row, string k)
            {
                string target = $"{Element(p.Target, k)} = ";
                string bias = Element(p.Bias, k);
                if (_plan.DotProductLooped)
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
                // Two accumulators halve the dependency chain of the dot product.
                w.Line($"var p = {V}.LoadUnsafe(ref {row}, 0) * {Hv(0)};");
                if (vectors > 1) w.Line($"var q = {V}.LoadUnsafe(ref {row}, {Int(L)}) * {Hv(1)};");
                for (int i = 2; i < vectors; i++)
                {
                    string acc = i % 2 == 0 ? "p" : "q";
                    w.Line($"{acc} = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {row}, {Int(i * L)}), {Hv(i)}, {acc});");
                }
                w.Line($"{target}{V}.Sum({(vectors > 1 ? "p + q" : "p")}) + {bias};");
            }

            string stride = "Model." + _program.Table(p.Weights).StrideConstant;
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

        /// <summary>The recurrence over one chunk of the state's vectors, its sums in registers.</summary>
        private sealed class ChunkWriter
        {
            private readonly Kernel _k;
            private readonly int _first;
            private readonly int _count;
            private readonly string? _base;
            private readonly HashSet<string> _started = new(System.StringComparer.Ordinal);
            private readonly HashSet<string> _oddPending = new(System.StringComparer.Ordinal);

            /// <param name="kernel">The kernel.</param>
            /// <param name="first">The chunk's first vector (0 in a loop).</param>
            /// <param name="count">Its vectors.</param>
            /// <param name="loopBase">The loop variable holding the chunk's first row, or null for a written-out chunk.</param>
            public ChunkWriter(Kernel kernel, int first, int count, string? loopBase)
            {
                _k = kernel;
                _first = first;
                _count = count;
                _base = loopBase;
            }

            /// <summary>The register holding vector <paramref name="i"/> of the chunk's sums of a buffer.</summary>
            public static string Sum(string buffer, int i) => buffer + Int(i);

            /// <summary>The second register set (odd columns), when the plan has two.</summary>
            private static string Odd(string buffer, int i) => buffer + Int(i) + "b";

            /// <summary>The offset of the chunk's vector <paramref name="i"/>: a constant, or the loop's base plus a constant.</summary>
            private string At(int i) => _base is null
                ? Int((_first + i) * _k._lanes)
                : i == 0 ? _base : $"{_base} + {Int(i * _k._lanes)}";

            public void Write()
            {
                foreach (StepOp op in _k._program.Recurrence) Op(op);
            }

            private void Op(StepOp op)
            {
                SourceWriter w = _k._w;
                string V = _k._v;
                switch (op)
                {
                    case ReadRowOp r:
                        w.Line("// Wax · x<t> + ba: x<t> is one-hot, so this is the token's column of Wax (stored as a row, ba added).");
                        for (int i = 0; i < _count; i++) w.Line($"var {Sum(r.Target, i)} = {V}.LoadUnsafe(ref {r.Table}, {At(i)});");
                        _started.Add(r.Target);
                        break;
                    case LoadOp l:
                        w.Line($"// {l.Source} starts the sums.");
                        for (int i = 0; i < _count; i++) w.Line($"var {Sum(l.Target, i)} = {V}.LoadUnsafe(ref {l.Source}, {At(i)});");
                        _started.Add(l.Target);
                        break;
                    case MatVecOp v:
                        MatVec(v);
                        break;
                    case ActivateOp a:
                        w.Line($"// {a.Target} = {a.Function.Name()}(sum).");
                        for (int i = 0; i < _count; i++)
                        {
                            string sum = _oddPending.Contains(a.Target) ? $"{Sum(a.Target, i)} + {Odd(a.Target, i)}" : Sum(a.Target, i);
                            if (a.Function != Activation.Linear || sum != Sum(a.Target, i))
                            {
                                w.Line($"{Sum(a.Target, i)} = {ActivationTable.Vector(a.Function, sum)};");
                            }
                        }
                        _oddPending.Remove(a.Target);
                        break;
                    case ZeroPaddingOp z:
                        ZeroPadding(z);
                        break;
                    case StoreOp s:
                        if (_oddPending.Contains(s.Source)) throw Exhaustive.Unhandled("a store of sums with a pending second register set");
                        string target = _k._plan.SingleChunk ? s.Target : "n";
                        for (int i = 0; i < _count; i++) w.Line($"{V}.StoreUnsafe({Sum(s.Source, i)}, ref {target}, {At(i)});");
                        break;
                    default:
                        throw Exhaustive.Unhandled(op);
                }
            }

            private void MatVec(MatVecOp v)
            {
                SourceWriter w = _k._w;
                string V = _k._v;
                string Fma(string col, int i, string x, string acc) =>
                    $"{acc} = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref {col}, {At(i)}), {x}, {acc});";
                string stride = "Model." + _k._program.Table(v.Matrix).StrideConstant;
                if (_started.Add(v.Target))
                {
                    for (int i = 0; i < _count; i++) w.Line($"var {Sum(v.Target, i)} = {V}<float>.Zero;");
                }
                bool twoSets = _k._plan.TwoSets;
                if (twoSets && _oddPending.Add(v.Target))
                {
                    for (int i = 0; i < _count; i++) w.Line($"var {Odd(v.Target, i)} = {V}<float>.Zero;");
                }
                string tensor = _k._program.Table(v.Matrix).Tensor;
                if (twoSets)
                {
                    w.Line($"// + {tensor} · {v.Vector}: column j of {tensor} times {v.Vector}[j]; even columns add into {Sum(v.Target, 0)}…, odd ones into {Odd(v.Target, 0)}….");
                    int pairs = v.Columns / 2 * 2;
                    if (pairs > 0)
                    {
                        using (w.Block($"for (nuint j = 0; j < {Int(pairs)}; j += 2)"))
                        {
                            w.Line($"ref float even = ref Unsafe.Add(ref {v.Matrix}, j * {stride});");
                            w.Line($"ref float odd = ref Unsafe.Add(ref even, {stride});");
                            w.Line($"var xe = {V}.Create(Unsafe.Add(ref {v.Vector}, j));");
                            w.Line($"var xo = {V}.Create(Unsafe.Add(ref {v.Vector}, j + 1));");
                            for (int i = 0; i < _count; i++)
                            {
                                w.Line(Fma("even", i, "xe", Sum(v.Target, i)));
                                w.Line(Fma("odd", i, "xo", Odd(v.Target, i)));
                            }
                        }
                    }
                    if (v.Columns % 2 == 1)
                    {
                        w.Line($"// The last column ({Int(v.Columns)} is odd).");
                        using (w.Block(""))
                        {
                            w.Line($"ref float last = ref Unsafe.Add(ref {v.Matrix}, {Int(v.Columns - 1)} * {stride});");
                            w.Line($"var xl = {V}.Create(Unsafe.Add(ref {v.Vector}, {Int(v.Columns - 1)}));");
                            for (int i = 0; i < _count; i++) w.Line(Fma("last", i, "xl", Sum(v.Target, i)));
                        }
                    }
                }
                else
                {
                    w.Line($"// + {tensor} · {v.Vector}: column j of {tensor} times {v.Vector}[j], for every j.");
                    using (w.Block($"for (nuint j = 0; j < {Int(v.Columns)}; j++)"))
                    {
                        w.Line($"ref float column = ref Unsafe.Add(ref {v.Matrix}, j * {stride});");
                        w.Line($"var xj = {V}.Create(Unsafe.Add(ref {v.Vector}, j));");
                        for (int i = 0; i < _count; i++) w.Line(Fma("column", i, "xj", Sum(v.Target, i)));
                    }
                }
            }

            /// <summary>Masks the lanes of the chunk's vectors that lie in [From, To): exactly zero, whatever the activation left there.</summary>
            private void ZeroPadding(ZeroPaddingOp z)
            {
                SourceWriter w = _k._w;
                string V = _k._v;
                int lanes = _k._lanes;
                bool any = false;
                for (int i = 0; i < _count; i++)
                {
                    int lo = (_first + i) * lanes;
                    if (lo + lanes <= z.From) continue;
                    // The planner keeps padding out of looped chunks, whose place is not known here.
                    if (_base is not null) throw Exhaustive.Unhandled("padding inside a looped chunk");
                    if (!any) w.Line($"// Lanes {Int(z.From)} to {Int(z.To - 1)} are padding: exactly 0, so that no NaN or sigmoid(0) reaches the output.");
                    any = true;
                    if (lo >= z.From)
                    {
                        w.Line($"{Sum(z.Target, i)} = {V}<float>.Zero;");
                    }
                    else
                    {
                        int keep = z.From - lo;
                        string mask = string.Join(", ", Enumerable.Range(0, lanes).Select(l => l < keep ? "-1" : "0"));
                        w.Line($"{Sum(z.Target, i)} = {V}.BitwiseAnd({Sum(z.Target, i)}, {V}.Create({mask}).AsSingle());");
                    }
                }
            }
        }
    }
}
