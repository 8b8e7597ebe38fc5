using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Lowering;

/// <summary>
/// One time step of a model as a short list of typed operations over named buffers of known sizes:
/// what the kernels compute, before any decision about vector widths or registers. The lowering
/// (<see cref="Lowerer"/>) writes it from the bound model; the planner (<see cref="Planning.KernelPlanner"/>)
/// lays it onto registers per vector width; the emitter only formats the two. Plain equatable data,
/// printable as text (<see cref="StepProgramText"/>), which the snapshot tests pin for every spec.
/// </summary>
/// <param name="Model">The model's C# name (for the printed program).</param>
/// <param name="Cell">The cell the program was lowered from.</param>
/// <param name="Buffers">The vectors the step reads and writes.</param>
/// <param name="Packed">The weight tables, as laid out in memory at load time.</param>
/// <param name="Layers">
/// The operations that compute each layer's new state, first layer first. They are row-parallel: every
/// buffer they touch has the state's rows, so the planner may run them chunk by chunk of rows, each
/// chunk in registers.
/// </param>
/// <param name="Head">The operations after the last layer's new state exists: the output projection and g_y.</param>
/// <param name="Rows">How the state's rows are laid out in the matrices swept every step.</param>
internal sealed record StepProgram(
    string Model,
    CellKind Cell,
    StateRows Rows,
    EquatableArray<BufferSpec> Buffers,
    EquatableArray<PackedTensor> Packed,
    EquatableArray<LayerProgram> Layers,
    EquatableArray<StepOp> Head)
{
    /// <summary>How many registers one piece of the state needs during a sweep: the cell's sums.</summary>
    public int SumsPerPiece
    {
        get
        {
            int n = 0;
            foreach (BufferSpec b in Buffers) if (b.Kind == BufferKind.Scratch) n++;
            return n;
        }
    }

    /// <summary>The floats of the caller's state value: every layer's h (and an LSTM's c), each padded.</summary>
    public int StateStorage
    {
        get
        {
            int end = 0;
            foreach (BufferSpec b in Buffers) if (b.Kind == BufferKind.State) end = System.Math.Max(end, b.Offset + b.Stride);
            return end;
        }
    }

    /// <summary>The buffer with this name (every operand of every operation is one).</summary>
    public BufferSpec Buffer(string name)
    {
        foreach (BufferSpec b in Buffers) if (b.Name == name) return b;
        foreach (PackedTensor p in Packed) if (p.Name == name) return new BufferSpec(p.Name, BufferKind.Weights, p.Floats, "weights");
        throw Exhaustive.Unhandled("buffer " + name);
    }

    /// <summary>The packed table with this name.</summary>
    public PackedTensor Table(string name)
    {
        foreach (PackedTensor p in Packed) if (p.Name == name) return p;
        throw Exhaustive.Unhandled("table " + name);
    }

    /// <summary>The state the head reads: the last layer's h (for a bidirectional model, the forward direction's).</summary>
    public BufferSpec State => Buffer(Layers.Last(l => !l.Reverse).State);

    /// <summary>Whether the layers run both ways (so a step of the whole model does not exist, only kernels per direction).</summary>
    public bool Bidirectional => Layers.Any(l => l.Reverse);

    /// <summary>The output buffer (ŷ).</summary>
    public BufferSpec Output => First(BufferKind.Output);

    private BufferSpec First(BufferKind kind)
    {
        foreach (BufferSpec b in Buffers) if (b.Kind == kind) return b;
        throw Exhaustive.Unhandled(kind);
    }
}

/// <summary>
/// The state's rows as the per-step matrices store them: <paramref name="Main"/> rows in whole 16-float
/// vectors, then <paramref name="Tail"/> more (the rest of a, padded to a multiple of 4) in a table of
/// their own with that narrower stride, so that a step loads no padding beyond the next 4 floats:
/// a = 100 is 96 + 4 (not 112), a = 1 is 0 + 4 (not 16). A rest of 13 to 15 rows is a whole vector.
/// </summary>
internal sealed record StateRows(int Main, int Tail)
{
    public static StateRows For(int size)
    {
        int rest = size % SpecWords.Padding;
        return rest == 0 || rest > 12 ? new StateRows(SpecWords.Pad(size), 0) : new StateRows(size - rest, (rest + 3) / 4 * 4);
    }

    /// <summary>Rows a kernel computes: <see cref="Main"/> + <see cref="Tail"/>; the rest of the padded state is never touched.</summary>
    public int Computed => Main + Tail;
}

/// <summary>
/// One layer's part of the step (one direction's, for a bidirectional layer): the operations that compute its
/// new state <paramref name="State"/>.
/// </summary>
internal sealed record LayerProgram(int Index, string State, EquatableArray<StepOp> Recurrence, bool Reverse = false)
{
    /// <summary>The kernel's name for it: "L0" (or "L0F" and "L0R" for the directions of a bidirectional layer).</summary>
    public string KernelName(bool bidirectional) => "L" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + (bidirectional ? (Reverse ? "R" : "F") : "");
}

/// <summary>What a buffer holds.</summary>
internal enum BufferKind
{
    /// <summary>The recurrent state: read as a&lt;t-1&gt;, written as a&lt;t&gt;; the caller's.</summary>
    State,

    /// <summary>x&lt;t&gt;, dense: a vector the caller passes.</summary>
    Input,

    /// <summary>x&lt;t&gt;, one-hot: the index of its one.</summary>
    Index,

    /// <summary>Sums being accumulated: registers, in the kernels.</summary>
    Scratch,

    /// <summary>ŷ&lt;t&gt;: the caller's.</summary>
    Output,

    /// <summary>A packed weight table (<see cref="PackedTensor"/>).</summary>
    Weights,
}

/// <summary>
/// A named vector of the step program. Vectors of the state's or the output's rows are stored padded
/// to <see cref="Stride"/> floats (a multiple of 16), and their padding is always exactly zero.
/// </summary>
/// <param name="Name">How operations name it; the kernels' variable of the same name refers to it.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Size">Its length in floats (for an index: the number of values it may take).</param>
/// <param name="Meaning">What it is, in the textbook's notation, for the printed program.</param>
/// <param name="Offset">For a state buffer: where it starts in the caller's state value, in floats.</param>
internal sealed record BufferSpec(string Name, BufferKind Kind, int Size, string Meaning, int Offset = 0)
{
    public int Stride => SpecWords.Pad(Size);
}

/// <summary>How a tensor is laid out in memory for the kernels.</summary>
internal enum PackLayout
{
    /// <summary>Row i of the table is column i of the tensor, padded: W · v becomes a sum of rows weighted by v[i], with no horizontal sums.</summary>
    Columns,

    /// <summary>Row k of the table is row k of the tensor, padded: each output is one dot product.</summary>
    Rows,

    /// <summary>A vector, padded.</summary>
    Vector,

    /// <summary>
    /// One row per token of a one-hot first layer: for each gate, the block W_ih · E[token] + b_ih (+ b_hh where the
    /// cell folds it), padded to 16 (without an embedding, E[token] is the one-hot vector: column token of W_ih).
    /// </summary>
    InputTable,

    /// <summary>Rows FirstRow … FirstRow + RowCount − 1 of a bias (+ the same rows of the recurrent bias, when given), padded.</summary>
    GateBias,

    /// <summary>
    /// Row j of the table holds, for each of the tensor's Gates blocks of a rows, rows FirstRow … FirstRow + RowCount − 1
    /// of that block of column j, each in Stride / Gates floats: the gates of one sweep read one stream.
    /// </summary>
    GateColumns,
}

/// <summary>
/// A weight table the constructor packs from a tensor of the weights file: 64-byte aligned rows of
/// <see cref="Stride"/> floats, zero in the padding.
/// </summary>
/// <param name="Name">The table's name in operations; the model's field is <c>_</c> + the name.</param>
/// <param name="Tensor">The tensor it is packed from.</param>
/// <param name="Layout">How.</param>
/// <param name="Rows">Rows of the table.</param>
/// <param name="Stride">Floats per row.</param>
/// <param name="StrideConstant">The generated constant that holds <paramref name="Stride"/>, or empty (then the number is written).</param>
/// <param name="FoldedBias">
/// A bias tensor added to every row at load time, or empty: for one-hot input, row t of the input table
/// is column t of Wax plus ba, so that Wax · x&lt;t&gt; + ba is one row read.
/// </param>
/// <param name="FirstRow">For <see cref="PackLayout.Columns"/>: the tensor's first row this table holds of each column.</param>
/// <param name="RowCount">For <see cref="PackLayout.Columns"/>: how many of the tensor's rows it holds (the rest of a row of the table is zero).</param>
/// <param name="RecurrentBias">For <see cref="PackLayout.InputTable"/> and <see cref="PackLayout.GateBias"/>: the recurrent bias folded in, or empty.</param>
/// <param name="Embedding">For <see cref="PackLayout.InputTable"/>: the embedding the tokens pass through, or empty.</param>
/// <param name="Gates">For <see cref="PackLayout.InputTable"/>: the blocks of a row.</param>
/// <param name="RecurrentBiasGates">For <see cref="PackLayout.InputTable"/>: a bit per gate whose recurrent bias is folded in.</param>
/// <param name="BlockStride">For <see cref="PackLayout.GateColumns"/>: the floats of one gate's block of a row, when the row is padded past its gates; 0 otherwise.</param>
/// <param name="TileRows">
/// For <see cref="PackLayout.GateColumns"/>: 0, or the state's rows come in tiles of this many, each a table of
/// <see cref="Rows"/> rows of <see cref="Stride"/> floats of its own, one after another (<see cref="TileFloats"/> apart), so
/// that a chunk of a kernel whose registers hold whole tiles reads one contiguous stream per tile.
/// </param>
internal sealed record PackedTensor(
    string Name, string Tensor, PackLayout Layout, int Rows, int Stride, string StrideConstant, string FoldedBias, int FirstRow, int RowCount,
    string RecurrentBias = "", string Embedding = "", int Gates = 1, int RecurrentBiasGates = 0, int BlockStride = 0, int TileRows = 0)
{
    public string Field => "_" + Name;

    /// <summary>The floats of one tile (<see cref="TileRows"/>), or of the whole table when it has none.</summary>
    public int TileFloats => Rows * Stride;

    /// <summary>The tiles of the table: 1 when it has none.</summary>
    public int Tiles => TileRows > 0 ? (RowCount + TileRows - 1) / TileRows : 1;

    /// <summary>The floats the table holds.</summary>
    public int Floats => Tiles * TileFloats;

    /// <summary>
    /// Where row <paramref name="row"/> (of the table's rows of a gate, from 0) of column 0 of gate 0 is: the row itself,
    /// or with tiles, its tile's start plus its row in the tile.
    /// </summary>
    public int RowAt(int row) => TileRows > 0 ? row / TileRows * TileFloats + row % TileRows : row;

    /// <summary>
    /// The floats from one gate's block of a column to the next's: <see cref="BlockStride"/> where it is set (a gate table
    /// whose column <see cref="Stride"/> is padded past its gates), else <see cref="Stride"/> ÷ <see cref="Gates"/>.
    /// </summary>
    public int GateBlock => BlockStride > 0 ? BlockStride : Stride / Gates;

    /// <summary>Whether the table holds a range of the tensor's rows (the state's main rows or its tail), with a stride of its own.</summary>
    public bool IsRowRange => Layout == PackLayout.Columns && StrideConstant.Length == 0;
}
