using System;
using System.IO;

namespace RnnGen.Cli;

/// <summary>The edge of the streaming commands: opens their input, runs <see cref="LineStream"/> and reports how it ended.</summary>
internal static class StreamCommand
{
    /// <summary>The input named by <c>--input</c>: a file, or standard input when it is left out or <c>-</c>.</summary>
    public static Result<TextReader> OpenInput(Terminal terminal, string? path)
    {
        if (path is null or "-") return Result<TextReader>.Ok(terminal.In);
        if (Directory.Exists(path)) return Failure.BadInput($"the input '{path}' is a directory, not a file");
        if (!File.Exists(path)) return Failure.BadInput($"cannot find the input file '{path}'");
        return Result<TextReader>.Ok(new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
    }

    /// <summary>Streams the input through workers to the terminal's output; the exit code.</summary>
    public static int Run(Terminal terminal, string command, string? inputPath, int threads, Func<ILineWorker> workers)
    {
        Result<TextReader> input = OpenInput(terminal, inputPath);
        if (input.Failure is not null) return terminal.Fail(input.Failure);
        try
        {
            Failure? failure = LineStream.Run(new LineReader(input.Value, command), terminal.StreamOut, workers, threads);
            return failure is null ? ExitCodes.Success : terminal.Fail(failure);
        }
        finally
        {
            if (!ReferenceEquals(input.Value, terminal.In)) input.Value.Dispose();
        }
    }
}
