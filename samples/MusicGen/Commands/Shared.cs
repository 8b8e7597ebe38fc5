using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen;
using RnnGen.Data.Music;
using RnnGen.Training;

namespace MusicGen.Commands;

/// <summary>What several commands share: the model argument, the data and weights options, the vocabulary check, the timing.</summary>
internal static class Shared
{
    public static Argument<string> ModelArgument() => new("model") { Description = "abc-tunes (a GRU, a = 128), abc-gru-64 or abc-lstm-128." };

    public static Option<string> DataOption() => new("--data")
    {
        Description = "The folder rnngen-data music wrote.", HelpName = "dir", DefaultValueFactory = _ => "data/music",
    };

    public static Option<string> WeightsOption() => new("--weights")
    {
        Description = "The weights file (default: samples/music/<model>.safetensors).", HelpName = "file",
    };

    public static string WeightsPath(string key, string? weights) => weights ?? Path.Combine("samples", "music", key + ".safetensors");
    /// <summary>Symbols per second of <paramref name="run"/> (which returns how many it made): one untimed warm-up, then the median, min and max of the timed runs.</summary>
    public static (double Median, double Min, double Max) Rates(int timed, Func<long> run)
    {
        var rates = new List<double>();
        for (int k = 0; k <= timed; k++)
        {
            var clock = Stopwatch.StartNew();
            long symbols = run();
            clock.Stop();
            if (k > 0) rates.Add(symbols / clock.Elapsed.TotalSeconds);
        }
        rates.Sort();
        return (rates[rates.Count / 2], rates[0], rates[^1]);
    }

    public static Vocabulary CheckedVocabulary(MusicModel model, string folder)
    {
        Vocabulary data = MusicData.ReadVocabulary(folder);
        if (!data.Tokens.SequenceEqual(model.Vocabulary.Tokens))
        {
            throw new FormatException(
                $"{Path.Combine(folder, MusicData.VocabularyFile)} is not the vocabulary {model.Key} was compiled with (samples/music/abc.vocab.txt); copy it there and rebuild, or rewrite the data with the seed the model was made with.");
        }
        return data;
    }
}
