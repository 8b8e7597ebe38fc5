using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnGen;

/// <summary>
/// A fixed-length block of floats whose first element is 64-byte aligned (one cache line, one
/// 512-bit vector), so that vector loads of packed weights never straddle two cache lines.
/// Generated models keep their weights in these.
/// </summary>
public sealed class AlignedBuffer
{
    private const int Alignment = 64;
    private const int Slack = Alignment / sizeof(float);

    private readonly float[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed floats, aligned to 64 bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        // Pinned (on the pinned object heap), so the address, and with it the alignment, never moves.
        _array = GC.AllocateArray<float>(length + Slack, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0).ToInt64();
        _offset = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
        Length = length;
    }

    /// <summary>The number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats, for filling and reading.</summary>
    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>A reference to the first float, for vector loads in generated kernels.</summary>
    public ref float Start
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);
    }
}
