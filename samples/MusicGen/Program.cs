using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using MusicGen.Commands;
using RnnGen;

namespace MusicGen;

/// <summary>
/// musicgen: trains the character-level ABC generators of samples/music/ on the tunes <c>rnngen-data music</c> wrote,
/// scores them by perplexity per symbol as the n-gram baseline is scored, and samples tunes. The edge of the tool:
/// files, the console and the clock.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var root = new RootCommand("Train, score and sample the ABC tune generators of samples/music/.")
        {
            TrainCommand.Create(), EvalCommand.Create(), SampleCommand.Create(), CheckCommand.Create(), SpeedCommand.Create(),
        };
        try
        {
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action?.ClearsParseErrors != true)
            {
                Console.Error.WriteLine("musicgen: " + string.Join("; ", parsed.Errors.Select(e => e.Message)) + " (see --help)");
                return 2;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or WeightsException)
        {
            Console.Error.WriteLine("musicgen: " + e.Message);
            return 1;
        }
    }
}
