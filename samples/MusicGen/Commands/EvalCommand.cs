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

/// <summary><c>musicgen eval</c>: perplexity per symbol on the validation and test tunes, streamed through the generated Step.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        Argument<string> model = Shared.ModelArgument();
        Option<string> data = Shared.DataOption();
        Option<string> weights = Shared.WeightsOption();
        var command = new Command("eval", "Perplexity per symbol on the validation and test tunes, streamed through the generated Step.")
        {
            model, data, weights,
        };
        command.SetAction(p =>
        {
            MusicModel m = MusicModels.Find(p.GetRequiredValue(model));
            string folder = p.GetRequiredValue(data);
            Vocabulary vocabulary = Shared.CheckedVocabulary(m, folder);
            int end = vocabulary.IndexOf(AbcSymbols.End);
            INextSymbolModel loaded = m.Load(Shared.WeightsPath(m.Key, p.GetValue(weights)));
            foreach (TunePart part in new[] { TunePart.Valid, TunePart.Test })
            {
                IReadOnlyList<int[]> tunes = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, part));
                (double perplexity, long n) = SymbolScores.Perplexity(loaded, tunes, end);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Key} {TuneSplit.FileStem(part)}: perplexity per symbol {perplexity:F3} over {n:N0} symbols ({tunes.Count} tunes)"));
            }
            return 0;
        });
        return command;
    }
}
