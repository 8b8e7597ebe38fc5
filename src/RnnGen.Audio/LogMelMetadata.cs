using System;
using System.Collections.Generic;
using System.Globalization;

namespace RnnGen.Audio;

/// <summary>
/// The front end's parameters as entries of a weights file's metadata (<c>log-mel.sample-rate</c>, …), so that a model
/// trained on log-mel frames says how its inputs were made and a tool that feeds it audio computes them the same way.
/// </summary>
public static class LogMelMetadata
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "log-mel.";

    private const string SampleRate = Prefix + "sample-rate";
    private const string Window = Prefix + "window";
    private const string Hop = Prefix + "hop";
    private const string Fft = Prefix + "fft";
    private const string Bands = Prefix + "bands";
    private const string Low = Prefix + "low-hz";
    private const string High = Prefix + "high-hz";
    private const string Floor = Prefix + "log-floor";
    private const string Mean = Prefix + "mean-normalization";

    /// <summary>The entries that describe <paramref name="options"/> (numbers in the invariant culture, round-trip).</summary>
    /// <param name="options">The front end's parameters.</param>
    public static IReadOnlyDictionary<string, string> Write(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CultureInfo c = CultureInfo.InvariantCulture;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SampleRate] = options.SampleRate.ToString(c),
            [Window] = options.WindowLength.ToString(c),
            [Hop] = options.HopLength.ToString(c),
            [Fft] = options.FftLength.ToString(c),
            [Bands] = options.MelBands.ToString(c),
            [Low] = options.LowFrequency.ToString("R", c),
            [High] = options.HighFrequency.ToString("R", c),
            [Floor] = options.LogFloor.ToString("R", c),
            [Mean] = options.MeanNormalization ? "true" : "false",
        };
    }

    /// <summary>
    /// The parameters a weights file's metadata names: <see langword="null"/> with no problem when it has no
    /// <c>log-mel.</c> entry at all; <see langword="null"/> and a problem naming the entry when one is missing,
    /// malformed or the parameters cannot be used.
    /// </summary>
    /// <param name="metadata">The file's metadata.</param>
    /// <param name="problem">What is wrong, or <see langword="null"/>.</param>
    public static LogMelOptions? Read(IReadOnlyDictionary<string, string> metadata, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        problem = null;
        bool any = false;
        foreach (string key in metadata.Keys) any |= key.StartsWith(Prefix, StringComparison.Ordinal);
        if (!any) return null;
        string? missing = null;
        int Int(string key)
        {
            if (metadata.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) return v;
            missing ??= key;
            return 0;
        }
        double Real(string key)
        {
            if (metadata.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
            missing ??= key;
            return 0;
        }
        bool Flag(string key)
        {
            if (metadata.TryGetValue(key, out string? text) && text is "true" or "false") return text == "true";
            missing ??= key;
            return false;
        }
        var options = new LogMelOptions
        {
            SampleRate = Int(SampleRate),
            WindowLength = Int(Window),
            HopLength = Int(Hop),
            FftLength = Int(Fft),
            MelBands = Int(Bands),
            LowFrequency = Real(Low),
            HighFrequency = Real(High),
            LogFloor = (float)Real(Floor),
            MeanNormalization = Flag(Mean),
        };
        if (missing is not null)
        {
            problem = $"the metadata entry '{missing}' is missing or not {(missing == Mean ? "true or false" : "a number")}";
            return null;
        }
        problem = options.Problem();
        return problem is null ? options : null;
    }
}
