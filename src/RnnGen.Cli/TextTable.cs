using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RnnGen.Cli;

/// <summary>Lays rows of cells out as left-aligned columns two spaces apart, without trailing spaces.</summary>
internal static class TextTable
{
    /// <summary>One line per row; column i is as wide as its widest cell. Right-aligns the columns in <paramref name="rightAligned"/>.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = new int[columns];
        foreach (IReadOnlyList<string> row in rows)
        {
            for (int i = 0; i < row.Count; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        return rows.Select(row =>
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Count; i++)
            {
                if (i > 0) line.Append("  ");
                bool right = rightAligned?.Contains(i) == true;
                line.Append(right ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }
            return line.ToString().TrimEnd();
        }).ToArray();
    }
}
