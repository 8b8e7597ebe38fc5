using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Data.Stats;

namespace RnnGen.Data.Names;

/// <summary>A hand verdict on a sampled span.</summary>
public enum Verdict
{
    /// <summary>Every word of the span is part of a person's name (labelled), or the run holds (part of) a person's name the rule missed (unlabelled).</summary>
    Person,

    /// <summary>Labelled spans only: some of its words are part of a person's name, some are not ("Dr. Smith" labelled with a place after it).</summary>
    Partial,

    /// <summary>No word of the span is part of a person's name.</summary>
    Not,
}

/// <summary>One line of the check file: a span by its identifiers and the hand verdict on it.</summary>
public sealed record Judgment(SampledSpan Span, Verdict Verdict);

/// <summary>
/// The hand check of the rule (docs/data/name-rule-check.tsv): reading the judgments, and the estimates they give.
/// The file is tab-separated with the header <c>kind file sentence start end rule verdict</c>; lines starting with
/// <c>#</c> are comments. It holds identifiers and verdicts only, never corpus text.
/// </summary>
public static class RuleCheck
{
    /// <summary>The header line.</summary>
    public const string Header = "kind\tfile\tsentence\tstart\tend\trule\tverdict";

    /// <summary>Parses the check file.</summary>
    /// <exception cref="FormatException">A malformed line, with its number.</exception>
    public static IReadOnlyList<Judgment> Parse(IReadOnlyList<string> lines, string fileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<Judgment>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line.StartsWith('#') || line == Header) continue;
            string where = FormattableString.Invariant($"{fileName}({i + 1})");
            string[] f = line.Split('\t');
            if (f.Length != 7) throw new FormatException($"{where}: expected 7 tab-separated fields ({Header.Replace('\t', ' ')}).");
            SpanKind kind = f[0] switch
            {
                "labelled" => SpanKind.Labelled,
                "unlabelled" => SpanKind.Unlabelled,
                _ => throw new FormatException($"{where}: kind '{f[0]}' is neither labelled nor unlabelled."),
            };
            NameRule rule = Enum.GetValues<NameRule>().FirstOrDefault(r => NameRuleCodes.Name(r) == f[5], (NameRule)(-1));
            if (!Enum.IsDefined(rule)) throw new FormatException($"{where}: rule '{f[5]}' is not one of title, given-name, initials, same-document, none.");
            Verdict verdict = f[6] switch
            {
                "person" => Verdict.Person,
                "partial" when kind == SpanKind.Labelled => Verdict.Partial,
                "not" => Verdict.Not,
                _ => throw new FormatException($"{where}: verdict '{f[6]}' is not person, partial (labelled only) or not."),
            };
            result.Add(new Judgment(new SampledSpan(kind, f[1], Int(f[2], where), Int(f[3], where), Int(f[4], where), rule), verdict));
        }
        return result;
    }

    /// <summary>Throws unless every judged span is one of <paramref name="sentences"/>' spans of its kind, with the same rule.</summary>
    /// <exception cref="FormatException">A judged span is not in the data (the data or the rule changed since the check).</exception>
    public static void Verify(IReadOnlyList<Judgment> judgments, IReadOnlyList<NameSentence> sentences)
    {
        (IReadOnlyList<SampledSpan> labelled, IReadOnlyList<SampledSpan> unlabelled) = SampledSpan.All(sentences);
        var known = labelled.Concat(unlabelled).ToHashSet();
        foreach (Judgment j in judgments)
        {
            if (!known.Contains(j.Span))
            {
                throw new FormatException($"The judged span {j.Span.Fields.Replace('\t', ' ')} is not in the data: the data or the rule changed since the check; draw and judge a new sample.");
            }
        }
        if (judgments.Select(j => j.Span).Distinct().Count() != judgments.Count) throw new FormatException("A span is judged twice.");
    }

    /// <summary>The estimates of the check.</summary>
    /// <param name="LabelledSpans">All labelled spans of the data (L).</param>
    /// <param name="UnlabelledRuns">All unlabelled proper-noun runs of the data (U).</param>
    /// <param name="Precision">Judged labelled spans that are wholly a person's name.</param>
    /// <param name="Found">Judged labelled spans that are wholly or partly a person's name.</param>
    /// <param name="Missed">Judged unlabelled runs that hold a person's name.</param>
    /// <param name="PrecisionByRule">Precision among the judged spans of each rule.</param>
    public sealed record Estimate(int LabelledSpans, int UnlabelledRuns, Proportion Precision, Proportion Found, Proportion Missed,
        IReadOnlyDictionary<NameRule, Proportion> PrecisionByRule)
    {
        /// <summary>
        /// Recall over proper-noun runs that hold a person's name: L·f / (L·f + U·m), with f the found share of labelled
        /// spans and m the missed share of unlabelled runs. Its interval takes f and m at the ends of their 97.5 % Wilson
        /// intervals (Bonferroni: both hold together at least 95 % of the time), so it is a conservative 95 % interval.
        /// </summary>
        public (double Value, double Low, double High) Recall()
        {
            (double fLow, double fHigh) = Found.Wilson(Proportion.Z975);
            (double mLow, double mHigh) = Missed.Wilson(Proportion.Z975);
            return (R(Found.Value, Missed.Value), R(fLow, mHigh), R(fHigh, mLow));
        }

        private double R(double found, double missed)
        {
            double tp = LabelledSpans * found;
            double fn = UnlabelledRuns * missed;
            return tp + fn == 0 ? 0 : tp / (tp + fn);
        }
    }

    /// <summary>Computes the estimates from the judgments and the data they were drawn from.</summary>
    public static Estimate Evaluate(IReadOnlyList<Judgment> judgments, IReadOnlyList<NameSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        (IReadOnlyList<SampledSpan> labelled, IReadOnlyList<SampledSpan> unlabelled) = SampledSpan.All(sentences);
        var l = judgments.Where(j => j.Span.Kind == SpanKind.Labelled).ToList();
        var u = judgments.Where(j => j.Span.Kind == SpanKind.Unlabelled).ToList();
        var byRule = l.GroupBy(j => j.Span.Rule).OrderBy(g => g.Key).ToDictionary(
            g => g.Key, g => new Proportion(g.Count(j => j.Verdict == Verdict.Person), g.Count()));
        return new Estimate(labelled.Count, unlabelled.Count,
            new Proportion(l.Count(j => j.Verdict == Verdict.Person), l.Count),
            new Proportion(l.Count(j => j.Verdict != Verdict.Not), l.Count),
            new Proportion(u.Count(j => j.Verdict == Verdict.Person), u.Count),
            byRule);
    }

    private static int Int(string text, string where) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw new FormatException($"{where}: '{text}' is not a number.");
}
