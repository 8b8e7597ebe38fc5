using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Dna;

/// <summary>The result of the baseline on one fold.</summary>
/// <param name="Fold">The fold's number.</param>
/// <param name="Threshold">The log-odds threshold chosen on the fold's training sequences.</param>
/// <param name="Counts">Per-base counts and site hits on the fold's test sequences (both strands).</param>
public sealed record PwmFoldResult(int Fold, double Threshold, BaseCounts Counts);

/// <summary>
/// The classic baseline: scan with a position weight matrix built from the training sites, mark every base inside a
/// window (on either strand) whose score reaches a threshold. The threshold is chosen on the training sequences alone,
/// by an inner leave-one-out: each training sequence (with its reverse complement) is scored by a matrix built from the
/// other training sequences, and the threshold is the score at which marking gives the highest per-base F1 over all
/// of them together (ties: the highest such score).
/// </summary>
public static class PwmBaseline
{
    /// <summary>The default pseudocount per base and column.</summary>
    public const double DefaultPseudocount = 0.5;

    /// <summary>
    /// For each base, the best score of a window covering it (both strands); a base marked at threshold t is one whose
    /// value is at least t. Bases no window covers (a sequence shorter than a site) get negative infinity.
    /// </summary>
    public static double[] BaseScores(PositionWeightMatrix pwm, DnaSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(pwm);
        ArgumentNullException.ThrowIfNull(sequence);
        var best = new double[sequence.Length];
        Array.Fill(best, double.NegativeInfinity);
        for (int start = 0; start + pwm.Width <= sequence.Length; start++)
        {
            double score = pwm.ScoreBothStrands(sequence.Bases, start);
            for (int j = start; j < start + pwm.Width; j++) best[j] = Math.Max(best[j], score);
        }
        return best;
    }

    /// <summary>The marks at <paramref name="threshold"/>.</summary>
    public static bool[] Mark(PositionWeightMatrix pwm, DnaSequence sequence, double threshold) =>
        BaseScores(pwm, sequence).Select(s => s >= threshold).ToArray();

    /// <summary>The threshold with the best per-base F1 over scored bases (score, in a site); ties go to the highest score.</summary>
    public static double BestThreshold(IEnumerable<(double Score, bool Site)> bases)
    {
        ArgumentNullException.ThrowIfNull(bases);
        var sorted = bases.Where(b => !double.IsNegativeInfinity(b.Score)).OrderByDescending(b => b.Score).ToArray();
        int sites = sorted.Count(b => b.Site);
        if (sites == 0) throw new ArgumentException("No site base to choose a threshold on.", nameof(bases));
        double bestF1 = -1, best = double.PositiveInfinity;
        int tp = 0, fp = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Site) tp++;
            else fp++;
            if (i + 1 < sorted.Length && sorted[i + 1].Score == sorted[i].Score) continue; // all bases of one score together
            double f1 = 2.0 * tp / (2.0 * tp + fp + (sites - tp));
            if (f1 > bestF1)
            {
                bestF1 = f1;
                best = sorted[i].Score;
            }
        }
        return best;
    }

    /// <summary>
    /// Chooses the threshold on <paramref name="train"/>, which lists each sequence followed by its reverse complement
    /// (<see cref="DnaFolds"/>): the inner leave-one-out holds out one such pair at a time.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<DnaSequence> train, double pseudocount)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count % 2 != 0) throw new ArgumentException("The training sequences come in pairs (a sequence and its reverse complement).", nameof(train));
        var scored = new List<(double, bool)>();
        for (int pair = 0; pair < train.Count / 2; pair++)
        {
            var inner = train.Where((_, i) => i / 2 != pair).ToArray();
            PositionWeightMatrix pwm = PositionWeightMatrix.Build(inner, pseudocount);
            foreach (DnaSequence held in new[] { train[2 * pair], train[2 * pair + 1] })
            {
                double[] scores = BaseScores(pwm, held);
                for (int i = 0; i < held.Length; i++) scored.Add((scores[i], held.InSite(i)));
            }
        }
        return BestThreshold(scored);
    }

    /// <summary>Runs the baseline on one fold: the matrix from all its training sites, the threshold from the inner leave-one-out.</summary>
    public static PwmFoldResult Run(DnaFold fold, double pseudocount = DefaultPseudocount)
    {
        ArgumentNullException.ThrowIfNull(fold);
        double threshold = ChooseThreshold(fold.Train, pseudocount);
        PositionWeightMatrix pwm = PositionWeightMatrix.Build(fold.Train, pseudocount);
        BaseCounts counts = default;
        foreach (DnaSequence test in fold.Test) counts += BaseCounts.Of(test, Mark(pwm, test, threshold));
        return new PwmFoldResult(fold.Number, threshold, counts);
    }

    /// <summary>
    /// Checks that <paramref name="sequences"/> are pairs of a sequence and its reverse complement (bases and sites), as
    /// the dna command writes them.
    /// </summary>
    /// <exception cref="FormatException">They are not.</exception>
    public static void CheckPairs(IReadOnlyList<DnaSequence> sequences, string fileName)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count % 2 != 0) throw new FormatException($"{fileName}: an odd number of sequences; expected each followed by its reverse complement.");
        for (int i = 0; i < sequences.Count; i += 2)
        {
            DnaSequence rc = sequences[i].ReverseComplement();
            if (rc.Bases != sequences[i + 1].Bases || !rc.SiteStarts.SequenceEqual(sequences[i + 1].SiteStarts))
            {
                throw new FormatException(FormattableString.Invariant($"{fileName}: sequence {i + 2} is not the reverse complement of sequence {i + 1}."));
            }
        }
    }
}
