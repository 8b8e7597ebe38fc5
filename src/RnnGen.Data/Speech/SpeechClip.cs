using System;
using System.Globalization;

namespace RnnGen.Data.Speech;

/// <summary>
/// One clip of the spoken-digit data: its WAV file (relative to the data folder), the digit said, the espeak-ng voice
/// (accent + variant), speed (words per minute) and pitch it was spoken with, the SNR of the noise added (null: none)
/// and its split.
/// </summary>
public sealed record SpeechClip(string File, string Label, string Accent, string Variant, int Speed, int Pitch, double? SnrDb, string Split)
{
    /// <summary>The espeak-ng voice: accent+variant (en-us+m3).</summary>
    public string Voice => Accent + "+" + Variant;

    /// <summary>The SNR as the tables print it: "clean" or "20 dB".</summary>
    public string SnrText => SnrDb is double db ? db.ToString("0.#", CultureInfo.InvariantCulture) + " dB" : "clean";
}
