using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Speech;

/// <summary>
/// The split of the spoken-digit data by espeak-ng voice variant, so that the test voices are never heard in training:
/// every accent of a variant is in the same split. Training m1 m2 m4 m7 f1 f3, validation (early stopping) m5 f4,
/// test m3 m6 f2: of the 11 variants 6, 2 and 3, each with male and female ones.
/// </summary>
public static class SpeechSplit
{
    public const string Train = "train";
    public const string Valid = "valid";
    public const string Test = "test";

    public static IReadOnlyList<string> TrainVariants { get; } = ["m1", "m2", "m4", "m7", "f1", "f3"];

    public static IReadOnlyList<string> ValidVariants { get; } = ["m5", "f4"];

    public static IReadOnlyList<string> TestVariants { get; } = ["m3", "m6", "f2"];

    /// <summary>The SNRs of the added white noise, in dB; null is the clean clip.</summary>
    public static IReadOnlyList<double?> Snrs { get; } = [null, 20.0, 10.0, 5.0];

    /// <summary>The digits, in the order of the model's outputs.</summary>
    public static IReadOnlyList<string> Digits { get; } = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The split of a variant, or null for a variant the split does not know.</summary>
    public static string? Of(string variant) =>
        TrainVariants.Contains(variant) ? Train : ValidVariants.Contains(variant) ? Valid : TestVariants.Contains(variant) ? Test : null;

    /// <summary>The output index of a digit's label.</summary>
    public static int DigitIndex(string label)
    {
        for (int i = 0; i < Digits.Count; i++) if (Digits[i] == label) return i;
        throw new ArgumentException($"'{label}' is not a digit", nameof(label));
    }
}
