using RnnGen.Generators.Model;

namespace RnnGen.Generators.Emit;

/// <summary>The public Step and Forward overloads: argument checks, then the kernels.</summary>
internal static partial class ModelEmitter
{
    /// <summary>A bidirectional model's API: Forward over whole sequences only (no Step: the reverse direction needs the end first).</summary>
    private static void BidirectionalSteps(SourceWriter w, ModelSpec m)
    {
        bool oneHot = m.Input.OneHot;
        string impl = Impl(m);
        (string seqType, string seqName, string count, string seqDoc) = Sequence(m);
        void Check() => CheckSequence(w, m);
        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence through both directions of every layer (each from the zero state) and writes");
        w.Line("/// ŷ&lt;1&gt; … ŷ&lt;T&gt; into <paramref name=\"outputs\"/>. A bidirectional model has no Step: its reverse direction");
        w.Line("/// starts at the sequence's end. The two directions' rows come from a pooled buffer (no allocation once warm).");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <param name=\"outputs\">At least T values; ŷ&lt;t&gt; goes to outputs[t - 1].</param>");
        using (w.Block($"public void Forward({seqType}, global::System.Span<Output> outputs)"))
        {
            w.Line($"ForwardWithVectors(0, {seqName}, outputs);");
        }
        w.Line();
        w.Line("/// <summary>Forward with the kernels of one vector width (512, 256 or 128 bits; 0: the widest accelerated), for tests.</summary>");
        using (w.Block($"internal void ForwardWithVectors(int bits, {seqType}, global::System.Span<Output> outputs)"))
        {
            Check();
            w.Line($"int steps = {count};");
            w.Line($"if (outputs.Length < steps) {impl}.ThrowOutputsTooShort(outputs.Length, steps);");
            w.Line($"{impl}.Forward(bits, this, {seqName}, outputs);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence and returns ŷ&lt;1&gt; … ŷ&lt;T&gt; in a new array (allocates the array).");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        using (w.Block($"public Output[] Forward({seqType})"))
        {
            if (!oneHot) w.Line($"if (inputs.Length % InputSize != 0) {impl}.ThrowInputLength(inputs.Length, nameof(inputs));");
            w.Line($"var outputs = new Output[{count}];");
            w.Line($"Forward({seqName}, outputs);");
            w.Line("return outputs;");
        }
        w.Line();
        string ifaceName = oneHot ? "global::RnnGen.IOneHotRnnModel" : "global::RnnGen.IDenseRnnModel";
        using (w.Block($"void {ifaceName}.Forward({seqType}, global::System.Span<float> outputs)"))
        {
            Check();
            w.Line($"int steps = {count};");
            using (w.Block("if (outputs.Length < steps * OutputSize)"))
            {
                w.Line($"{impl}.ThrowOutputsTooShort(outputs.Length / OutputSize, steps);");
            }
            w.Line("Output[] typed = Forward(" + seqName + ");");
            w.Line("for (int t = 0; t < steps; t++) typed[t].CopyTo(outputs.Slice(t * OutputSize, OutputSize));");
        }
        w.Line();
    }

    private static void PublicSteps(SourceWriter w, ModelSpec m)
    {
        if (m.Bidirectional)
        {
            BidirectionalSteps(w, m);
            return;
        }
        if (m.Classifier)
        {
            ClassifierSteps(w, m);
            return;
        }
        if (m.Generator) GeneratorApi(w, m);
        bool oneHot = m.Input.OneHot;
        string impl = Impl(m);
        string xParam = oneHot ? "int token" : "global::System.ReadOnlySpan<float> x";
        string xArg = oneHot ? "token" : "x";
        StreamingStep(w, m);

        (string seqType, string seqName, string count, string seqDoc) = Sequence(m);
        string checkInputs = $"if (inputs.Length % InputSize != 0) {impl}.ThrowInputLength(inputs.Length, nameof(inputs));";
        string stepT = oneHot ? "tokens[t]" : "inputs.Slice(t * InputSize, InputSize)";

        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence from a&lt;0&gt; = 0 and writes ŷ&lt;1&gt; … ŷ&lt;T&gt; into <paramref name=\"outputs\"/>.");
        w.Line("/// Allocates nothing.");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <param name=\"outputs\">At least T values; ŷ&lt;t&gt; goes to outputs[t - 1].</param>");
        using (w.Block($"public void Forward({seqType}, global::System.Span<Output> outputs)"))
        {
            w.Line("Hidden state = default;");
            w.Line($"Forward(ref state, {seqName}, outputs);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Continues a sequence from <paramref name=\"state\"/> (a&lt;t-1&gt;), writing one output per input and leaving");
        w.Line("/// the last hidden state in <paramref name=\"state\"/>. Every input is checked before any step runs.");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <param name=\"state\">The hidden state to continue from; the last a&lt;t&gt; on return.</param>");
        w.Line("/// <param name=\"outputs\">At least as many values as there are steps.</param>");
        using (w.Block($"public void Forward(ref Hidden state, {seqType}, global::System.Span<Output> outputs)"))
        {
            CheckSequence(w, m);
            w.Line($"int steps = {count};");
            w.Line($"if (outputs.Length < steps) {impl}.ThrowOutputsTooShort(outputs.Length, steps);");
            w.Line($"for (int t = 0; t < steps; t++) StepUnchecked(ref state, {stepT}, ref outputs[t]);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence from a&lt;0&gt; = 0 and returns ŷ&lt;1&gt; … ŷ&lt;T&gt; in a new array (allocates the array).");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        using (w.Block($"public Output[] Forward({seqType})"))
        {
            if (!oneHot) w.Line(checkInputs);
            w.Line($"var outputs = new Output[{count}];");
            w.Line($"Forward({seqName}, outputs);");
            w.Line("return outputs;");
        }
        w.Line();

        // The untyped interface: flat float spans.
        string ifaceName = oneHot ? "global::RnnGen.IOneHotRnnModel" : "global::RnnGen.IDenseRnnModel";
        using (w.Block($"void {ifaceName}.Forward({seqType}, global::System.Span<float> outputs)"))
        {
            if (!oneHot) w.Line(checkInputs);
            w.Line($"int steps = {count};");
            using (w.Block("if (outputs.Length < steps * OutputSize)"))
            {
                w.Line($"{impl}.ThrowOutputsTooShort(outputs.Length / OutputSize, steps);");
            }
            if (oneHot) CheckSequence(w, m);
            w.Line("Hidden state = default;");
            w.Line("Output output = default;");
            using (w.Block("for (int t = 0; t < steps; t++)"))
            {
                w.Line($"StepUnchecked(ref state, {stepT}, ref output);");
                w.Line("output.CopyTo(outputs.Slice(t * OutputSize, OutputSize));");
            }
        }
        w.Line();
    }

    /// <summary>A sequence parameter of Forward: its C# type and name, the step count and its XML doc.</summary>
    private static (string Type, string Name, string Count, string Doc) Sequence(ModelSpec m) => m.Input.OneHot
        ? ("global::System.ReadOnlySpan<int> tokens", "tokens", "tokens.Length",
            "<param name=\"tokens\">x&lt;1&gt; … x&lt;T&gt; as token indices.</param>")
        : ("global::System.ReadOnlySpan<float> inputs", "inputs", "inputs.Length / InputSize",
            "<param name=\"inputs\">x&lt;1&gt; … x&lt;T&gt;, one after another: T × InputSize values.</param>");

    /// <summary>Checks a whole sequence before any step runs: every token in range, or a whole number of dense inputs.</summary>
    private static void CheckSequence(SourceWriter w, ModelSpec m)
    {
        string impl = Impl(m);
        if (m.Input.OneHot)
        {
            using (w.Block("foreach (int token in tokens)"))
            {
                w.Line($"if ((uint)token >= (uint)InputSize) {impl}.ThrowTokenOutOfRange(token, nameof(tokens));");
            }
        }
        else
        {
            w.Line($"if (inputs.Length % InputSize != 0) {impl}.ThrowInputLength(inputs.Length, nameof(inputs));");
        }
    }

    /// <summary>The first lines of Step's summary: the cell's equations for one step.</summary>
    private static string[] StepSummary(ModelSpec m) => m.Top.Cell switch
    {
        CellKind.Elman when ModelTensors.Textbook(m) => new[]
        {
            $"One time step, in place: a&lt;t&gt; = {Ga(m)}(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba) replaces",
            $"<paramref name=\"state\"/>, and ŷ&lt;t&gt; = {Gy(m)}(Wya · a&lt;t&gt; + by) goes to <paramref name=\"output\"/>.",
        },
        CellKind.Gru or CellKind.Lstm or CellKind.Elman => new[]
        {
            $"One time step, in place: every layer's new state (see the class's equations) replaces its part of",
            $"<paramref name=\"state\"/>, and ŷ&lt;t&gt; = {Gy(m)}(W_y · h&lt;t&gt; + b_y) goes to <paramref name=\"output\"/>.",
        },
        _ => throw Exhaustive.Unhandled(m.Top.Cell),
    };
}
