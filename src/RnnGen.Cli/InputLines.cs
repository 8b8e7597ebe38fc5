using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RnnGen.Cli;

/// <summary>
/// The lines of <c>rnngen run</c>'s input, read within stated bounds, so that no input (a huge file, <c>/dev/zero</c>,
/// a stream without line breaks) can take more than a bounded time and memory before run says what is wrong.
/// Lines end at <c>\n</c>, <c>\r</c> or <c>\r\n</c>, as <see cref="TextReader.ReadLine"/> reads them.
/// </summary>
internal static class InputLines
{
    /// <summary>The longest line run reads: 16 Mi characters (a dense step of a million floats fits).</summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    /// <summary>The longest input run reads, in characters: 64 Mi (run holds its input and output in memory).</summary>
    public const long MaxInputLength = 64L * 1024 * 1024;

    public static Result<IReadOnlyList<string>> Read(TextReader reader)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        char[] buffer = new char[1 << 16];
        long total = 0;
        bool afterCr = false;
        int count;
        while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += count;
            if (total > MaxInputLength)
            {
                return Failure.BadInput(
                    $"the input is longer than {Numbers.Size((int)MaxInputLength)} characters (64 Mi), the most 'rnngen run' reads at once; split it into several runs");
            }
            ReadOnlySpan<char> rest = buffer.AsSpan(0, count);
            while (!rest.IsEmpty)
            {
                if (afterCr && rest[0] == '\n') rest = rest[1..];
                afterCr = false;
                int end = rest.IndexOfAny('\r', '\n');
                ReadOnlySpan<char> piece = end < 0 ? rest : rest[..end];
                if (line.Length + piece.Length > MaxLineLength)
                {
                    return Failure.BadInput(
                        $"line {Numbers.Int(lines.Count + 1)} is longer than {Numbers.Size(MaxLineLength)} characters (16 Mi), the longest line 'rnngen run' reads");
                }
                line.Append(piece);
                if (end < 0) break;
                lines.Add(line.ToString());
                line.Clear();
                afterCr = rest[end] == '\r';
                rest = rest[(end + 1)..];
            }
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return Result<IReadOnlyList<string>>.Ok(lines);
    }
}
