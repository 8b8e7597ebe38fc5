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

/// <summary><c>musicgen check</c>: abc2midi's verdict on every tune of a folder.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "A folder of .abc files (one tune each)." };
        var against = new Option<string?>("--against")
        {
            Description = "Also give each tune's longest run of characters shared with this file (the training tunes: data/music/train.abc).",
            HelpName = "file",
        };
        var command = new Command("check", "Run abc2midi on every .abc file of a folder; count the tunes it accepts (exit 0, no Error line, a MIDI file with a note) and write check.tsv.")
        {
            folder, against,
        };
        command.SetAction(p =>
        {
            string dir = p.GetRequiredValue(folder);
            if (!Directory.Exists(dir)) throw new FileNotFoundException($"{dir} is not a folder.");
            string[] files = Directory.EnumerateFiles(dir, "*.abc").Order(StringComparer.Ordinal).ToArray();
            AbcCheckResult[] results = files.Select(AbcCheck.Run).ToArray();
            string? corpus = p.GetValue(against) is string path ? File.ReadAllText(path) : null;
            var table = new StringBuilder("file\texit\terror_lines\tmidi\tmidi_notes\taccepted\tcharacters\tlongest_copied_run\n");
            var copied = new List<int>();
            foreach (AbcCheckResult r in results)
            {
                string text = File.ReadAllText(r.File);
                int run = corpus is null ? -1 : CopiedRun.Longest(text, corpus).Length;
                if (run >= 0) copied.Add(run);
                table.Append(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(r.File)}\t{r.ExitCode}\t{r.Errors}\t{r.Midi}\t{r.Notes}\t{(r.Accepted ? "yes" : "no")}\t{text.Length}\t{(run >= 0 ? run.ToString(CultureInfo.InvariantCulture) : "")}\n");
            }
            File.WriteAllText(Path.Combine(dir, "check.tsv"), table.ToString());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: {results.Count(r => r.Accepted)} of {results.Length} accepted by abc2midi; exit 0: {results.Count(r => r.ExitCode == 0)}, and no Error line: {results.Count(r => r.ExitCode == 0 && r.Errors == 0)}, and a note: {results.Count(r => r.Accepted)}"));
            Console.WriteLine("accepted: " + string.Join(" ", results.Where(r => r.Accepted).Select(r => Path.GetFileName(r.File))));
            if (copied.Count > 0)
            {
                copied.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"longest run of characters shared with {p.GetValue(against)}: median {copied[copied.Count / 2]}, largest {copied[^1]}"));
            }
            return 0;
        });
        return command;
    }
}
