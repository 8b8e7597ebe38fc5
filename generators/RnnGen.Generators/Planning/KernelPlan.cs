using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Planning;

/// <summary>A run of consecutive pieces of the state kept in registers through one pass over the columns.</summary>
internal sealed record Chunk(int First, int Count);

/// <summary>
/// One register's share of the state: rows <see cref="Offset"/> to <see cref="Offset"/> + lanes − 1 in a
/// vector of <see cref="Bits"/> bits. The state's main rows are pieces of the kernel's width; its tail
/// (<see cref="Lowering.StateRows"/>) is pieces as wide as it needs, narrower than the kernel's.
/// </summary>
internal sealed record Piece(int Offset, int Bits)
{
    public int Lanes => Bits / 32;

    public string Vector => "Vector" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// How one step program is laid onto SIMD registers for one vector width, decided at generation time
/// from the sizes (so the generated loops have constant bounds and no tails). Written by
/// <see cref="KernelPlanner"/>; the emitter follows it and prints it as the kernel's first comment.
/// </summary>
/// <param name="Bits">The vector width in bits: 512, 256 or 128.</param>
/// <param name="Lanes">Floats per vector.</param>
/// <param name="StateSize">a, before padding.</param>
/// <param name="Main">The state's rows in whole 16-float vectors (<see cref="Lowering.StateRows.Main"/>).</param>
/// <param name="Pieces">The state's rows as registers, first to last; they cover <c>Main + Tail</c> rows.</param>
/// <param name="Chunks">Groups of pieces, each kept in registers through one pass over the columns, first to last.</param>
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
/// <param name="HeadSize">The length of the vector the head reads: a, or 2a (both directions' rows) for a bidirectional model.</param>
/// <param name="HeadFromState">Whether the head reads the state of the last layer (else a row of the sequence buffer, from memory).</param>
/// <param name="StagedGates">
/// Whether a written-out chunk of a gated cell parks its sums in a stack buffer after the sweep and runs the gate
/// arithmetic one piece at a time from there: with every gate of every piece in registers and the activations'
/// constants on top, the JIT would spill inside the gate code.
/// </param>
/// <param name="ChunkMethods">
/// Whether each written-out chunk (and the loop of equal chunks) is a method of its own, marked NoInlining, that the
/// kernel calls: in one method the JIT hoists the activations' constants of one chunk's gate code and shares them
/// with the next chunk's, so they stay live through that chunk's column sweep and every one of its sums spills
/// (a load and a store per multiply-add); compiled alone, each chunk's sweep has all the registers.
/// </param>
internal sealed record KernelPlan(
    int Bits,
    int Lanes,
    int StateSize,
    int Main,
    EquatableArray<Piece> Pieces,
    EquatableArray<Chunk> Chunks,
    int LoopedChunks,
    bool TwoSets,
    int MaxChunk,
    int OutputSize,
    bool OutputsUnrolled,
    bool DotProductLooped,
    int HeadSize,
    bool HeadFromState,
    bool StagedGates = false,
    bool ChunkMethods = false)
{
    /// <summary>The number of registers the state takes.</summary>
    public int StateVectors => Pieces.Count;


    /// <summary>The vectors of the kernel's width a written-out dot product runs over: those that hold computed rows.</summary>
    public int HeadVectors => (Computed + Lanes - 1) / Lanes;

    /// <summary>The rows the pieces cover; the padded state's rows after them are never written and stay zero.</summary>
    public int Computed => Pieces.Count == 0 ? 0 : Pieces[Pieces.Count - 1].Offset + Pieces[Pieces.Count - 1].Lanes;

    /// <summary>Whether the whole new state is in registers at once, so the head reads it from there.</summary>
    public bool SingleChunk => Chunks.Count == 1;

    /// <summary>Whether the head reads the new state from the registers (one chunk, not staged), else from the state in memory.</summary>
    public bool HeadFromRegisters => SingleChunk && !StagedGates;
}
