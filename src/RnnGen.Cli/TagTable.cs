using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>
/// The table <c>rnngen tag</c> prints: one row per token with its outputs (F4) and what they mean.
/// A column showing <c>&lt;UNK&gt;</c> appears only when some token is not in the vocabulary.
/// </summary>
internal static class TagTable
{
    public static IReadOnlyList<string> Format(RnnModelInfo info, IReadOnlyList<TaggedToken> rows)
    {
        bool anyUnknown = rows.Any(r => r.Unknown);
        int outputsFrom = anyUnknown ? 2 : 1;
        var rightAligned = new HashSet<int>(Enumerable.Range(outputsFrom, info.OutputSize));
        return TextTable.Format(rows.Select(r => Row(info, r, anyUnknown)).ToArray(), rightAligned);
    }

    private static IReadOnlyList<string> Row(RnnModelInfo info, TaggedToken row, bool unknownColumn)
    {
        var cells = new List<string> { row.Token };
        if (unknownColumn) cells.Add(row.Unknown ? "→ " + Vocabulary.Unknown : "");
        cells.AddRange(row.Outputs.Select(Numbers.Fixed4));
        cells.Add(OutputMarks.Mark(info, row.Outputs));
        return cells;
    }
}
