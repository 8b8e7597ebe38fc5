using System.Collections.Generic;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Planning;

/// <summary>
/// Step 5 of the pipeline: a <see cref="StepProgram"/> → one <see cref="KernelPlan"/> per vector width.
/// Pure: the plan depends only on the sizes.
/// </summary>
internal static class KernelPlanner
{
    /// <summary>The vector widths a model gets kernels for, widest first (the order the dispatch tries them).</summary>
    public static readonly int[] Widths = { 512, 256, 128 };

    /// <summary>Beyond this many chunks, the chunks become a loop over equal chunks (plus the written-out last ones).</summary>
    public const int MaxUnrolledChunks = 8;

    /// <summary>Beyond this many state vectors, a dot product over the state is a loop.</summary>
    public const int MaxUnrolledDotVectors = 32;

    /// <summary>Up to this many outputs, each output's dot product is written out.</summary>
    public const int MaxUnrolledOutputs = 4;

    /// <summary>Independent multiply-adds needed to keep two FMA pipes with 4-cycle latency busy.</summary>
    private const int MinInFlight = 8;

    /// <summary>Registers the accumulators may use: 32 vector registers with AVX-512, 16 with AVX2, 16 assumed for 128-bit.</summary>
    private static int Registers(int bits) => bits == 512 ? 32 : 16;

    public static EquatableArray<KernelPlan> All(StepProgram program)
    {
        var plans = new List<KernelPlan>();
        foreach (int bits in Widths) plans.Add(For(bits, program));
        return plans.ToEquatableArray();
    }

    public static KernelPlan For(int bits, StepProgram program)
    {
        int stateSize = program.State.Size;
        int lanes = bits / 32;
        int vectors = SpecWords.Pad(stateSize) / lanes;
        int budget = Registers(bits) - 4; // leave room for the broadcast values and loaded columns
        int outputs = program.Output.Size;
        bool unrolledOutputs = outputs <= MaxUnrolledOutputs;
        bool dotLooped = vectors > MaxUnrolledDotVectors;

        if (vectors < MinInFlight && vectors * 2 <= budget && stateSize > 1)
        {
            return new KernelPlan(bits, lanes, stateSize, new[] { new Chunk(0, vectors) }.ToEquatableArray(), 0, TwoSets: true, budget,
                outputs, unrolledOutputs, dotLooped);
        }

        int chunkCount = (vectors + budget - 1) / budget;
        var chunks = new List<Chunk>();
        int looped = 0;
        if (chunkCount > MaxUnrolledChunks)
        {
            // Equal chunks in a loop, then the rest written out. The padding (if any) must be in a
            // written-out chunk, where each vector's place is known, so a loop never ends at the last vector.
            looped = vectors / budget;
            int rest = vectors % budget;
            if (rest == 0 && SpecWords.Pad(stateSize) > stateSize)
            {
                looped--;
                rest = budget;
            }
            for (int c = 0; c < looped; c++) chunks.Add(new Chunk(c * budget, budget));
            if (rest > 0) chunks.Add(new Chunk(looped * budget, rest));
        }
        else
        {
            int first = 0;
            for (int c = 0; c < chunkCount; c++)
            {
                // Balanced chunks: 14 vectors with a budget of 12 become 7 + 7, not 12 + 2.
                int count = (vectors - first) / (chunkCount - c);
                chunks.Add(new Chunk(first, count));
                first += count;
            }
        }
        return new KernelPlan(bits, lanes, stateSize, chunks.ToEquatableArray(), looped, TwoSets: false, budget,
            outputs, unrolledOutputs, dotLooped);
    }
}
