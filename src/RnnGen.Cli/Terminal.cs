using System.Collections.Generic;
using System.IO;

namespace RnnGen.Cli;

/// <summary>The process's standard streams, handed to the commands by <see cref="Program.Main"/>.</summary>
/// <param name="In">Standard input (<c>rnngen run</c> reads it when there is no <c>--input</c> file).</param>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: the one <c>rnngen: error:</c> line when a command fails.</param>
/// <param name="Interactive">Standard output is a terminal, not a file or a pipe: <c>rnngen train</c> shows a progress bar there.</param>
/// <param name="BulkOut">
/// Standard output for the streaming commands (<c>run</c>, <c>tag</c> over many lines), which write large blocks and flush
/// each: a buffered UTF-8 writer over the output stream (the console's own writer writes through a 256-character buffer);
/// null: <paramref name="Out"/>.
/// </param>
internal sealed record Terminal(TextReader In, TextWriter Out, TextWriter Error, bool Interactive = false, TextWriter? BulkOut = null)
{
    /// <summary>Where the streaming commands write: <see cref="BulkOut"/>, else <see cref="Out"/>.</summary>
    public TextWriter StreamOut => BulkOut ?? Out;

    /// <summary>Writes the lines to stdout and returns <see cref="ExitCodes.Success"/>, or reports the failure.</summary>
    public int Emit(Result<IReadOnlyList<string>> result) => result.Failure is null ? Print(result.Value, ExitCodes.Success) : Fail(result.Failure);

    /// <summary>Writes the lines to stdout and returns <paramref name="exitCode"/>.</summary>
    public int Print(IReadOnlyList<string> lines, int exitCode)
    {
        foreach (string line in lines) Out.WriteLine(line);
        return exitCode;
    }

    /// <summary>Writes the failure's details, then one <c>rnngen: error:</c> line, to stderr and returns its exit code.</summary>
    public int Fail(Failure failure)
    {
        foreach (string line in failure.Details ?? []) Error.WriteLine(line);
        Error.WriteLine(ErrorLine.Format(failure.Message));
        return failure.ExitCode;
    }
}
