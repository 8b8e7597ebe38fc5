namespace RnnGen.Benchmarks;

/// <summary>
/// A hidden size as a type, for the expert cell kernels (<see cref="ExpertGru{TSize}"/>, <see cref="ExpertLstm{TSize}"/>):
/// the JIT compiles a generic class once per struct type argument, so <c>TSize.H</c> is a constant in each
/// instantiation and every test on it folds away, as if the kernel had been written by hand for that size.
/// </summary>
public interface IHiddenSize
{
    /// <summary>The hidden size: 16, 32, 64, 128, 256 or 512.</summary>
    static abstract int H { get; }
}

/// <summary>H = 16: one zmm per gate.</summary>
public readonly struct H16 : IHiddenSize { public static int H => 16; }

/// <summary>H = 32: two zmm per gate.</summary>
public readonly struct H32 : IHiddenSize { public static int H => 32; }

/// <summary>H = 64: four zmm per gate.</summary>
public readonly struct H64 : IHiddenSize { public static int H => 64; }

/// <summary>H = 128: eight zmm per gate, computed as two tiles of 64 rows (4 zmm per gate each).</summary>
public readonly struct H128 : IHiddenSize { public static int H => 128; }

/// <summary>H = 256: four tiles of 64 rows (the peers benchmark).</summary>
public readonly struct H256 : IHiddenSize { public static int H => 256; }

/// <summary>H = 512: eight tiles of 64 rows (the peers benchmark).</summary>
public readonly struct H512 : IHiddenSize { public static int H => 512; }

/// <summary>What the expert kernels share: the tile size and the layout rules.</summary>
internal static class ExpertLayout
{
    /// <summary>Dense input size of the benchmark cells.</summary>
    public const int DenseInput = 16;

    /// <summary>
    /// Rows of a tile: all of h up to 64; at 128, two tiles of 64. A tile of 4 zmm per gate is the most that
    /// fits the 32 zmm registers with its accumulators (GRU: 12 + 4, LSTM: 16), the broadcast and a load.
    /// </summary>
    public static int TileRows(int h) => h < 64 ? h : 64;
}
