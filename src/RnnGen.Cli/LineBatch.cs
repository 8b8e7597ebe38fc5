using System;
using System.Threading;

namespace RnnGen.Cli;

/// <summary>
/// A block of consecutive input lines and the output they gave: the unit a streaming command reads, hands to a
/// thread and writes. A fixed number of them circulate (<see cref="LineStream"/>), each reused once written, so that
/// memory stays bounded whatever the input's length. Mutable by design: it is the buffer at the IO edge.
/// </summary>
internal sealed class LineBatch
{
    private char[] text = new char[LineReader.BatchCharacters + 256];
    private int[] ends = new int[LineReader.BatchLines];

    /// <summary>The 1-based number of the batch's first line in the input.</summary>
    public long FirstLine { get; set; }

    /// <summary>The number of whole lines in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>The characters of the lines, back to back, then those of a line still being read.</summary>
    public int TextLength { get; private set; }

    /// <summary>Where the last whole line ends in the text (the start of a line still being read).</summary>
    public int LinesEnd => Count == 0 ? 0 : ends[Count - 1];

    /// <summary>The input ends after these lines (or at <see cref="ReadFailure"/> or <see cref="ReadFault"/>).</summary>
    public bool End { get; set; }

    /// <summary>Why reading stopped after these lines (a line over the length bound), or null.</summary>
    public Failure? ReadFailure { get; set; }

    /// <summary>The exception reading threw after these lines (an IO error), or null.</summary>
    public Exception? ReadFault { get; set; }

    /// <summary>The output of the lines, in order; when <see cref="Failure"/> is set, that of the lines before it.</summary>
    public CharBuffer Output { get; } = new();

    /// <summary>The first line that could not be run, or null.</summary>
    public Failure? Failure { get; set; }

    /// <summary>An exception nobody expected while running the lines (a bug), or null.</summary>
    public Exception? Fault { get; set; }

    /// <summary>Set once the batch's lines have been run (by whichever thread ran them).</summary>
    public ManualResetEventSlim Done { get; } = new(false);

    /// <summary>Line <paramref name="index"/> (0-based within the batch).</summary>
    public ReadOnlySpan<char> Line(int index) => text.AsSpan(index == 0 ? 0 : ends[index - 1], ends[index] - (index == 0 ? 0 : ends[index - 1]));

    /// <summary>The characters after the last whole line: a line still being read.</summary>
    public ReadOnlySpan<char> Partial => text.AsSpan(LinesEnd, TextLength - LinesEnd);

    public void AppendText(ReadOnlySpan<char> piece)
    {
        if (text.Length - TextLength < piece.Length)
        {
            Array.Resize(ref text, (int)Math.Min(Math.Max((long)text.Length * 2, (long)TextLength + piece.Length), Array.MaxLength));
        }
        piece.CopyTo(text.AsSpan(TextLength));
        TextLength += piece.Length;
    }

    /// <summary>Ends a line at the current end of the text.</summary>
    public void EndLine()
    {
        if (Count == ends.Length) Array.Resize(ref ends, ends.Length * 2);
        ends[Count++] = TextLength;
    }

    /// <summary>Drops a line still being read (it moves to the next batch).</summary>
    public void DropPartial() => TextLength = LinesEnd;

    /// <summary>Empties the batch for reuse.</summary>
    public void Reset()
    {
        FirstLine = 0;
        Count = 0;
        TextLength = 0;
        End = false;
        ReadFailure = null;
        ReadFault = null;
        Output.Clear();
        Failure = null;
        Fault = null;
        Done.Reset();
    }
}
