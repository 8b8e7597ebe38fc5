using System;

namespace RnnGen.Data.Names;

/// <summary>
/// What the labelling rule reads of a Brown tag. A tag is a base tag (<c>np</c>, <c>np$</c>, <c>nps</c>, <c>nn</c>,
/// <c>nr</c>, ...), optionally after <c>fw-</c> (a foreign word) and before the suffixes <c>-tl</c> (the word is in a
/// title: "Zorkville/np-tl County/nn-tl"), <c>-hl</c> (in a headline) and <c>-nc</c> (a cited word), in any order.
/// </summary>
public static class BrownTag
{
    /// <summary>The base tag: lower case, without <c>fw-</c> and without the <c>-tl</c>, <c>-hl</c> and <c>-nc</c> suffixes.</summary>
    public static string Base(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        string t = tag.ToLowerInvariant();
        if (t.StartsWith("fw-", StringComparison.Ordinal)) t = t[3..];
        while (true)
        {
            if (t.EndsWith("-tl", StringComparison.Ordinal) || t.EndsWith("-hl", StringComparison.Ordinal) || t.EndsWith("-nc", StringComparison.Ordinal))
            {
                t = t[..^3];
            }
            else
            {
                return t;
            }
        }
    }

    /// <summary>
    /// A proper noun of any kind: base tag <c>np</c>, <c>np$</c> (possessive), <c>nps</c>, <c>nps$</c> (plural) or a
    /// contraction starting with one (<c>np+bez</c>: "John's" for "John is"). Runs of these are what the hand check of
    /// recall samples. Weekdays (<c>nr</c>) are not proper nouns in Brown.
    /// </summary>
    public static bool IsProperNoun(string tag) => Base(tag).StartsWith("np", StringComparison.Ordinal);

    /// <summary>
    /// A proper noun that can be part of one person's name: <c>np</c>, <c>np$</c>, or <c>np+</c> a contraction. Plurals
    /// (<c>nps</c>, <c>nps$</c>: "Americans", "the Kennedys") name groups or families, not a person, and are never
    /// labelled.
    /// </summary>
    public static bool IsNamePart(string tag)
    {
        string b = Base(tag);
        return b is "np" or "np$" || b.StartsWith("np+", StringComparison.Ordinal);
    }

    /// <summary>Whether the tag carries <c>-tl</c>: the word is part of a title, such as "Zorkville County" or "New York".</summary>
    public static bool IsInTitle(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        foreach (string part in tag.ToLowerInvariant().Split('-'))
        {
            if (part == "tl") return true;
        }
        return false;
    }
}
