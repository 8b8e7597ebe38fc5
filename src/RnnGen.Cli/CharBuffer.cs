using System;

namespace RnnGen.Cli;

/// <summary>
/// A growable block of characters that a streaming command formats its output into and reuses from one block of
/// lines to the next, so that writing as it goes allocates only when a line needs more room than any before it.
/// </summary>
internal sealed class CharBuffer
{
    private char[] chars;

    public CharBuffer(int capacity = 1 << 16) => chars = new char[capacity];

    /// <summary>The number of characters written.</summary>
    public int Length { get; private set; }

    /// <summary>What was written.</summary>
    public ReadOnlySpan<char> Written => chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(char value)
    {
        if (Length == chars.Length) Grow(1);
        chars[Length++] = value;
    }

    public void Append(char value, int count)
    {
        if (count <= 0) return;
        Span<char> room = GetSpan(count);
        room[..count].Fill(value);
        Length += count;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        value.CopyTo(GetSpan(value.Length));
        Length += value.Length;
    }

    /// <summary>At least <paramref name="size"/> places after what was written; <see cref="Advance"/> counts what was put there.</summary>
    public Span<char> GetSpan(int size)
    {
        if (chars.Length - Length < size) Grow(size);
        return chars.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Drops the white space at the end, back to <paramref name="from"/> at most (as <see cref="string.TrimEnd()"/>).</summary>
    public void TrimEnd(int from)
    {
        while (Length > from && char.IsWhiteSpace(chars[Length - 1])) Length--;
    }

    private void Grow(int size)
    {
        long wanted = Math.Max((long)chars.Length * 2, (long)Length + size);
        Array.Resize(ref chars, (int)Math.Min(wanted, Array.MaxLength));
    }
}
