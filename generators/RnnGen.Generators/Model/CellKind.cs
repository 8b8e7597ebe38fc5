namespace RnnGen.Generators.Model;

/// <summary>
/// The recurrent cell of a layer. Each kind has its tensors (<see cref="ModelTensors"/>) and its
/// lowering into step-program operations (<c>Lowering/Lowering.cs</c>); nothing else switches on it.
/// </summary>
internal enum CellKind
{
    /// <summary>The textbook's Elman cell: a&lt;t&gt; = g_a(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba).</summary>
    Elman,

    /// <summary>PyTorch's GRU: reset, update and new gates.</summary>
    Gru,

    /// <summary>PyTorch's LSTM: input, forget, cell and output gates, and a cell state c.</summary>
    Lstm,
}
