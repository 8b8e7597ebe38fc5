using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace RnnGen.Data.Speech;

/// <summary>
/// <c>clips.tsv</c>, the list of the spoken-digit data's clips: a header, then one clip a line,
/// <c>file label accent variant speed pitch snr_db split</c> separated by tabs (snr_db empty for a clean clip).
/// </summary>
public static class SpeechManifest
{
    public const string FileName = "clips.tsv";

    private const string Header = "file\tlabel\taccent\tvariant\tspeed\tpitch\tsnr_db\tsplit";

    public static string Format(IEnumerable<SpeechClip> clips)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (SpeechClip c in clips)
        {
            string snr = c.SnrDb is double db ? db.ToString("R", CultureInfo.InvariantCulture) : "";
            text.Append(CultureInfo.InvariantCulture, $"{c.File}\t{c.Label}\t{c.Accent}\t{c.Variant}\t{c.Speed}\t{c.Pitch}\t{snr}\t{c.Split}\n");
        }
        return text.ToString();
    }

    /// <summary>The clips of a manifest; a malformed line is an InvalidDataException naming <c>file:line</c>.</summary>
    public static IReadOnlyList<SpeechClip> Parse(string text, string source)
    {
        string[] lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
        {
            throw new InvalidDataException($"{source}:1: the header is not '{Header.Replace("\t", " ", StringComparison.Ordinal)}' (tab-separated)");
        }
        var clips = new List<SpeechClip>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] f = line.Split('\t');
            if (f.Length != 8) throw new InvalidDataException($"{source}:{i + 1}: {f.Length} tab-separated fields, expected 8");
            if (!int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int speed)
                || !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out int pitch))
            {
                throw new InvalidDataException($"{source}:{i + 1}: the speed '{f[4]}' or the pitch '{f[5]}' is not a whole number");
            }
            double? snr = null;
            if (f[6].Length > 0)
            {
                if (!double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out double db) || !double.IsFinite(db))
                {
                    throw new InvalidDataException($"{source}:{i + 1}: the SNR '{f[6]}' is not a number (empty for a clean clip)");
                }
                snr = db;
            }
            if (!SpeechSplit.Digits.Contains(f[1])) throw new InvalidDataException($"{source}:{i + 1}: the label '{f[1]}' is not one of {string.Join(", ", SpeechSplit.Digits)}");
            if (f[7] is not (SpeechSplit.Train or SpeechSplit.Valid or SpeechSplit.Test)) throw new InvalidDataException($"{source}:{i + 1}: the split '{f[7]}' is not train, valid or test");
            clips.Add(new SpeechClip(f[0], f[1], f[2], f[3], speed, pitch, snr, f[7]));
        }
        return clips;
    }
}
