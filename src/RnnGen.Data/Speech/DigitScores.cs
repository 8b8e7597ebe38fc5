using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RnnGen.Data.Stats;

namespace RnnGen.Data.Speech;

/// <summary>
/// The scores of a digit classifier: each clip's gold and predicted digit, the accuracy (with a 95 % Wilson interval),
/// the accuracy per SNR and per voice variant, and the confusion table (rows: the digit said; columns: the one predicted).
/// </summary>
public sealed class DigitScores
{
    private readonly IReadOnlyList<SpeechClip> _clips;
    private readonly int[] _predicted;

    public DigitScores(IReadOnlyList<SpeechClip> clips, int[] predicted)
    {
        if (clips.Count != predicted.Length) throw new ArgumentException($"{predicted.Length} predictions for {clips.Count} clips", nameof(predicted));
        _clips = clips;
        _predicted = predicted;
    }

    public int Count => _clips.Count;

    public int Correct => Enumerable.Range(0, Count).Count(i => IsCorrect(i));

    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    private bool IsCorrect(int i) => SpeechSplit.Digits[_predicted[i]] == _clips[i].Label;

    /// <summary>Accuracy of the clips each key groups, in the keys' first-seen order.</summary>
    public IReadOnlyList<(string Key, int Correct, int Count)> By(Func<SpeechClip, string> key) =>
        Enumerable.Range(0, Count).GroupBy(i => key(_clips[i]))
            .Select(g => (g.Key, g.Count(IsCorrect), g.Count())).ToList();

    /// <summary>counts[gold, predicted].</summary>
    public int[,] Confusion()
    {
        int n = SpeechSplit.Digits.Count;
        var counts = new int[n, n];
        for (int i = 0; i < Count; i++)
        {
            int gold = SpeechSplit.DigitIndex(_clips[i].Label);
            counts[gold, _predicted[i]]++;
        }
        return counts;
    }

    /// <summary>The report speech-train and speech-eval print: markdown tables, as docs/models.md shows them.</summary>
    public string Format(string title)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        (double low, double high) = new Proportion(Correct, Count).Wilson();
        text.Append(c, $"{title}: {Correct} of {Count} clips right, accuracy {Accuracy:0.0000} (95 % interval {low:0.0000}-{high:0.0000})\n\n");
        text.Append("| SNR | clips | accuracy |\n| --- | ---: | ---: |\n");
        foreach ((string key, int right, int count) in By(cl => cl.SnrText).OrderBy(g => g.Key == "clean" ? double.NegativeInfinity : -double.Parse(g.Key.Split(' ')[0], c)))
        {
            text.Append(c, $"| {key} | {count} | {(double)right / count:0.0000} |\n");
        }
        text.Append("\n| voice variant | clips | accuracy |\n| --- | ---: | ---: |\n");
        foreach ((string key, int right, int count) in By(cl => cl.Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(c, $"| {key} | {count} | {(double)right / count:0.0000} |\n");
        }
        int[,] confusion = Confusion();
        text.Append("\n| said \\ heard | ").Append(string.Join(" | ", SpeechSplit.Digits)).Append(" |\n| --- |");
        text.Append(string.Concat(Enumerable.Repeat(" ---: |", SpeechSplit.Digits.Count))).Append('\n');
        for (int g = 0; g < SpeechSplit.Digits.Count; g++)
        {
            text.Append("| ").Append(SpeechSplit.Digits[g]).Append(" |");
            for (int p = 0; p < SpeechSplit.Digits.Count; p++)
            {
                string cell = confusion[g, p].ToString(c);
                text.Append(' ').Append(g == p ? "**" + cell + "**" : cell).Append(" |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
