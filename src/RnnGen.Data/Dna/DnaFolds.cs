using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Dna;

/// <summary>One leave-one-sequence-out fold.</summary>
/// <param name="Number">1-based: fold k holds out the k-th sequence of the file.</param>
/// <param name="HeldOut">The held-out sequence's name.</param>
/// <param name="Train">Every other sequence, each followed by its reverse complement, in file order.</param>
/// <param name="Test">The held-out sequence and its reverse complement.</param>
public sealed record DnaFold(int Number, string HeldOut, IReadOnlyList<DnaSequence> Train, IReadOnlyList<DnaSequence> Test);

/// <summary>
/// Leave-one-sequence-out cross-validation over the sequences of crp0.s, with reverse complements: fold k tests on
/// sequence k and its reverse complement and trains on the others and theirs. The held-out sequence's reverse
/// complement is never in training (it is the same DNA, read on the other strand).
/// </summary>
public static class DnaFolds
{
    /// <summary>Every sequence followed by its reverse complement, in file order (all the data, for a final model).</summary>
    public static IReadOnlyList<DnaSequence> WithReverseComplements(IEnumerable<DnaSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return sequences.SelectMany(s => new[] { s, s.ReverseComplement() }).ToArray();
    }

    /// <summary>One fold per sequence.</summary>
    public static IReadOnlyList<DnaFold> Make(IReadOnlyList<DnaSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var folds = new List<DnaFold>(sequences.Count);
        for (int k = 0; k < sequences.Count; k++)
        {
            IReadOnlyList<DnaSequence> train = WithReverseComplements(sequences.Where((_, i) => i != k));
            IReadOnlyList<DnaSequence> test = WithReverseComplements([sequences[k]]);
            folds.Add(new DnaFold(k + 1, sequences[k].Name, train, test));
        }
        return folds;
    }

    /// <summary>The folder name of fold <paramref name="number"/>: fold-01, fold-02, ...</summary>
    public static string FolderName(int number) => FormattableString.Invariant($"fold-{number:D2}");
}
