using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Lowering;
using RnnGen.Generators.Model;
using RnnGen.Generators.Planning;
using RnnGen.Tests.Snapshots;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// How a gated cell's weights lie in memory and how its kernels are cut into chunks: a state one 512-bit chunk holds has
/// gate tables whose column stride is an odd number of 64-byte lines (a power-of-two stride put an LSTM at a = 128 into 2
/// of the L1's 64 sets), the padding packs as zeros and its gradient adjoint ignores it; a larger state's tables come in
/// tiles of 16 rows, each one contiguous stream, and every chunk a kernel runs in a loop starts at a tile; with AVX2 a
/// state that needs several chunks gets chunks of whole cache lines (2 pieces) with staged gates.
/// </summary>
public sealed class GateTableLayoutTests
{
    private static ModelSpec Model(string cell, int hidden, int input) =>
        StepProgramSnapshotTests.Models(new[]
        {
            ("m.rnn.json", $$"""
                { "name": "M", "a": { "size": {{hidden}}, "cell": "{{cell}}"{{(cell == "rnn" ? ", \"activation\": \"tanh\"" : "")}} }, "x": { "encoding": "dense", "size": {{input}} },
                  "y": { "size": 1, "activation": "sigmoid" }, "weights": "m.safetensors" }
                """),
        }).Single();

    public static IEnumerable<object[]> Cells() =>
        from cell in new[] { "gru", "lstm" }
        from hidden in new[] { 16, 20, 32, 64, 100, 128, 256 }
        select new object[] { cell, hidden };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_gate_table_has_an_odd_number_of_lines_a_column_or_tiles_of_16_rows_past_one_512_bit_chunk(string cell, int hidden)
    {
        StepProgram program = Lowerer.Lower(Model(cell, hidden, 16));
        PackedTensor[] tables = program.Packed.Where(p => p.Layout == PackLayout.GateColumns && p.GateBlock % 16 == 0).ToArray();
        Assert.NotEmpty(tables);
        bool tiled = program.Rows.Main > KernelPlanner.GatedChunkRows(512);
        foreach (PackedTensor t in tables)
        {
            if (tiled)
            {
                // A tile's columns one after another with nothing between: one stream, and no line of it left unread.
                Assert.Equal(16, t.TileRows);
                Assert.Equal(t.Gates * 16, t.Stride);
                Assert.Equal(program.Rows.Main / 16, t.Tiles);
                continue;
            }
            Assert.Equal(0, t.TileRows);
            Assert.True(t.Stride % 16 == 0 && t.Stride / 16 % 2 == 1, $"{t.Name}: a column of {t.Stride} floats is an even number of lines.");
            Assert.True(t.Gates * t.GateBlock <= t.Stride && t.Stride - t.Gates * t.GateBlock <= 16, $"{t.Name}: {t.Gates} × {t.GateBlock} in {t.Stride}.");
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void With_a_tiled_gate_table_every_chunk_in_a_loop_starts_at_a_tile(string cell, int hidden)
    {
        StepProgram program = Lowerer.Lower(Model(cell, hidden, 16));
        if (Lowerer.TileRows(program.Rows) == 0) return;
        foreach (int bits in KernelPlanner.Widths)
        {
            KernelPlan plan = KernelPlanner.For(bits, program);
            for (int c = 0; c < plan.LoopedChunks; c++)
            {
                Assert.True(plan.Chunks[c].Count * plan.Lanes % 16 == 0, $"{bits} bits: a looped chunk of {plan.Chunks[c].Count} pieces is not whole tiles.");
            }
        }
    }

    [Fact]
    public void The_generator_tiles_gate_tables_in_the_rows_the_run_time_library_reads_them_in()
    {
        // The generator passes tileRows to the packing, but BatchMath.AddProduct and GradientMath.AddOuter/Transpose
        // take only tileFloats and read tiles of BatchMath.TileRows: the two must agree.
        Assert.Equal(BatchMath.TileRows, Lowerer.GateTileRows);
    }

    [Fact]
    public void A_tiled_gate_table_holds_each_tile_of_16_rows_as_a_table_of_its_own_and_its_adjoint_gives_back_the_matrix()
    {
        const int gates = 3, hidden = 40, columns = 5, tile = 16, stride = gates * tile;
        float[] matrix = Enumerable.Range(1, gates * hidden * columns).Select(i => (float)i).ToArray();

        AlignedBuffer table = WeightPacking.PackGateColumns(matrix, gates, hidden, columns, 0, 32, tile, stride, tileRows: tile);

        Assert.Equal(2 * columns * stride, table.Length);
        for (int j = 0; j < columns; j++)
            for (int g = 0; g < gates; g++)
                for (int r = 0; r < 32; r++)
                    Assert.Equal(matrix[(g * hidden + r) * columns + j], table.Span[r / tile * columns * stride + j * stride + g * tile + r % tile]);
        var gradient = new float[matrix.Length];
        GradientPacking.GateColumns(table.Span, gates, hidden, columns, 0, 32, tile, stride, gradient, tileRows: tile);
        for (int g = 0; g < gates; g++)
            for (int r = 0; r < hidden; r++)
                for (int j = 0; j < columns; j++)
                    Assert.Equal(r < 32 ? matrix[(g * hidden + r) * columns + j] : 0f, gradient[(g * hidden + r) * columns + j]);
    }

    [Fact]
    public void A_padded_gate_table_packs_zeros_past_its_gates_and_its_adjoint_gives_back_the_matrix()
    {
        const int gates = 4, hidden = 8, columns = 3, block = 8, stride = 48;
        float[] matrix = Enumerable.Range(1, gates * hidden * columns).Select(i => (float)i).ToArray();

        AlignedBuffer table = WeightPacking.PackGateColumns(matrix, gates, hidden, columns, 0, hidden, block, stride);

        Assert.Equal(columns * stride, table.Length);
        for (int j = 0; j < columns; j++)
        {
            for (int g = 0; g < gates; g++)
                for (int r = 0; r < hidden; r++) Assert.Equal(matrix[(g * hidden + r) * columns + j], table.Span[j * stride + g * block + r]);
            for (int k = gates * block; k < stride; k++) Assert.Equal(0f, table.Span[j * stride + k]);
        }
        var gradient = new float[matrix.Length];
        GradientPacking.GateColumns(table.Span, gates, hidden, columns, 0, hidden, block, stride, gradient);
        Assert.Equal(matrix, gradient);
    }

    [Fact]
    public void A_column_stride_shorter_than_the_gates_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => WeightPacking.PackGateColumns(new float[4 * 8 * 3], 4, 8, 3, 0, 8, 8, 24));
        Assert.Contains("does not fit a stride of 24", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gru", 64)]
    [InlineData("gru", 128)]
    [InlineData("lstm", 64)]
    [InlineData("lstm", 128)]
    public void With_AVX2_a_state_of_several_chunks_runs_in_chunks_of_whole_lines_with_staged_gates(string cell, int hidden)
    {
        StepProgram program = Lowerer.Lower(Model(cell, hidden, 16));
        KernelPlan plan = KernelPlanner.For(256, program);

        Assert.True(plan.Chunks.Count > 1);
        Assert.All(plan.Chunks, c => Assert.Equal(2, c.Count));
        Assert.True(plan.StagedGates);
        Assert.True(KernelPlanner.Stages(plan, program, 2));
    }

    [Fact]
    public void With_AVX2_the_name_taggers_Elman_state_of_13_vectors_is_one_pass_over_the_state()
    {
        StepProgram program = Lowerer.Lower(Model("rnn", 100, 16));

        Assert.Single(KernelPlanner.For(256, program).Chunks);
        Assert.Equal(2, KernelPlanner.For(256, Lowerer.Lower(Model("rnn", 120, 16))).Chunks.Count);
    }

    [Fact]
    public void With_AVX2_a_state_that_fits_one_chunk_stays_one_chunk()
    {
        StepProgram program = Lowerer.Lower(Model("gru", 20, 16));
        KernelPlan plan = KernelPlanner.For(256, program);

        Assert.Single(plan.Chunks);
        Assert.Equal(3, plan.Chunks[0].Count);
    }
}
