using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Planning;

/// <summary>A kernel plan in words: the kernel's first comment and a line of the printed step program.</summary>
internal static class PlanText
{
    public static IReadOnlyList<string> Describe(KernelPlan p)
    {
        int padded = SpecWords.Pad(p.StateSize);
        var lines = new List<string>();
        string state = padded == p.StateSize ? $"a = {Grouped(p.StateSize)}" : $"a = {Grouped(p.StateSize)} padded to {Grouped(padded)}";
        lines.Add($"{p.Bits}-bit vectors of {Int(p.Lanes)} floats; {state}: {Vectors(p.StateVectors)}.");
        if (p.SingleChunk)
        {
            lines.Add(p.TwoSets
                ? $"One chunk in registers, two register sets (even and odd columns): {Int(2 * p.StateVectors)} sums in flight."
                : $"One chunk of {Vectors(p.StateVectors)} in registers.");
        }
        else
        {
            if (p.LoopedChunks > 0)
            {
                string rest = string.Join(" + ", p.Chunks.Skip(p.LoopedChunks).Select(c => Int(c.Count)));
                lines.Add($"{Int(p.LoopedChunks)} chunks of {Vectors(p.MaxChunk)} in a loop, then {(rest.Length == 0 ? "none" : rest)} written out;"
                    + " a<t> goes to a buffer first.");
            }
            else
            {
                string sizes = string.Join(" + ", p.Chunks.Select(c => Int(c.Count)));
                lines.Add($"{Int(p.Chunks.Count)} chunks ({sizes} vectors), one after another; a<t> goes to a buffer first.");
            }
        }
        if (padded > p.StateSize)
        {
            int partial = p.StateSize / p.Lanes;
            int firstEmpty = (p.StateSize + p.Lanes - 1) / p.Lanes;
            string masked = p.StateSize % p.Lanes == 0 ? "" : $"vector {Int(partial)} masked to its first {Int(p.StateSize % p.Lanes)} lanes";
            string zeroed = firstEmpty < p.StateVectors
                ? (firstEmpty == p.StateVectors - 1 ? $"vector {Int(firstEmpty)} set to zero" : $"vectors {Int(firstEmpty)} to {Int(p.StateVectors - 1)} set to zero")
                : "";
            lines.Add($"Padding: lanes {Int(p.StateSize)} to {Int(padded - 1)} kept at zero ({string.Join(", ", new[] { masked, zeroed }.Where(s => s.Length > 0))}).");
        }
        string outputs = p.OutputsUnrolled ? $"{Outputs(p.OutputSize)} written out" : $"{Outputs(p.OutputSize)} in a loop";
        string dot = p.DotProductLooped ? "a loop over the state, two vectors a turn" : $"over {Vectors(p.StateVectors)} written out";
        string from = p.SingleChunk ? "read from the registers" : "read from the state";
        lines.Add($"Head: {outputs}; each dot product {dot}, {from}.");
        return lines;
    }

    private static string Vectors(int n) => n == 1 ? "1 vector" : $"{Int(n)} vectors";

    private static string Outputs(int n) => n == 1 ? "1 output" : $"{Grouped(n)} outputs";
}
