using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Planning;

/// <summary>A run of consecutive state vectors kept in registers through one pass over the columns.</summary>
internal sealed record Chunk(int First, int Count);

/// <summary>
/// How one step program is laid onto SIMD registers for one vector width, decided at generation time
/// from the sizes (so the generated loops have constant bounds and no tails). Written by
/// <see cref="KernelPlanner"/>; the emitter follows it and prints it as the kernel's first comment.
/// </summary>
/// <param name="Bits">The vector width in bits: 512, 256 or 128.</param>
/// <param name="Lanes">Floats per vector.</param>
/// <param name="StateSize">a, before padding.</param>
/// <param name="Chunks">Groups of state vectors, each kept in registers through one pass over the columns, first to last.</param>
/// <param name="LoopedChunks">
/// How many leading chunks (all of <see cref="MaxChunk"/> vectors) run as a loop rather than one after
/// another: fully unrolled, a very wide model's kernel would grow past the size the JIT optimises. The
/// chunks after them, which hold any padding, are written out.
/// </param>
/// <param name="TwoSets">Whether even and odd columns accumulate into separate registers (more multiply-adds in flight).</param>
/// <param name="MaxChunk">The most vectors one chunk may keep in registers.</param>
/// <param name="OutputSize">y.</param>
/// <param name="OutputsUnrolled">Whether each output's dot product is written out (few outputs) rather than looped over.</param>
/// <param name="DotProductLooped">Whether a dot product over the state is a loop (a wide state) rather than written out.</param>
internal sealed record KernelPlan(
    int Bits,
    int Lanes,
    int StateSize,
    EquatableArray<Chunk> Chunks,
    int LoopedChunks,
    bool TwoSets,
    int MaxChunk,
    int OutputSize,
    bool OutputsUnrolled,
    bool DotProductLooped)
{
    /// <summary>The number of vectors in a padded state.</summary>
    public int StateVectors => Chunks.Sum(c => c.Count);

    /// <summary>Whether the whole new state is in registers at once, so the head reads it from there.</summary>
    public bool SingleChunk => Chunks.Count == 1;
}
