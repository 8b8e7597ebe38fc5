using System;
using System.IO;

namespace RnnGen.Cli;

/// <summary>
/// Reads a streaming command's input (<c>rnngen run</c>, <c>rnngen tag</c>) into <see cref="LineBatch"/>es, a block at a
/// time, within a bound on the line's length, so that no input (a huge file, <c>/dev/zero</c>, a stream without line
/// breaks) takes more than bounded memory, and an endless line stops at once with the line's number.
/// Lines end at <c>\n</c>, <c>\r</c> or <c>\r\n</c>, as <see cref="TextReader.ReadLine"/> reads them; a last line
/// without a line break counts, an empty one after the last line break does not.
/// </summary>
internal sealed class LineReader
{
    /// <summary>The longest line the streaming commands read: 16 Mi characters (a dense step of a million floats fits).</summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    /// <summary>A batch is handed on once it holds this many lines...</summary>
    public const int BatchLines = 1024;

    /// <summary>... or this many characters, or when the input has nothing more to give at once (an interactive stream).</summary>
    public const int BatchCharacters = 1 << 16;

    private readonly TextReader reader;
    private readonly int maxLineLength;
    private readonly string command;
    private readonly char[] buffer = new char[BatchCharacters];
    private readonly CharBuffer carry = new(256);
    private int position;
    private int length;
    private bool afterCr;
    private bool ended;
    private bool lastReadShort;
    private long nextLine = 1;

    /// <param name="reader">The input.</param>
    /// <param name="command">The command's name, for messages: <c>run</c> or <c>tag</c>.</param>
    /// <param name="maxLineLength">The longest line read (tests lower it).</param>
    public LineReader(TextReader reader, string command, int maxLineLength = MaxLineLength)
    {
        this.reader = reader;
        this.command = command;
        this.maxLineLength = maxLineLength;
    }

    /// <summary>
    /// Fills an empty batch with the next lines: until it holds <see cref="BatchLines"/> lines or
    /// <see cref="BatchCharacters"/> characters, the input ends, a line is too long, or a read returned less than it
    /// asked for while the batch holds a line (so that a line typed at a terminal is answered at once). An exception
    /// of the reader is kept in the batch, after the lines read before it.
    /// </summary>
    public void Fill(LineBatch batch)
    {
        batch.FirstLine = nextLine;
        batch.AppendText(carry.Written);
        carry.Clear();
        try
        {
            FillLines(batch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            batch.ReadFault = e;
            batch.End = true;
        }
        nextLine += batch.Count;
        if (!batch.End)
        {
            carry.Append(batch.Partial);
            batch.DropPartial();
        }
    }

    private void FillLines(LineBatch batch)
    {
        while (true)
        {
            if (position < length)
            {
                if (ScanLines(batch)) return;
                continue;
            }
            if (ended)
            {
                batch.End = true;
                return;
            }
            if (batch.Count > 0 && lastReadShort) return;
            int count = reader.Read(buffer, 0, buffer.Length);
            position = 0;
            length = count;
            lastReadShort = count < buffer.Length;
            if (count == 0)
            {
                ended = true;
                if (batch.Partial.Length > 0) batch.EndLine();
                batch.End = true;
                return;
            }
        }
    }

    /// <summary>Moves the buffer's lines into the batch; true when reading must stop (a line too long, or the batch is full).</summary>
    private bool ScanLines(LineBatch batch)
    {
        while (position < length)
        {
            ReadOnlySpan<char> rest = buffer.AsSpan(position, length - position);
            if (afterCr)
            {
                afterCr = false;
                if (rest[0] == '\n')
                {
                    position++;
                    continue;
                }
            }
            int end = rest.IndexOfAny('\r', '\n');
            ReadOnlySpan<char> piece = end < 0 ? rest : rest[..end];
            if (batch.Partial.Length + piece.Length > maxLineLength)
            {
                batch.ReadFailure = Failure.BadInput(
                    $"line {Numbers.Int(nextLine + batch.Count)} is longer than {Numbers.Size(maxLineLength)} characters{Mebi(maxLineLength)}, the longest line 'rnngen {command}' reads");
                batch.DropPartial();
                batch.End = true;
                ended = true;
                return true;
            }
            batch.AppendText(piece);
            if (end < 0)
            {
                position = length;
                return false;
            }
            batch.EndLine();
            afterCr = rest[end] == '\r';
            position += end + 1;
            if (batch.Count >= BatchLines || batch.TextLength >= BatchCharacters) return true;
        }
        return false;
    }

    private static string Mebi(int value) => value % (1 << 20) == 0 ? $" ({Numbers.Int(value >> 20)} Mi)" : "";
}
