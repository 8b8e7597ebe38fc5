using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen;

/// <summary>
/// How an error message shows what came from a file or an input: never all of it when it is long or many, so that a
/// safetensors header of a million tensor names, or a name of a megabyte, gives a message of a line or two.
/// </summary>
internal static class MessageText
{
    /// <summary>The most characters of one value a message shows.</summary>
    public const int MaxValueLength = 80;

    /// <summary>The most items of a list a message shows.</summary>
    public const int MaxListItems = 20;

    /// <summary>The most characters of a message's detail (a safety net for values no site clipped).</summary>
    public const int MaxDetailLength = 4000;

    /// <summary><paramref name="value"/>, or its start and "… (12,345 characters)", cut between characters.</summary>
    public static string Clip(string value, int max = MaxValueLength)
    {
        if (value.Length <= max) return value;
        int keep = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return string.Concat(value.AsSpan(0, keep), "… (", value.Length.ToString("#,0", CultureInfo.InvariantCulture), " characters)");
    }

    /// <summary>"a, b, c", or the first <see cref="MaxListItems"/> and "… and 980 more"; each item clipped.</summary>
    public static string List(IEnumerable<string> items)
    {
        var shown = new List<string>();
        int count = 0;
        foreach (string item in items)
        {
            if (++count <= MaxListItems) shown.Add(Clip(item));
        }
        string list = string.Join(", ", shown);
        return count <= MaxListItems ? list : list + string.Create(CultureInfo.InvariantCulture, $", … and {count - MaxListItems:#,0} more");
    }
}
