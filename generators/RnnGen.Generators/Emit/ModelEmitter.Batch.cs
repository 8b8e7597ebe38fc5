using RnnGen.Generators.Model;

namespace RnnGen.Generators.Emit;

/// <summary>The public ForwardBatch overloads: argument checks, then the batch kernel (<see cref="BatchEmitter"/>).</summary>
internal static partial class ModelEmitter
{
    private static void BatchSteps(SourceWriter w, ModelSpec m)
    {
        bool oneHot = m.Input.OneHot;
        string impl = Impl(m);
        (string seqType, string seqName, string count, _) = Sequence(m);
        string seqDoc = oneHot
            ? "<param name=\"tokens\">Every sequence's x&lt;1&gt; … x&lt;T&gt; as token indices, one sequence after another.</param>"
            : "<param name=\"inputs\">Every sequence's x&lt;1&gt; … x&lt;T&gt;, one sequence after another: InputSize values a step.</param>";
        string span = "global::System.ReadOnlySpan<int> lengths, global::System.Span<Output> outputs";

        w.Line("/// <summary>");
        w.Line("/// Runs a batch of independent sequences, each from the zero state, and writes each one's outputs where");
        if (m.Classifier)
        {
            w.Line("/// a loop of <see cref=\"Step\"/> would (a classifier's answer for a sequence is its last row): sequence i's");
        }
        else
        {
            w.Line("/// <see cref=\"Forward(" + (oneHot ? "global::System.ReadOnlySpan{int}" : "global::System.ReadOnlySpan{float}") +
                ", global::System.Span{Output})\"/> would: sequence i's");
        }
        w.Line("/// ŷ&lt;1&gt; … ŷ&lt;T_i&gt; go to outputs[s_i …], where s_i is the sum of the lengths before it. The sequences run in");
        w.Line("/// lock-step, up to 64 at once, longest first: at each step the recurrent product of all the running ones is");
        w.Line("/// one matrix-matrix product, which loads each weight once for several sequences; sequences that have ended");
        w.Line("/// are masked (not computed). Results equal separate Forward calls to within float rounding (the sums run in");
        w.Line("/// another order), and a sequence's outputs do not depend on the other sequences of the batch.");
        w.Line("/// Allocates nothing once the shared array pool holds its buffers. Every argument is checked before any step runs.");
        w.Line("/// </summary>");
        w.Line($"/// {seqDoc}");
        w.Line("/// <param name=\"lengths\">Each sequence's number of steps (0 or more).</param>");
        w.Line("/// <param name=\"outputs\">At least as many values as all the sequences have steps.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">");
        w.Line("/// A length is negative, the lengths do not add up to the inputs, the outputs are too short, or an input is invalid.");
        w.Line("/// </exception>");
        w.Line($"public void ForwardBatch({seqType},");
        using (w.Block($"    {span})"))
        {
            w.Line($"ForwardBatchWithVectors(0, {seqName}, lengths, outputs);");
        }
        w.Line();
        w.Line("/// <summary>ForwardBatch with the vectors of one width (512, 256 or 128 bits; 0: the widest accelerated), for tests.</summary>");
        w.Line($"internal void ForwardBatchWithVectors(int bits, {seqType},");
        using (w.Block($"    {span})"))
        {
            CheckSequence(w, m);
            w.Line($"global::RnnGen.BatchMath.Steps(lengths, {count}, outputs.Length, nameof({seqName}));");
            w.Line($"{impl}.ForwardBatch(bits, this, {seqName}, lengths, outputs);");
        }
        w.Line();

        string element = oneHot ? "int" : "float";
        w.Line("/// <summary>");
        w.Line("/// Runs a batch of sequences (see the span overload) and returns each one's outputs in a new array");
        w.Line("/// (allocates the packed inputs and the results).");
        w.Line("/// </summary>");
        w.Line(oneHot
            ? "/// <param name=\"sequences\">Each sequence's token indices.</param>"
            : "/// <param name=\"sequences\">Each sequence's inputs, InputSize values a step.</param>");
        w.Line("/// <returns>One array per sequence, one output per step.</returns>");
        using (w.Block($"public Output[][] ForwardBatch(global::System.Collections.Generic.IReadOnlyList<{element}[]> sequences)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(sequences);");
            w.Line("var lengths = new int[sequences.Count];");
            w.Line("long total = 0;");
            using (w.Block("for (int i = 0; i < lengths.Length; i++)"))
            {
                w.Line($"{element}[] sequence = sequences[i]");
                w.Line("    ?? throw new global::System.ArgumentException($\"sequences[{i}] is null.\", nameof(sequences));");
                if (!oneHot)
                {
                    w.Line($"if (sequence.Length % InputSize != 0)");
                    w.Line($"    {impl}.ThrowInputLength(sequence.Length, nameof(sequences));");
                }
                w.Line(oneHot ? "lengths[i] = sequence.Length;" : "lengths[i] = sequence.Length / InputSize;");
                w.Line("total += sequence.Length;");
            }
            w.Line($"var packed = new {element}[total];");
            w.Line("int at = 0;");
            using (w.Block($"foreach ({element}[] sequence in sequences)"))
            {
                w.Line("sequence.CopyTo(packed, at);");
                w.Line("at += sequence.Length;");
            }
            w.Line(oneHot ? "var outputs = new Output[total];" : "var outputs = new Output[total / InputSize];");
            w.Line("ForwardBatch(packed, lengths, outputs);");
            w.Line("var results = new Output[lengths.Length][];");
            w.Line("int start = 0;");
            using (w.Block("for (int i = 0; i < lengths.Length; i++)"))
            {
                w.Line("results[i] = global::System.MemoryExtensions.AsSpan(outputs, start, lengths[i]).ToArray();");
                w.Line("start += lengths[i];");
            }
            w.Line("return results;");
        }
        w.Line();
    }
}
