using System;
using System.IO;
using System.Security;
using System.Text;

namespace RnnGen.Cli;

/// <summary>The edge of rnngen: the console, and the one place exceptions are caught.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var bulkOut = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        var terminal = new Terminal(Console.In, Console.Out, Console.Error, Interactive: !Console.IsOutputRedirected, BulkOut: bulkOut);
        try
        {
            return CommandLine.Run(args, terminal);
        }
        catch (WeightsException e)
        {
            return terminal.Fail(Failure.BadInput(e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            return terminal.Fail(Failure.BadInput(e.Message));
        }
        catch (Exception e)
        {
            return terminal.Fail(new Failure(ExitCodes.InternalError, $"internal error ({e.GetType().Name}): {e.Message}"));
        }
    }
}
