using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Diagnostics;

/// <summary>
/// How a message shows text that came from an input file: never all of it when it is long, so that a 10,000-digit size
/// or a megabyte-long property name costs a line in the error list, not the build's log.
/// </summary>
internal static class DiagnosticText
{
    /// <summary>The most characters of a value from a file that a message shows.</summary>
    public const int MaxValueLength = 80;

    /// <summary>The most characters of any one message argument (a safety net for values no site clipped).</summary>
    public const int MaxArgumentLength = 1000;

    /// <summary>
    /// <paramref name="value"/>, or when it is longer than <paramref name="max"/> its start and
    /// "… (12,345 characters)", cut between characters (never inside a surrogate pair).
    /// </summary>
    public static string Clip(string value, int max = MaxValueLength)
    {
        if (value.Length <= max) return value;
        int keep = max;
        if (char.IsHighSurrogate(value[keep - 1])) keep--;
        return value.Substring(0, keep) + "… (" + value.Length.ToString("#,0", CultureInfo.InvariantCulture) + " characters)";
    }

    /// <summary>The most errors reported for one file; the rest are counted in one <see cref="DiagnosticRules.TooManyProblems"/>.</summary>
    public const int MaxErrorsPerFile = 100;

    /// <summary>
    /// Every warning, and the first <see cref="MaxErrorsPerFile"/> errors, of one file's diagnostics; past them, one
    /// RNN0032 at the first error not reported, which counts them: a spec with 200,000 unknown properties costs 101
    /// lines, not 45 MB. <paramref name="errors"/> is the number of errors found, of which <paramref name="diagnostics"/>
    /// need to hold only the first <see cref="MaxErrorsPerFile"/> + 1 (a step that finds more can stop keeping them).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Capped(IReadOnlyList<DiagnosticInfo> diagnostics, int errors)
    {
        if (errors <= MaxErrorsPerFile) return diagnostics.ToEquatableArray();
        var kept = new List<DiagnosticInfo>();
        int seen = 0;
        foreach (DiagnosticInfo d in diagnostics)
        {
            if (d.Rule.Severity != RuleSeverity.Error) { kept.Add(d); continue; }
            seen++;
            if (seen <= MaxErrorsPerFile) kept.Add(d);
            else if (seen == MaxErrorsPerFile + 1)
            {
                kept.Add(DiagnosticInfo.Create(DiagnosticRules.TooManyProblems, d.FilePath, d.Range,
                    (errors - MaxErrorsPerFile).ToString("#,0", CultureInfo.InvariantCulture), MaxErrorsPerFile.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return kept.ToEquatableArray();
    }

    /// <summary>Whether a step that has found <paramref name="errors"/> errors so far still needs to keep the next one.</summary>
    public static bool Keeps(int errors) => errors <= MaxErrorsPerFile + 1;
}
