using System;
using System.Text.RegularExpressions;

namespace RnnGen.Data.Names;

/// <summary>The shapes of words inside names that the rule needs to tell apart.</summary>
public static partial class NameForms
{
    /// <summary>The word without a final possessive "'s" or "'" ("Kennedy's" gives "Kennedy", "Jesus'" gives "Jesus").</summary>
    public static string StripPossessive(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 2 && word.EndsWith("'s", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 1 && word.EndsWith('\'')) return word[..^1];
        return word;
    }

    /// <summary>An initial: one capital letter and a period ("J.").</summary>
    public static bool IsInitial(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Initial().IsMatch(word);
    }

    /// <summary>A generational suffix that ends a name: Jr., Sr., II, III, IV (with or without a period).</summary>
    public static bool IsSuffix(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        string w = word.EndsWith('.') ? word[..^1] : word;
        return w is "Jr" or "Sr" or "II" or "III" or "IV";
    }

    [GeneratedRegex("^[A-Z]\\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Initial();
}
