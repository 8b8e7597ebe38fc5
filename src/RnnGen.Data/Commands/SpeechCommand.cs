using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RnnGen.Audio;
using RnnGen.Data.Speech;

namespace RnnGen.Data.Commands;

/// <summary>
/// <c>speech --cache data/cache --out data/speech --seed 1</c>: the clean espeak-ng clips of scripts/make-speech.sh as
/// noisy clips split by voice variant (<see cref="SpeechSplit"/>, <see cref="SpeechDataset"/>), and clips.tsv.
/// </summary>
internal static class SpeechCommand
{
    public static Command Create()
    {
        Option<string> cache = Options.Cache();
        Option<string> output = Options.Out("data/speech");
        Option<ulong> seed = new("--seed") { Description = "The seed of the added noise.", DefaultValueFactory = _ => 1 };
        var command = new Command("speech", "Write the spoken digits of scripts/make-speech.sh (DIR/speech/clean) with seeded white noise at 20, 10 and 5 dB SNR, split by voice variant, and clips.tsv.")
        {
            cache, output, seed,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(cache), parsed.GetRequiredValue(output), parsed.GetValue(seed)));
        return command;
    }

    private static int Run(string cache, string outFolder, ulong seed)
    {
        string clean = Path.Combine(cache, "speech", "clean");
        if (!File.Exists(Path.Combine(clean, "voices.tsv")))
        {
            throw new IOException($"{clean}: no clips of scripts/make-speech.sh here; run it first (bash scripts/make-speech.sh --cache {Path.Combine(cache, "speech")})");
        }
        IEnumerable<string> files = Directory.EnumerateFiles(clean, "*.wav", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(clean, f).Replace('\\', '/'));
        IReadOnlyList<SpeechSource> plan = SpeechDataset.Plan(files, clean);
        Parallel.ForEach(plan, source =>
        {
            PcmAudio audio = WavFile.Read(Path.Combine(clean, source.CleanFile));
            float[] samples = source.Clip.SnrDb is double db
                ? NoiseMixer.Mix(audio.Samples.Span, db, NoiseMixer.ClipSeed(seed, source.Index))
                : audio.Samples.ToArray();
            string path = Path.Combine(outFolder, source.Clip.File);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WavFile.Write(path, new PcmAudio(audio.SampleRate, samples));
        });
        File.WriteAllText(Path.Combine(outFolder, SpeechManifest.FileName), SpeechManifest.Format(plan.Select(p => p.Clip)), new UTF8Encoding(false));
        foreach (IGrouping<string, SpeechClip> split in plan.Select(p => p.Clip).GroupBy(c => c.Split))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{split.Key}: {split.Count()} clips, {split.Select(c => c.Voice).Distinct().Count()} voices ({string.Join(" ", split.Select(c => c.Variant).Distinct())}), SNR {string.Join(" / ", split.GroupBy(c => c.SnrText).Select(g => $"{g.Key} {g.Count()}"))}"));
        }
        Console.WriteLine($"wrote {plan.Count} clips under {outFolder} and {Path.Combine(outFolder, SpeechManifest.FileName)}");
        return 0;
    }
}
