using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Names;

/// <summary>The three splits of the names data.</summary>
public enum Split
{
    /// <summary>Training documents (about 80 %).</summary>
    Train,

    /// <summary>Validation documents for early stopping and choices (about 10 %).</summary>
    Dev,

    /// <summary>Held-out test documents (about 10 %).</summary>
    Test,
}

/// <summary>
/// Assigns whole Brown documents to splits, stratified by genre and fixed by the file names alone: within each genre
/// the files are taken in order of their names (ca01, ca02, ...), and the k-th of them (k from 0) goes to
/// <see cref="Split.Test"/> when k mod 10 = 4, to <see cref="Split.Dev"/> when k mod 10 = 7, and to
/// <see cref="Split.Train"/> otherwise. So ca05, ca15, ... are test and ca08, ca18, ... are dev; every genre of at
/// least 8 files has both, and genre m (6 files) has one test file and no dev file.
/// </summary>
public static class DocumentSplit
{
    /// <summary>The split of each of <paramref name="documentIds"/> (Brown file names; their order does not matter).</summary>
    /// <exception cref="ArgumentException">A name is not a Brown file name, or appears twice.</exception>
    public static IReadOnlyDictionary<string, Split> Assign(IEnumerable<string> documentIds)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var ids = documentIds.ToList();
        foreach (string id in ids)
        {
            if (!BrownDocument.IsDocumentId(id)) throw new ArgumentException($"'{id}' is not a Brown file name.", nameof(documentIds));
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count) throw new ArgumentException("A document appears twice.", nameof(documentIds));
        var result = new Dictionary<string, Split>(StringComparer.Ordinal);
        foreach (IGrouping<char, string> genre in ids.GroupBy(id => id[1]))
        {
            int k = 0;
            foreach (string id in genre.OrderBy(id => id, StringComparer.Ordinal))
            {
                result[id] = (k % 10) switch
                {
                    4 => Split.Test,
                    7 => Split.Dev,
                    _ => Split.Train,
                };
                k++;
            }
        }
        return result;
    }

    /// <summary>The file-name stem of a split: train, dev, test.</summary>
    public static string FileStem(Split split) => split switch
    {
        Split.Train => "train",
        Split.Dev => "dev",
        Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };
}
