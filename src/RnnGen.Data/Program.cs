using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Data.Commands;

namespace RnnGen.Data;

/// <summary>
/// rnngen-data: the data sets of the training examples, from the cache <c>scripts/fetch-data.sh</c> fills to CoNLL
/// files, and the baselines they are compared with. The edge of the tool: the console, and where exceptions end.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var root = new RootCommand("The data sets of RnnGen's training examples: names (Brown corpus) and dna (CRP sites), as CoNLL files, with their checks and baselines; music (ABC tunes) and its n-gram baseline; and the spoken digits (speech), with the classifier's training and scores.")
        {
            NamesCommand.Create(),
            SampleCommand.Create(),
            CheckCommand.Create(),
            DnaCommand.Create(),
            PwmCommand.Create(),
            SpeechCommand.Create(),
            SpeechTrainCommand.Create(),
            SpeechTrainCommand.CreateEval(),
            MusicCommand.Create(),
            NgramCommand.Create(),
        };
        try
        {
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action?.ClearsParseErrors != true)
            {
                Console.Error.WriteLine("rnngen-data: " + string.Join("; ", parsed.Errors.Select(e => e.Message)) + " (see --help)");
                return 2;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            Console.Error.WriteLine("rnngen-data: " + e.Message);
            return 1;
        }
    }
}
