namespace RnnGen.Onnx;

/// <summary>
/// How PyTorch's stacked gate blocks map to ONNX's. PyTorch stacks a GRU's weights as r, z, n and an LSTM's as
/// i, f, g, o; ONNX's GRU reads z, r, h and its LSTM i, o, f, c. Block b of an ONNX tensor is block
/// <c>Source(cell)[b]</c> of PyTorch's.
/// </summary>
internal static class GateOrder
{
    private static readonly int[] Elman = { 0 };
    private static readonly int[] Gru = { 1, 0, 2 };     // z ← z (1), r ← r (0), h ← n (2)
    private static readonly int[] Lstm = { 0, 3, 1, 2 }; // i ← i (0), o ← o (3), f ← f (1), c ← g (2)

    /// <summary>For each ONNX gate block, the PyTorch block it holds.</summary>
    public static int[] Source(string cell) => cell switch
    {
        SpecWords.Rnn => Elman,
        SpecWords.Gru => Gru,
        SpecWords.Lstm => Lstm,
        _ => throw new System.ArgumentException($"Unknown cell '{cell}'.", nameof(cell)),
    };

    /// <summary>The number of gate blocks of a cell: 1, 3 or 4.</summary>
    public static int Count(string cell) => Source(cell).Length;

    /// <summary>
    /// <paramref name="stacked"/> (gates × <paramref name="hidden"/> rows of <paramref name="columns"/>, row-major, in
    /// PyTorch's order) with its blocks in ONNX's order.
    /// </summary>
    public static float[] Reorder(float[] stacked, string cell, int hidden, int columns)
    {
        int[] source = Source(cell);
        int block = hidden * columns;
        var result = new float[stacked.Length];
        for (int b = 0; b < source.Length; b++) System.Array.Copy(stacked, source[b] * block, result, b * block, block);
        return result;
    }
}
