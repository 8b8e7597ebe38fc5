using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RnnGen.Data.Dna;

/// <summary>
/// Reads crp0.s: FASTA whose header line is <c>&gt;name start1 [start2 ...]</c>, the 1-based starts of the sequence's
/// 22-base CRP sites, followed by the sequence on one or more lines. Bases are upper-cased; blank lines are skipped.
/// </summary>
public static class CrpFasta
{
    /// <summary>Parses the file's text.</summary>
    /// <exception cref="FormatException">A malformed header or base, a site outside its sequence, or no sequence at all; with the file and line.</exception>
    public static IReadOnlyList<DnaSequence> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DnaSequence>();
        string? name = null;
        int[] starts = [];
        int headerLine = 0;
        var bases = new StringBuilder();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0) continue;
            if (line[0] == '>')
            {
                Flush();
                string[] f = line[1..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 0) throw new FormatException(FormattableString.Invariant($"{fileName}({n + 1}): a header without a name."));
                name = f[0];
                headerLine = n + 1;
                starts = new int[f.Length - 1];
                for (int i = 1; i < f.Length; i++)
                {
                    if (!int.TryParse(f[i], NumberStyles.None, CultureInfo.InvariantCulture, out int start) || start < 1)
                    {
                        throw new FormatException(FormattableString.Invariant($"{fileName}({n + 1}): '{f[i]}' is not a 1-based site start."));
                    }
                    starts[i - 1] = start - 1;
                }
                continue;
            }
            if (name is null) throw new FormatException(FormattableString.Invariant($"{fileName}({n + 1}): bases before the first '>' header."));
            foreach (char c in line)
            {
                char b = char.ToUpperInvariant(c);
                if (b is not ('A' or 'C' or 'G' or 'T' or 'N')) throw new FormatException(FormattableString.Invariant($"{fileName}({n + 1}): '{c}' is not a base."));
                bases.Append(b);
            }
        }
        Flush();
        if (result.Count == 0) throw new FormatException($"{fileName}: no sequence.");
        return result;

        void Flush()
        {
            if (name is null) return;
            foreach (int s in starts)
            {
                if (s + DnaSequence.SiteLength > bases.Length)
                {
                    throw new FormatException(FormattableString.Invariant(
                        $"{fileName}({headerLine}): {name}: a site at {s + 1} (1-based) does not fit in {bases.Length} bases."));
                }
            }
            result.Add(new DnaSequence(name, bases.ToString(), starts));
            bases.Clear();
            name = null;
        }
    }
}
