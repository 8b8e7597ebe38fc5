using RnnGen.Generators.Model;

namespace RnnGen.Generators.Emit;

/// <summary>
/// The public API of the shapes other than one output per input: a classifier's Forward gives one ŷ after the last
/// input; a generator's Sample and Generate feed each picked token back as the next input.
/// </summary>
internal static partial class ModelEmitter
{
    /// <summary>Step (as every streaming model has it) and the unchecked step that the shapes' loops call.</summary>
    private static void StreamingStep(SourceWriter w, ModelSpec m)
    {
        bool oneHot = m.Input.OneHot;
        string impl = Impl(m);
        string xParam = oneHot ? "int token" : "global::System.ReadOnlySpan<float> x";
        string xArg = oneHot ? "token" : "x";
        string xDoc = oneHot
            ? "<param name=\"token\">The index of x&lt;t&gt;'s one (0 ≤ token &lt; InputSize).</param>"
            : "<param name=\"x\">x&lt;t&gt;: exactly InputSize values.</param>";

        w.Line("/// <summary>");
        foreach (string line in StepSummary(m)) w.Line("/// " + line);
        w.Line("/// Allocates nothing; call it once per token to stream a sequence.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"state\">a&lt;t-1&gt; on entry, a&lt;t&gt; on return; a new <see cref=\"Hidden\"/> is a&lt;0&gt; = 0.</param>");
        w.Line($"/// {xDoc}");
        w.Line("/// <param name=\"output\">ŷ&lt;t&gt;.</param>");
        using (w.Block($"public void Step(ref Hidden state, {xParam}, out Output output)"))
        {
            w.Line(CheckX(m));
            w.Line("global::System.Runtime.CompilerServices.Unsafe.SkipInit(out output);");
            w.Line($"StepUnchecked(ref state, {xArg}, ref output);");
        }
        w.Line();
        w.Line("/// <summary>One step with the widest accelerated vectors; the caller has checked the input.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Line($"private void StepUnchecked(ref Hidden state, {xParam}, ref Output output) =>");
        w.Line($"    {impl}.Step(this, ref state, {xArg}, ref output);");
        w.Line();
        w.Line("/// <summary>One step with the kernel of one vector width (512, 256 or 128 bits), for tests that compare the widths.</summary>");
        w.Line($"internal void StepWithVectors(int bits, ref Hidden state, {xParam}, ref Output output) =>");
        w.Line($"    {impl}.StepWith(bits, this, ref state, {xArg}, ref output);");
        w.Line();
    }

    /// <summary>The check of one step's input: a token in range, or exactly InputSize values.</summary>
    private static string CheckX(ModelSpec m) => m.Input.OneHot
        ? $"if ((uint)token >= (uint)InputSize) {Impl(m)}.ThrowTokenOutOfRange(token, nameof(token));"
        : $"if (x.Length != InputSize) {Impl(m)}.ThrowInputLength(x.Length, nameof(x));";

    /// <summary>A classifier (many-to-one): Step and Advance to stream, Forward for ŷ after the last input.</summary>
    private static void ClassifierSteps(SourceWriter w, ModelSpec m)
    {
        bool oneHot = m.Input.OneHot;
        string impl = Impl(m);
        string xParam = oneHot ? "int token" : "global::System.ReadOnlySpan<float> x";
        string xArg = oneHot ? "token" : "x";
        StreamingStep(w, m);
        w.Line("/// <summary>");
        w.Line("/// One step of the layers only: a&lt;t&gt; replaces <paramref name=\"state\"/>, and no ŷ is computed (a classifier");
        w.Line("/// reads ŷ after the last input; <see cref=\"Step\"/> gives it at any step). Allocates nothing.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"state\">a&lt;t-1&gt; on entry, a&lt;t&gt; on return.</param>");
        w.Line(oneHot
            ? "/// <param name=\"token\">The index of x&lt;t&gt;'s one (0 ≤ token &lt; InputSize).</param>"
            : "/// <param name=\"x\">x&lt;t&gt;: exactly InputSize values.</param>");
        using (w.Block($"public void Advance(ref Hidden state, {xParam})"))
        {
            w.Code(CheckX(m));
            w.Code($"{impl}.Advance(this, ref state, {xArg});");
        }
        w.Line();

        (string seqType, string seqName, string count, string seqDoc) = Sequence(m);
        string stepT = oneHot ? "tokens[t]" : "inputs.Slice(t * InputSize, InputSize)";
        w.Line("/// <summary>");
        w.Line("/// Classifies a whole sequence: runs it from a&lt;0&gt; = 0 and returns ŷ&lt;T&gt;, the output after its last");
        w.Line("/// input (the head runs once, at that step). Allocates nothing.");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The sequence is empty.</exception>");
        using (w.Block($"public Output Forward({seqType})"))
        {
            w.Line("Hidden state = default;");
            w.Line($"Forward(ref state, {seqName}, out Output output);");
            w.Line("return output;");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Continues a sequence from <paramref name=\"state\"/> and gives ŷ after its last input, leaving that step's");
        w.Line("/// state in <paramref name=\"state\"/>. Every input is checked before any step runs.");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <param name=\"state\">The hidden state to continue from; the last a&lt;t&gt; on return.</param>");
        w.Line("/// <param name=\"output\">ŷ after the last input.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The sequence is empty.</exception>");
        using (w.Block($"public void Forward(ref Hidden state, {seqType}, out Output output)"))
        {
            CheckSequence(w, m);
            w.Line($"int steps = {count};");
            w.Code($"if (steps == 0) {impl}.ThrowEmptySequence(nameof({seqName}));");
            w.Code($"for (int t = 0; t < steps - 1; t++) {impl}.Advance(this, ref state, {stepT});");
            w.Line("global::System.Runtime.CompilerServices.Unsafe.SkipInit(out output);");
            w.Line("int last = steps - 1;");
            w.Line($"StepUnchecked(ref state, {(oneHot ? "tokens[last]" : "inputs.Slice(last * InputSize, InputSize)")}, ref output);");
        }
        w.Line();
        string ifaceName = oneHot ? "global::RnnGen.IOneHotRnnModel" : "global::RnnGen.IDenseRnnModel";
        using (w.Block($"void {ifaceName}.Forward({seqType}, global::System.Span<float> outputs)"))
        {
            w.Code($"if (outputs.Length < OutputSize) {impl}.ThrowOutputsTooShort(outputs.Length / OutputSize, 1);");
            w.Line($"Forward({seqName}).CopyTo(outputs);");
        }
        w.Line();
    }

    /// <summary>A generator (one-to-many): Sample for one step, Generate into a span or as a stream of tokens.</summary>
    private static void GeneratorApi(SourceWriter w, ModelSpec m)
    {
        string impl = Impl(m);
        w.Line("/// <summary>");
        w.Line("/// One step of generation: reads <paramref name=\"token\"/> (x&lt;t&gt;) into <paramref name=\"state\"/> and picks the");
        w.Line("/// next token from ŷ&lt;t&gt; with <paramref name=\"sampler\"/>. Feed what it returns back in to go on. Allocates nothing.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"state\">a&lt;t-1&gt; on entry, a&lt;t&gt; on return.</param>");
        w.Line("/// <param name=\"token\">x&lt;t&gt;: the last token (0 ≤ token &lt; InputSize).</param>");
        w.Line("/// <param name=\"sampler\">Temperature, top-k and the random source; it advances.</param>");
        w.Line("/// <returns>The next token.</returns>");
        using (w.Block("public int Sample(ref Hidden state, int token, ref global::RnnGen.TokenSampler sampler)"))
        {
            w.Code(CheckX(m));
            w.Line("Output output;");
            w.Line("global::System.Runtime.CompilerServices.Unsafe.SkipInit(out output);");
            w.Line("StepUnchecked(ref state, token, ref output);");
            w.Line("return sampler.Next(output.AsSpan());");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads <paramref name=\"prime\"/> from a&lt;0&gt; = 0, then picks one token after another into <paramref name=\"tokens\"/>,");
        w.Line("/// each fed back as the next input, until <paramref name=\"tokens\"/> is full or the stop token is picked (it is not");
        w.Line("/// written). The same options (seed included) give the same tokens. Allocates nothing.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"prime\">The tokens to start from: at least one (for example the vocabulary's &lt;EOS&gt;).</param>");
        w.Line("/// <param name=\"tokens\">Where the generated tokens go; its length is the most that are generated.</param>");
        w.Line("/// <param name=\"options\">Temperature, top-k, stop token, excluded token and seed.</param>");
        w.Line("/// <returns>How many tokens were written.</returns>");
        w.Line("public int Generate(");
        using (w.Block("    global::System.ReadOnlySpan<int> prime, global::System.Span<int> tokens, global::RnnGen.GenerationOptions options)"))
        {
            w.Line("Generation generation = Generate(prime, options);");
            w.Line("int count = 0;");
            w.Line("while (count < tokens.Length && generation.MoveNext()) tokens[count++] = generation.Current;");
            w.Line("return count;");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads <paramref name=\"prime\"/> from a&lt;0&gt; = 0 and returns the generation that follows it, one token per");
        w.Line("/// MoveNext (or foreach), each fed back as the next input, until the stop token is picked; without a stop token");
        w.Line("/// it never ends: stop reading when you have enough. Allocates nothing.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"prime\">The tokens to start from: at least one.</param>");
        w.Line("/// <param name=\"options\">Temperature, top-k, stop token, excluded token and seed.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"prime\"/> is empty.</exception>");
        using (w.Block("public Generation Generate(global::System.ReadOnlySpan<int> prime, global::RnnGen.GenerationOptions options)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
            using (w.Block("foreach (int token in prime)"))
            {
                w.Code($"if ((uint)token >= (uint)InputSize) {impl}.ThrowTokenOutOfRange(token, nameof(prime));");
            }
            w.Code($"if (prime.Length == 0) {impl}.ThrowEmptySequence(nameof(prime));");
            w.Code($"if (options.StopToken >= InputSize) {impl}.ThrowTokenOutOfRange(options.StopToken, nameof(options));");
            w.Code($"if (options.ExcludedToken >= InputSize) {impl}.ThrowTokenOutOfRange(options.ExcludedToken, nameof(options));");
            w.Line("var generation = new Generation(this, options);");
            w.Line("foreach (int token in prime) StepUnchecked(ref generation.State, token, ref generation.Output);");
            w.Line("return generation;");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// A generation in progress: the state, the last ŷ and the sampler. <see cref=\"MoveNext\"/> picks the next token");
        w.Line("/// and, on the call after, feeds it back. A value: copy it to fork the generation. Allocates nothing.");
        w.Line("/// </summary>");
        using (w.Block("public struct Generation"))
        {
            w.Line($"private readonly {m.Name} _model;");
            w.Line("private readonly int _stop;");
            w.Line("private global::RnnGen.TokenSampler _sampler;");
            w.Line("private bool _picked;");
            w.Line("internal Hidden State;");
            w.Line("internal Output Output;");
            w.Line();
            using (w.Block($"internal Generation({m.Name} model, global::RnnGen.GenerationOptions options)"))
            {
                w.Line("_model = model;");
                w.Line("_stop = options.StopToken;");
                w.Line("_sampler = new global::RnnGen.TokenSampler(options);");
                w.Line("_picked = false;");
                w.Line("State = default;");
                w.Line("Output = default;");
                w.Line("Current = -1;");
            }
            w.Line();
            w.Line("/// <summary>The last token picked, or -1 before the first.</summary>");
            w.Line("public int Current { readonly get; private set; }");
            w.Line();
            w.Line("/// <summary>Feeds the last pick back (after the first call) and picks the next; false once the stop token is picked.</summary>");
            using (w.Block("public bool MoveNext()"))
            {
                w.Line("if (_picked && Current == _stop) return false;");
                w.Line("if (_picked) _model.StepUnchecked(ref State, Current, ref Output);");
                w.Line("Current = _sampler.Next(Output.AsSpan());");
                w.Line("_picked = true;");
                w.Line("return Current != _stop;");
            }
            w.Line();
            w.Line("/// <summary>Itself, so that foreach reads the tokens.</summary>");
            w.Line("public readonly Generation GetEnumerator() => this;");
        }
        w.Line();
    }
}
