using System;

namespace RnnGen.Cli;

/// <summary>
/// What a streaming command does with one input line: writes the line's output, or says why it cannot. Each thread
/// has a worker of its own (its scratch buffers), and a line's output depends on that line alone, so the output is
/// the same whichever thread runs it.
/// </summary>
internal interface ILineWorker
{
    /// <summary>Appends the output of <paramref name="line"/> (number <paramref name="lineNumber"/>, 1-based) to <paramref name="output"/>, or returns why it cannot (then it appends nothing).</summary>
    Failure? Write(ReadOnlySpan<char> line, long lineNumber, CharBuffer output);
}
