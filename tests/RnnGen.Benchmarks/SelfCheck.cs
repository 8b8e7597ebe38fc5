using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnGen.Models;

namespace RnnGen.Benchmarks;

/// <summary>
/// Before anything is measured: every implementation must compute the generated code's numbers,
/// ŷ&lt;1&gt; … ŷ&lt;7&gt; and (where it is visible) a&lt;7&gt;, to within 1e-4, or the run stops.
/// </summary>
public static class SelfCheck
{
    public const double Tolerance = 1e-4;

    public static void Run(bool verbose)
    {
        int[] tokens = Sentence.Tokens();
        Weights w = Sentence.Weights();
        if (verbose)
        {
            Console.WriteLine($"Sentence \"{Sentence.Text}\" -> tokens [{string.Join(", ", tokens)}]");
            Console.WriteLine($"Vector512.IsHardwareAccelerated = {Vector512.IsHardwareAccelerated}, Vector256 = {Vector256.IsHardwareAccelerated}, Vector<float>.Count = {System.Numerics.Vector<float>.Count}");
        }
        if (tokens.Length != 7) throw new InvalidOperationException($"Expected 7 tokens, got {tokens.Length}.");
        // "Li" is <UNK> (the vocabulary is the Brown training split's 9,999 most frequent words): a row like any other.

        // Generated Forward is the yardstick.
        NameTagger model = w.Generated();
        var forward = new NameTagger.Output[tokens.Length];
        model.Forward(tokens, forward);

        // Generated Step, streaming.
        NameTagger.Hidden state = default;
        var step = new float[tokens.Length];
        for (int t = 0; t < tokens.Length; t++)
        {
            model.Step(ref state, tokens[t], out NameTagger.Output o);
            step[t] = o.Person;
        }
        float[] hGenerated = state.ToArray();

        // Expert SIMD loop.
        ExpertRnn expert = w.Expert();
        (float[] hx, int hxOff) = ExpertRnn.Aligned(ExpertRnn.S);
        var expertY = new float[tokens.Length];
        for (int t = 0; t < tokens.Length; t++) expertY[t] = expert.Step(ref hx[hxOff], tokens[t]);
        float[] hExpert = hx.AsSpan(hxOff, ExpertRnn.A).ToArray();

        // Scalar loop.
        ScalarRnn scalar = w.Scalar();
        var hs = new float[ScalarRnn.A];
        var scalarY = new float[tokens.Length];
        for (int t = 0; t < tokens.Length; t++) scalarY[t] = scalar.Step(hs, tokens[t]);

        // MathNet reference (double precision).
        double[][] reference = w.Reference().ForwardOneHot(tokens);

        double worst = 0;
        void Compare(string what, int index, double expected, double actual)
        {
            double d = Math.Abs(expected - actual);
            worst = Math.Max(worst, d);
            if (!(d <= Tolerance))
            {
                throw new InvalidOperationException($"Self-check failed: {what}[{index}] = {actual:R}, generated Forward gives {expected:R} (|diff| = {d:E2} > {Tolerance:E0}).");
            }
        }

        for (int t = 0; t < tokens.Length; t++)
        {
            double y = forward[t].Person;
            Compare("generated Step ŷ", t, y, step[t]);
            Compare("expert ŷ", t, y, expertY[t]);
            Compare("scalar ŷ", t, y, scalarY[t]);
            Compare("MathNet reference ŷ", t, y, reference[t][0]);
        }
        for (int i = 0; i < NameTagger.HiddenSize; i++)
        {
            Compare("expert a<7>", i, hGenerated[i], hExpert[i]);
            Compare("scalar a<7>", i, hGenerated[i], hs[i]);
        }
        if (verbose)
        {
            Console.WriteLine($"Self-check passed: ŷ<1..7> = [{string.Join(", ", Array.ConvertAll(forward, o => o.Person.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)))}], " +
                              $"largest |diff| vs generated Forward = {worst:E2} (tolerance {Tolerance:E0}).");
        }
    }

    /// <summary>
    /// Every cell baseline (GRU and LSTM, H = 16, 32, 64, 128, dense 16 and one-hot 10,000): the expert kernel against
    /// the generated model on the same weights and sequence; see <see cref="Compare(CellCase)"/>.
    /// </summary>
    public static void Cells(bool verbose)
    {
        double worst = 0;
        int count = 0;
        foreach (string cell in CellCase.Cells)
            foreach (int hidden in CellCase.Sizes)
                foreach (CellInput input in CellCase.Inputs)
                {
                    worst = Math.Max(worst, Compare(CellCase.Create(cell, hidden, input)));
                    count++;
                }
        if (verbose)
        {
            Console.WriteLine($"Cell self-check passed: {count} expert GRU/LSTM kernels match the generated models " +
                              $"(ŷ<1..7>, h<7>, c<7>), largest |diff| = {worst:E2} (tolerance {Tolerance:E0}).");
        }
    }

    /// <summary>
    /// One cell baseline: ŷ&lt;1..7&gt;, h&lt;7&gt; and (LSTM) c&lt;7&gt; of the expert kernel must be within <see cref="Tolerance"/>
    /// of the generated model's, or this throws; the benchmarks call it in their setup on the instances they time.
    /// Returns the largest difference.
    /// </summary>
    internal static double Compare(CellCase cellCase)
    {
        CellTrace generated = cellCase.TraceGenerated();
        CellTrace expert = cellCase.TraceExpert();
        string name = cellCase.Info.Name;
        double worst = 0;
        void Each(string what, float[]? expected, float[]? actual)
        {
            if (expected is null && actual is null) return;
            if (expected is null || actual is null || expected.Length != actual.Length)
            {
                throw new InvalidOperationException($"Self-check failed: {name} {what}: the expert and generated lengths differ.");
            }
            for (int i = 0; i < expected.Length; i++)
            {
                double d = Math.Abs((double)expected[i] - actual[i]);
                worst = Math.Max(worst, d);
                if (!(d <= Tolerance))
                {
                    throw new InvalidOperationException($"Self-check failed: {name} expert {what}[{i}] = {actual[i]:R}, the generated model gives {expected[i]:R} (|diff| = {d:E2} > {Tolerance:E0}).");
                }
            }
        }
        Each("ŷ", generated.Y, expert.Y);
        Each("h<7>", generated.H, expert.H);
        Each("c<7>", generated.C, expert.C);
        return worst;
    }
}
