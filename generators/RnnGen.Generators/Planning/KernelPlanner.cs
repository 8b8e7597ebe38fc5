using System.Collections.Generic;
using System.Linq;
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

    /// <summary>
    /// From this many sums in a written-out chunk of a gated cell, the gates run staged: half the registers (16 at 512 bits,
    /// 4 pieces of an LSTM or a GRU; 8 with the 16 registers of AVX2, 2 pieces), since the gate arithmetic's constants need
    /// about as many registers again as the sums, and beyond that the JIT spills inside it.
    /// </summary>
    public static int StagedMinimum(int bits) => Registers(bits) / 2;

    /// <summary>
    /// The most rows one chunk of a gated cell (4 sums a piece) holds at <paramref name="bits"/>: beyond them its state takes
    /// several chunks (112 at 512 bits).
    /// </summary>
    public static int GatedChunkRows(int bits) => (Registers(bits) - 4) / 4 * (bits / 32);

    public static EquatableArray<KernelPlan> All(StepProgram program)
    {
        var plans = new List<KernelPlan>();
        foreach (int bits in Widths) plans.Add(For(bits, program));
        return plans.ToEquatableArray();
    }

    /// <summary>Whether a chunk of this many pieces runs its gates staged (see <see cref="KernelPlan.StagedGates"/>).</summary>
    public static bool Stages(KernelPlan plan, StepProgram program, int pieces) =>
        plan.StagedGates && pieces * program.SumsPerPiece >= StagedMinimum(plan.Bits);

    public static KernelPlan For(int bits, StepProgram program)
    {
        KernelPlan plan = Registers(bits, program);
        int perPiece = program.SumsPerPiece;
        bool staged = perPiece > 1 && plan.Chunks.Skip(plan.LoopedChunks).Any(c => c.Count * perPiece >= StagedMinimum(bits));
        // A gated cell's gate code needs more constants than registers are left beside the next chunk's sums.
        bool methods = perPiece > 1 && !plan.SingleChunk;
        return plan with { StagedGates = staged, ChunkMethods = methods };
    }

    private static KernelPlan Registers(int bits, StepProgram program)
    {
        int stateSize = program.State.Size;
        int lanes = bits / 32;
        EquatableArray<Piece> pieces = Pieces(bits, program.Rows);
        int vectors = pieces.Count;
        // Every piece of the state needs one register per sum the cell keeps (1 for Elman, 4 for a GRU or an LSTM);
        // leave room for the broadcast values and loaded columns.
        int perPiece = program.SumsPerPiece;
        int registers = Registers(bits) - 4;
        // An Elman sweep needs one broadcast beside its sums (its column loads are memory operands), so with 16 registers
        // it may keep 14 sums: a = 100 at 256 bits (13 vectors) in one pass over a<t-1>, as an expert writes it, not two.
        // (Measured with AVX2 only; the 512-bit budget stays as it was.)
        int sums = perPiece == 1 && Registers(bits) == 16 ? Registers(bits) - 2 : registers;
        int budget = System.Math.Max(1, sums / perPiece);
        // A 256-bit piece is half a cache line of each gate's column: when a gated cell's state takes several chunks, a
        // chunk of 3 pieces (its register budget) would share a line with the next chunk, and both would read it from L2
        // in every step. 2 pieces are whole lines. A state that fits one chunk stays one chunk.
        if (bits == 256 && perPiece > 1 && vectors > budget) budget = System.Math.Min(budget, 2);
        // A tiled gate table (Lowerer.TileRows) needs each chunk in a loop, whose rows are not constants, to start at a tile:
        // at 128 bits a chunk is then one tile of 4 pieces, as at 256 bits 2 (and at 512 bits every piece is a tile).
        if (bits == 128 && perPiece > 1 && Lowerer.TileRows(program.Rows) > 0) budget = Lowerer.GateTileRows / lanes;
        int outputs = program.Output.Size;
        bool unrolledOutputs = outputs <= MaxUnrolledOutputs;
        Lowering.ProjectOp head = program.Head.OfType<Lowering.ProjectOp>().Single();
        int headSize = program.Buffer(head.Vector).Size;
        bool headFromState = program.Buffer(head.Vector).Kind == Lowering.BufferKind.State;
        bool dotLooped = SpecWords.Pad(headSize) / lanes > MaxUnrolledDotVectors;
        int main = program.Rows.Main;

        if (vectors * perPiece < MinInFlight && vectors * perPiece * 2 <= registers && stateSize > 1)
        {
            return new KernelPlan(bits, lanes, stateSize, main, pieces, new[] { new Chunk(0, vectors) }.ToEquatableArray(), 0, TwoSets: true, budget,
                outputs, unrolledOutputs, dotLooped, headSize, headFromState);
        }

        int chunkCount = (vectors + budget - 1) / budget;
        var chunks = new List<Chunk>();
        int looped = 0;
        if (chunkCount > MaxUnrolledChunks)
        {
            // Equal chunks of whole vectors in a loop, then the rest written out. The tail and the padding
            // (if any) must be in a written-out chunk, where each piece's place and width are known.
            int wholeVectors = main / lanes;
            looped = wholeVectors / budget;
            int rest = vectors - looped * budget;
            if (rest == 0 && SpecWords.Pad(stateSize) > stateSize)
            {
                looped--;
                rest = budget;
            }
            for (int c = 0; c < looped; c++) chunks.Add(new Chunk(c * budget, budget));
            Balanced(chunks, looped * budget, rest, budget);
        }
        else
        {
            Balanced(chunks, 0, vectors, budget);
        }
        return new KernelPlan(bits, lanes, stateSize, main, pieces, chunks.ToEquatableArray(), looped, TwoSets: false, budget,
            outputs, unrolledOutputs, dotLooped, headSize, headFromState);
    }

    /// <summary>Pieces first to first + count − 1 as the fewest chunks of at most budget, balanced: 14 with a budget of 12 are 7 + 7, not 12 + 2.</summary>
    private static void Balanced(List<Chunk> chunks, int first, int count, int budget)
    {
        int chunkCount = (count + budget - 1) / budget;
        int end = first + count;
        for (int c = 0; c < chunkCount; c++)
        {
            int size = (end - first) / (chunkCount - c);
            chunks.Add(new Chunk(first, size));
            first += size;
        }
    }

    /// <summary>The main rows in vectors of the kernel's width, then the tail in the widest vectors that fit it.</summary>
    private static EquatableArray<Piece> Pieces(int bits, Lowering.StateRows rows)
    {
        int lanes = bits / 32;
        var pieces = new List<Piece>();
        for (int offset = 0; offset < rows.Main; offset += lanes) pieces.Add(new Piece(offset, bits));
        int at = rows.Main;
        int left = rows.Tail;
        while (left > 0)
        {
            int width = bits;
            while (width / 32 > left) width /= 2;
            pieces.Add(new Piece(at, width));
            at += width / 32;
            left -= width / 32;
        }
        return pieces.ToEquatableArray();
    }
}
