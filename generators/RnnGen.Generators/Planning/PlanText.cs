using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Planning;

/// <summary>A kernel plan in words: the kernel's first comment and a line of the printed step program.</summary>
internal static class PlanText
{
    public static IReadOnlyList<string> Describe(KernelPlan p, bool includeHead = true)
    {
        int padded = SpecWords.Pad(p.StateSize);
        var lines = new List<string>();
        string state = padded == p.StateSize ? $"a = {Grouped(p.StateSize)}" : $"a = {Grouped(p.StateSize)} (stored padded to {Grouped(padded)})";
        lines.Add($"{Int(p.Bits)}-bit vectors of {Int(p.Lanes)} floats; {state}: {Registers(p)}.");
        if (p.SingleChunk)
        {
            lines.Add(p.TwoSets
                ? $"One chunk in registers, two register sets (even and odd columns): {Int(2 * p.StateVectors)} sums in flight."
                : $"One chunk of {Count(p.StateVectors, "register")}.");
        }
        else if (p.LoopedChunks > 0)
        {
            string rest = string.Join(" + ", p.Chunks.Skip(p.LoopedChunks).Select(c => Int(c.Count)));
            lines.Add($"{Int(p.LoopedChunks)} chunks of {Count(p.MaxChunk, "register")} in a loop, then {(rest.Length == 0 ? "none" : rest)} written out;"
                + " a<t> goes to a buffer first.");
        }
        else
        {
            string sizes = string.Join(" + ", p.Chunks.Select(c => Int(c.Count)));
            lines.Add($"{Int(p.Chunks.Count)} chunks ({sizes} registers), one after another; a<t> goes to a buffer first.");
        }
        if (p.ChunkMethods)
        {
            lines.Add("Each chunk is a method of its own (not inlined), so that no chunk's constants stay live through another's sweep.");
        }
        if (p.StagedGates)
        {
            lines.Add("The gates run staged: after the sweep the sums wait in a stack buffer, and the gate arithmetic loops over the pieces.");
        }
        if (p.Computed > p.StateSize)
        {
            lines.Add($"Padding: lanes {Int(p.StateSize)} to {Int(p.Computed - 1)} of the last register masked to zero.");
        }
        if (padded > p.Computed)
        {
            lines.Add($"Rows {Int(p.Computed)} to {Int(padded - 1)} are never computed and stay zero.");
        }
        if (!includeHead) return lines;
        string outputs = p.OutputsUnrolled ? $"{Count(p.OutputSize, "output")} written out" : $"{Count(p.OutputSize, "output")} in a loop";
        int vectors = p.HeadFromState ? p.HeadVectors : (p.HeadSize + p.Lanes - 1) / p.Lanes;
        string dot = p.DotProductLooped ? "a loop over its input, two vectors a turn" : $"over {Count(vectors, "vector")} written out";
        string from = !p.HeadFromState ? $"read from a row of both directions' states ({Grouped(p.HeadSize)} floats)"
            : p.HeadFromRegisters ? "read from the registers" : "read from the state";
        lines.Add($"Head: {outputs}; each dot product {dot}, {from}.");
        return lines;
    }

    /// <summary>"7 vectors" or "6 vectors + a 128-bit tail".</summary>
    private static string Registers(KernelPlan p)
    {
        int whole = p.Pieces.Count(x => x.Bits == p.Bits);
        var tail = p.Pieces.Where(x => x.Bits != p.Bits).Select(x => Int(x.Bits)).ToList();
        string main = Count(whole, "vector");
        return tail.Count == 0 ? main : $"{main} + a {string.Join(" + ", tail)}-bit tail (rows {Int(p.Main)} on)";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{Grouped(n)} {noun}s";
}
