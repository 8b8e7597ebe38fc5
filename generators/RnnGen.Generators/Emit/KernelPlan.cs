using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Generators.Emit;

/// <summary>
/// How one step's matrix-vector products are laid onto SIMD registers for one vector width,
/// decided at generation time from the model's sizes (so the generated loops have constant
/// bounds and no tails).
/// </summary>
/// <param name="Bits">The vector width in bits: 512, 256 or 128.</param>
/// <param name="Lanes">Floats per vector.</param>
/// <param name="Chunks">Groups of hidden-state vectors, each kept in registers through one pass over the columns.</param>
/// <param name="TwoSets">Whether even and odd columns accumulate into separate registers (more multiply-adds in flight).</param>
/// <param name="MaxChunk">The most vectors one chunk may keep in registers.</param>
internal sealed record KernelPlan(int Bits, int Lanes, IReadOnlyList<(int First, int Count)> Chunks, bool TwoSets, int MaxChunk)
{
    /// <summary>
    /// Beyond this many chunks, the chunks become a loop over equal chunks (plus one static
    /// remainder): fully unrolled, a very wide model's kernel would grow past the size the JIT
    /// optimises at all.
    /// </summary>
    public const int MaxUnrolledChunks = 8;

    /// <summary>Whether the chunks are emitted as a loop rather than one after another.</summary>
    public bool LoopedChunks => Chunks.Count > MaxUnrolledChunks;

    /// <summary>The number of vectors in a padded hidden state.</summary>
    public int Vectors => Chunks.Sum(c => c.Count);

    /// <summary>The rows of a and the outputs are padded to a multiple of this, the widest vector.</summary>
    public const int Padding = 16;

    /// <summary>Registers the accumulators may use: 32 vector registers with AVX-512, 16 with AVX2, 16 assumed for 128-bit.</summary>
    private static int Registers(int bits) => bits == 512 ? 32 : 16;

    /// <summary>Independent multiply-adds needed to keep two FMA pipes with 4-cycle latency busy.</summary>
    private const int MinInFlight = 8;

    public string Vector => "global::System.Runtime.Intrinsics.Vector" + Bits;

    public bool SingleChunk => Chunks.Count == 1;

    public static int Pad(int size) => (size + Padding - 1) / Padding * Padding;

    public static KernelPlan For(int bits, int hiddenSize)
    {
        int lanes = bits / 32;
        int vectors = Pad(hiddenSize) / lanes;
        int budget = Registers(bits) - 4; // leave room for the broadcast values and loaded columns
        if (vectors < MinInFlight && vectors * 2 <= budget && hiddenSize > 1)
        {
            return new KernelPlan(bits, lanes, new[] { (0, vectors) }, TwoSets: true, budget);
        }
        int chunkCount = (vectors + budget - 1) / budget;
        var chunks = new List<(int, int)>();
        int first = 0;
        for (int c = 0; c < chunkCount; c++)
        {
            // Balanced chunks: 14 vectors with a budget of 12 become 7 + 7, not 12 + 2.
            int count = (vectors - first) / (chunkCount - c);
            chunks.Add((first, count));
            first += count;
        }
        return new KernelPlan(bits, lanes, chunks, TwoSets: false, budget);
    }

    public static IReadOnlyList<KernelPlan> All(int hiddenSize) =>
        new[] { For(512, hiddenSize), For(256, hiddenSize), For(128, hiddenSize) };
}
