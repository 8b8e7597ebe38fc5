using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Lowering;

/// <summary>
/// Step 4 of the pipeline: a bound <see cref="ModelSpec"/> → its <see cref="StepProgram"/>. One lowering
/// per cell kind (<see cref="Cell"/>); the input, the layers' wiring and the head are shared. Pure and
/// total: a cell it does not know is an internal error.
/// </summary>
internal static class Lowerer
{
    // The buffer names every lowering shares; the kernels' variables are called the same.
    public const string Sums = "s";
    public const string Token = "token";
    public const string Input = "x";
    public const string Output = "y";

    // A bidirectional model's kernels read the layer below's outputs, and the head the last layer's, as vectors.
    public const string Below = "below";
    public const string Top = "top";

    // The generated constants that hold the padded sizes.
    public const string HiddenStride = "HiddenStride";
    public const string OutputStride = "OutputStride";

    /// <summary>The sums each cell keeps per row while it sweeps: one register set each.</summary>
    private static string[] SumsOf(CellKind cell) => cell switch
    {
        CellKind.Elman => new[] { Sums },
        // r, z and the input part of n; m is the state's part of n, W_hn · h + b_hn, which r scales.
        CellKind.Gru => new[] { "r", "z", "n", "m" },
        CellKind.Lstm => new[] { "i", "f", "g", "o" },
        _ => throw Exhaustive.Unhandled(cell),
    };

    /// <summary>Whether a gate's recurrent bias can be folded into its input bias (all but a GRU's new gate, which r scales).</summary>
    private static bool FoldsRecurrentBias(CellKind cell, int gate) => !(cell == CellKind.Gru && gate == 2);

    public static StepProgram Lower(ModelSpec m)
    {
        CellKind cell = m.Top.Cell;
        int a = m.Top.Size;
        int stride = SpecWords.Pad(a);
        StateRows rows = StateRows.For(a);
        bool textbook = ModelTensors.Textbook(m);
        var buffers = new List<BufferSpec>();
        var packed = new List<PackedTensor>();
        var layers = new List<LayerProgram>();

        // The caller's state: every layer's h, and an LSTM's c after it, each padded to 16.
        int offset = 0;
        foreach (LayerSpec layer in m.Layers)
        {
            foreach (bool reverse in Directions(layer))
            {
                string symbol = (textbook ? "a" : "h") + Sub(layer.Index) + (reverse ? "ʳ" : "");
                buffers.Add(new BufferSpec(StateName(m, layer.Index, reverse), BufferKind.State, a, $"{symbol}<t-1> on entry, {symbol}<t> on return", offset));
                offset += stride;
                if (cell == CellKind.Lstm)
                {
                    string c = "c" + Sub(layer.Index) + (reverse ? "ʳ" : "");
                    buffers.Add(new BufferSpec(CellName(layer.Index, reverse), BufferKind.State, a, $"{c}<t-1> on entry, {c}<t> on return", offset));
                    offset += stride;
                }
            }
        }
        if (m.Bidirectional)
        {
            if (m.Layers.Count > 1) buffers.Add(new BufferSpec(Below, BufferKind.Input, 2 * a, "the layer below's h<t> of both directions"));
            buffers.Add(new BufferSpec(Top, BufferKind.Input, 2 * a, "the last layer's h<t> of both directions, which the head reads"));
        }
        buffers.Add(m.Input.OneHot
            ? new BufferSpec(Token, BufferKind.Index, m.Input.Size, "x<t>, one-hot: the index of its one")
            : new BufferSpec(Input, BufferKind.Input, m.Input.Size, "x<t>"));
        foreach (string sum in SumsOf(cell)) buffers.Add(new BufferSpec(sum, BufferKind.Scratch, a, SumMeaning(cell, sum)));
        buffers.Add(new BufferSpec(Output, BufferKind.Output, m.Output.Size, "ŷ<t>"));

        foreach (LayerSpec layer in m.Layers)
        {
            foreach (bool reverse in Directions(layer))
            {
                var ops = new List<StepOp>();
                if (textbook) ElmanTextbook(m, layer, rows, packed, ops);
                else Cell(m, layer, reverse, rows, packed, ops);
                layers.Add(new LayerProgram(layer.Index, StateName(m, layer.Index, reverse), ops.ToEquatableArray(), reverse));
            }
        }

        EquatableArray<StepOp> head = Head(m, packed, textbook);
        return new StepProgram(m.Name, cell, rows, buffers.ToEquatableArray(), packed.ToEquatableArray(), layers.ToEquatableArray(), head);
    }

    private static bool[] Directions(LayerSpec layer) => layer.Bidirectional ? new[] { false, true } : new[] { false };

    /// <summary>The state buffer of layer k: h (a single layer keeps the textbook's a, called h in kernels), or h0, h1, … (h0r: reverse).</summary>
    internal static string StateName(ModelSpec m, int layer, bool reverse = false) =>
        m.Layers.Count == 1 && m.Top.Cell != CellKind.Lstm && !m.Bidirectional ? "h" : "h" + Int(layer) + (reverse ? "r" : "");

    private static string CellName(int layer, bool reverse = false) => "c" + Int(layer) + (reverse ? "r" : "");

    private static string Sub(int layer) => layer == 0 ? "" : "_" + Int(layer);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string SumMeaning(CellKind cell, string sum) => (cell, sum) switch
    {
        (CellKind.Elman, _) => "the sums, then a<t>",
        (CellKind.Gru, "r") => "reset gate r",
        (CellKind.Gru, "z") => "update gate z",
        (CellKind.Gru, "n") => "new gate n (its input part, then n, then h<t>)",
        (CellKind.Gru, "m") => "W_hn · h + b_hn, then h<t-1>",
        (CellKind.Lstm, "i") => "input gate i",
        (CellKind.Lstm, "f") => "forget gate f, then c<t>, then h<t>",
        (CellKind.Lstm, "g") => "cell candidate g",
        (CellKind.Lstm, "o") => "output gate o",
        _ => throw Exhaustive.Unhandled(sum),
    };

    /// <summary>a&lt;t&gt; = g_a(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba), in the textbook's tensors (one layer, no embedding).</summary>
    private static void ElmanTextbook(ModelSpec m, LayerSpec layer, StateRows rows, List<PackedTensor> packed, List<StepOp> ops)
    {
        int a = layer.Size;
        int stride = SpecWords.Pad(a);
        string h = StateName(m, 0);
        TensorSpec wax = m.Tensors.Get(TensorRole.InputWeights);
        TensorSpec waa = m.Tensors.Get(TensorRole.RecurrentWeights);
        TensorSpec ba = m.Tensors.Get(TensorRole.HiddenBias);
        if (m.Input.OneHot)
        {
            packed.Add(new PackedTensor("wax", wax.Name, PackLayout.Columns, m.Input.Size, stride, HiddenStride, ba.Name, 0, a));
            ops.Add(new ReadRowOp(Sums, "wax", Token));
        }
        else
        {
            packed.Add(new PackedTensor("ba", ba.Name, PackLayout.Vector, 1, stride, HiddenStride, "", 0, a));
            ops.Add(new LoadOp(Sums, "ba"));
            ops.Add(SweptMatrix(packed, "wax", wax, 0, a, rows, Input, m.Input.Size, Sums));
        }
        ops.Add(SweptMatrix(packed, "waa", waa, 0, a, rows, h, a, Sums));
        ops.Add(new ActivateOp(Sums, layer.Activation));
        if (stride > a) ops.Add(new ZeroPaddingOp(Sums, a, stride));
        ops.Add(new StoreOp(h, Sums));
    }

    /// <summary>One layer of a cell in PyTorch's tensors (nn.RNN, nn.GRU, nn.LSTM): the input's part, the state's part, the gates.</summary>
    private static void Cell(ModelSpec m, LayerSpec layer, bool reverse, StateRows rows, List<PackedTensor> packed, List<StepOp> ops)
    {
        CellKind cell = layer.Cell;
        int a = layer.Size;
        int k = layer.Index;
        int stride = SpecWords.Pad(a);
        string[] sums = SumsOf(cell);
        int gates = ModelTensors.Gates(cell);
        string h = StateName(m, k, reverse);
        string l = Int(k) + (reverse ? "r" : "");
        TensorSpec wih = m.Tensors.Get(TensorRole.InputWeights, k, reverse);
        TensorSpec whh = m.Tensors.Get(TensorRole.RecurrentWeights, k, reverse);
        TensorSpec bih = m.Tensors.Get(TensorRole.InputBias, k, reverse);
        TensorSpec bhh = m.Tensors.Get(TensorRole.RecurrentBias, k, reverse);
        // The sum each gate's products go to: for a GRU's new gate, the input's part to n, the state's to m.
        string InputSum(int g) => sums[g];
        string StateSum(int g) => cell == CellKind.Gru && g == 2 ? "m" : sums[g];

        // The input's part: one row of a table for a one-hot first layer (W_ih · E[token] + biases, computed at
        // load time), else the biases and a product over the layer's input.
        bool table = k == 0 && m.Input.OneHot;
        var deferred = new List<StepOp>();
        if (table)
        {
            TensorSpec? embedding = m.Tensors.Find(TensorRole.Embedding);
            int fold = 0;
            for (int g = 0; g < gates; g++) if (FoldsRecurrentBias(cell, g)) fold |= 1 << g;
            string tableName = reverse ? "tableR" : "table";
            packed.Add(new PackedTensor(tableName, wih.Name, PackLayout.InputTable, m.Input.Size, gates * stride, "", bih.Name, 0, a,
                bhh.Name, embedding?.Name ?? "", gates, fold));
            for (int g = 0; g < gates; g++)
            {
                var read = new ReadRowOp(InputSum(g), tableName, Token, g * stride);
                // A GRU's n needs no register during the sweep: read its row after.
                if (cell == CellKind.Gru && g == 2) deferred.Add(read);
                else ops.Add(read);
            }
        }
        else
        {
            string vector = k == 0 ? Input : m.Bidirectional ? Below : StateName(m, k - 1);
            for (int g = 0; g < gates; g++)
            {
                string bias = $"b{l}{GateSuffix(cell, g)}";
                packed.Add(new PackedTensor(bias, bih.Name, PackLayout.GateBias, 1, stride, HiddenStride, "", g * a, a,
                    FoldsRecurrentBias(cell, g) ? bhh.Name : ""));
                ops.Add(new LoadOp(InputSum(g), bias));
            }
            ops.AddRange(SweptGates(packed, $"wi{l}", wih, gates, a, rows, vector, layer.InputSize, Enumerable.Range(0, gates).Select(InputSum).ToArray()));
        }
        if (cell == CellKind.Gru)
        {
            string bias = $"bh{l}n";
            packed.Add(new PackedTensor(bias, bhh.Name, PackLayout.GateBias, 1, stride, HiddenStride, "", 2 * a, a));
            ops.Add(new LoadOp("m", bias));
        }
        // The state's part: one sweep over h<t-1> for every gate.
        ops.AddRange(SweptGates(packed, $"wh{l}", whh, gates, a, rows, h, a, Enumerable.Range(0, gates).Select(StateSum).ToArray()));
        ops.AddRange(deferred);

        switch (cell)
        {
            case CellKind.Elman:
                ops.Add(new ActivateOp(Sums, layer.Activation));
                Finish(ops, Sums, h, a, stride);
                break;
            case CellKind.Gru:
                // r = σ(·), z = σ(·), n = tanh(n + r ⊙ m), h' = (1 − z) ⊙ n + z ⊙ h.
                ops.Add(new ActivateOp("r", Activation.Sigmoid));
                ops.Add(new ActivateOp("z", Activation.Sigmoid));
                ops.Add(new MultiplyAddOp("n", "r", "m"));
                ops.Add(new ActivateOp("n", Activation.Tanh));
                ops.Add(new MixOp("n", "z", h));
                Finish(ops, "n", h, a, stride);
                break;
            case CellKind.Lstm:
                // i, f, o = σ(·), g = tanh(·), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
                string c = CellName(k, reverse);
                ops.Add(new ActivateOp("i", Activation.Sigmoid));
                ops.Add(new ActivateOp("f", Activation.Sigmoid));
                ops.Add(new ActivateOp("g", Activation.Tanh));
                ops.Add(new ActivateOp("o", Activation.Sigmoid));
                ops.Add(new MultiplyOp("f", "f", c));
                ops.Add(new MultiplyAddOp("f", "i", "g"));
                Finish(ops, "f", c, a, stride);
                ops.Add(new ActivateOp("f", Activation.Tanh));
                ops.Add(new MultiplyOp("f", "o", "f"));
                Finish(ops, "f", h, a, stride);
                break;
            default:
                throw Exhaustive.Unhandled(cell);
        }
    }

    private static void Finish(List<StepOp> ops, string sum, string state, int a, int stride)
    {
        if (stride > a) ops.Add(new ZeroPaddingOp(sum, a, stride));
        ops.Add(new StoreOp(state, sum));
    }

    /// <summary>PyTorch's gate order, as table suffixes: GRU r, z, n; LSTM i, f, g, o; nothing for a single gate.</summary>
    private static string GateSuffix(CellKind cell, int g) => cell switch
    {
        CellKind.Elman => "",
        CellKind.Gru => "rzn".Substring(g, 1),
        CellKind.Lstm => "ifgo".Substring(g, 1),
        _ => throw Exhaustive.Unhandled(cell),
    };

    /// <summary>
    /// A matrix the step sweeps column by column (<c>Target += W · vector</c>): rows firstRow … firstRow + a − 1 of the
    /// tensor, packed as the state's main rows and, when a does not fill whole vectors, its tail rows in a narrower
    /// table (<see cref="StateRows"/>).
    /// </summary>
    private static MatVecOp SweptMatrix(List<PackedTensor> packed, string name, TensorSpec tensor, int firstRow, int a, StateRows rows,
        string vector, int columns, string target)
    {
        string main = "", tail = "";
        if (rows.Main > 0)
        {
            main = name;
            bool whole = rows.Tail == 0 && firstRow == 0 && tensor.Shape[0].Size == a;
            packed.Add(new PackedTensor(name, tensor.Name, PackLayout.Columns, columns, rows.Main, whole ? HiddenStride : "", "", firstRow,
                rows.Tail == 0 ? a : rows.Main));
        }
        if (rows.Tail > 0)
        {
            tail = name + "Tail";
            packed.Add(new PackedTensor(tail, tensor.Name, PackLayout.Columns, columns, rows.Tail, "", "", firstRow + rows.Main, a - rows.Main));
        }
        return new MatVecOp(target, main, tail, vector, columns);
    }

    /// <summary>
    /// The products of every gate of a stacked matrix (PyTorch's weight_ih or weight_hh) over one vector, swept
    /// together: one table holds, per column, each gate's main rows one after another, and a second one the
    /// gates' tail rows, so that a sweep reads one stream per table.
    /// </summary>
    private static IEnumerable<MatVecOp> SweptGates(List<PackedTensor> packed, string name, TensorSpec tensor, int gates, int a, StateRows rows,
        string vector, int columns, string[] targets)
    {
        if (gates == 1)
        {
            yield return SweptMatrix(packed, name, tensor, 0, a, rows, vector, columns, targets[0]);
            yield break;
        }
        string main = "", tail = "";
        int gateBlock = rows.Main;
        if (rows.Main > 0)
        {
            main = name;
            int tileRows = TileRows(rows);
            PackedTensor table = tileRows > 0
                ? new PackedTensor(name, tensor.Name, PackLayout.GateColumns, columns, gates * tileRows, "", "", 0, rows.Main, Gates: gates, TileRows: tileRows)
                : new PackedTensor(name, tensor.Name, PackLayout.GateColumns, columns, OddLines(gates * rows.Main), "", "", 0,
                    rows.Tail == 0 ? a : rows.Main, Gates: gates, BlockStride: rows.Main);
            packed.Add(table);
            gateBlock = table.GateBlock;
        }
        if (rows.Tail > 0)
        {
            tail = name + "Tail";
            packed.Add(new PackedTensor(tail, tensor.Name, PackLayout.GateColumns, columns, gates * rows.Tail, "", "", rows.Main, a - rows.Main, Gates: gates));
        }
        for (int g = 0; g < gates; g++) yield return new MatVecOp(targets[g], main, tail, vector, columns, g * gateBlock, g * rows.Tail);
    }

    /// <summary>The rows of a gate table's tiles (<see cref="PackedTensor.TileRows"/>), 16 (one 512-bit vector, two 256-bit ones).</summary>
    internal const int GateTileRows = 16;

    /// <summary>
    /// Whether a gated cell's tables come in tiles: when its main rows are more than one chunk of 512-bit registers holds
    /// (<see cref="Planning.KernelPlanner.GatedChunkRows"/>), so that every width's kernel runs them in several chunks. Untiled,
    /// a chunk reads a few lines of every gate in every column, a table's width apart, which the prefetchers follow worse
    /// than one stream; tiled, each of its 16-row tiles is one contiguous stream (a 256-bit chunk reads exactly one). A
    /// state one 512-bit chunk holds keeps whole columns: there a column is the chunk's contiguous read.
    /// </summary>
    internal static int TileRows(StateRows rows) => rows.Main > Planning.KernelPlanner.GatedChunkRows(512) ? GateTileRows : 0;

    /// <summary>
    /// A gate table's column stride: its gates' rows, plus one 64-byte line when they fill an even number of lines. A
    /// kernel's chunk reads the same few lines of every column; with a stride of 2^k lines those land in 64 / 2^k of the
    /// L1's 64 sets (an LSTM at a = 128: 32 lines a column, 2 sets) and evict each other, where an odd stride spreads them
    /// over all 64. The padding is never read.
    /// </summary>
    internal static int OddLines(int floats) => floats % 32 == 0 ? floats + 16 : floats;

    /// <summary>The output head every cell shares: ŷ&lt;t&gt; = g_y(Wya · a&lt;t&gt; + by), from the last layer's state.</summary>
    private static EquatableArray<StepOp> Head(ModelSpec m, List<PackedTensor> packed, bool textbook)
    {
        int y = m.Output.Size;
        int stride = SpecWords.Pad(m.Top.Size);
        TensorSpec wy = m.Tensors.Get(TensorRole.OutputWeights);
        TensorSpec by = m.Tensors.Get(TensorRole.OutputBias);
        string wyName = textbook ? "wya" : "wy";
        int columns = m.Top.Directions * m.Top.Size;
        packed.Add(m.Bidirectional
            ? new PackedTensor(wyName, wy.Name, PackLayout.Rows, y, SpecWords.Pad(columns), "", "", 0, columns)
            : new PackedTensor(wyName, wy.Name, PackLayout.Rows, y, stride, HiddenStride, "", 0, m.Top.Size));
        packed.Add(new PackedTensor("by", by.Name, PackLayout.Vector, 1, SpecWords.Pad(y), OutputStride, "", 0, y));
        var head = new List<StepOp>();
        if (SpecWords.Pad(y) > y) head.Add(new ZeroPaddingOp(Output, y, SpecWords.Pad(y)));
        head.Add(new ProjectOp(Output, wyName, m.Bidirectional ? Top : StateName(m, m.Layers.Count - 1), "by", y));
        head.Add(new ActivateOp(Output, m.Output.Activation));
        return head.ToEquatableArray();
    }
}
