using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RnnGen.Data.Speech;

/// <summary>A clean clip of <c>scripts/make-speech.sh</c> and the noisy clip made of it.</summary>
public sealed record SpeechSource(string CleanFile, SpeechClip Clip, int Index);

/// <summary>
/// Which noisy clips are made of the clean ones: a training or validation clip once, at the SNR
/// <see cref="SpeechSplit.Snrs"/>[i mod 4] for its index i in the sorted list (so each SNR is a quarter of them); a test
/// clip at every SNR, so that the test accuracy can be given per SNR.
/// </summary>
public static partial class SpeechDataset
{
    [GeneratedRegex(@"^(?<accent>[a-z0-9-]+)\+(?<variant>[a-z0-9]+)$")]
    private static partial Regex VoiceFolder();

    [GeneratedRegex(@"^(?<digit>[a-z]+)-s(?<speed>[0-9]+)-p(?<pitch>[0-9]+)\.wav$")]
    private static partial Regex CleanName();

    /// <summary>The clips to make from the clean folder's files (relative paths, sorted ordinally).</summary>
    public static IReadOnlyList<SpeechSource> Plan(IEnumerable<string> cleanFiles, string cleanFolder)
    {
        var sources = new List<SpeechSource>();
        int index = 0;
        foreach (string relative in cleanFiles.Order(StringComparer.Ordinal))
        {
            string[] parts = relative.Split('/');
            Match voice = parts.Length == 2 ? VoiceFolder().Match(parts[0]) : Match.Empty;
            Match name = parts.Length == 2 ? CleanName().Match(parts[1]) : Match.Empty;
            if (!voice.Success || !name.Success || !SpeechSplit.Digits.Contains(name.Groups["digit"].Value))
            {
                throw new InvalidDataException($"{Path.Combine(cleanFolder, relative)}: not a clip of make-speech.sh (<accent>+<variant>/<digit>-s<speed>-p<pitch>.wav)");
            }
            string variant = voice.Groups["variant"].Value;
            string split = SpeechSplit.Of(variant)
                ?? throw new InvalidDataException($"{Path.Combine(cleanFolder, relative)}: the voice variant '{variant}' is in no split (SpeechSplit)");
            int speed = int.Parse(name.Groups["speed"].Value, CultureInfo.InvariantCulture);
            int pitch = int.Parse(name.Groups["pitch"].Value, CultureInfo.InvariantCulture);
            IEnumerable<double?> snrs = split == SpeechSplit.Test ? SpeechSplit.Snrs : [SpeechSplit.Snrs[index % SpeechSplit.Snrs.Count]];
            foreach (double? snr in snrs)
            {
                string tag = snr is double db ? db.ToString("0", CultureInfo.InvariantCulture) + "db" : "clean";
                string file = $"{split}/{parts[0]}/{Path.GetFileNameWithoutExtension(parts[1])}-{tag}.wav";
                var clip = new SpeechClip(file, name.Groups["digit"].Value, voice.Groups["accent"].Value, variant, speed, pitch, snr, split);
                sources.Add(new SpeechSource(relative, clip, sources.Count));
            }
            index++;
        }
        return sources;
    }
}
