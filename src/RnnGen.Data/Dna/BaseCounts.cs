using System;

namespace RnnGen.Data.Dna;

/// <summary>Per-base confusion counts of site predictions, and per-site hits.</summary>
public readonly record struct BaseCounts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, int SitesHit, int Sites)
{
    /// <summary>TP / (TP + FP); 0 when nothing was marked.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>2 TP / (2 TP + FP + FN).</summary>
    public double F1 => 2.0 * TruePositives + FalsePositives + FalseNegatives == 0 ? 0 : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Sites hit / sites.</summary>
    public double HitRate => Sites == 0 ? 0 : (double)SitesHit / Sites;

    /// <summary>The sum of two counts.</summary>
    public static BaseCounts operator +(BaseCounts a, BaseCounts b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives,
        a.TrueNegatives + b.TrueNegatives, a.SitesHit + b.SitesHit, a.Sites + b.Sites);

    /// <summary>
    /// Counts <paramref name="marked"/> against <paramref name="sequence"/>'s sites. A site is hit when at least half
    /// of its bases (11 of 22) are marked.
    /// </summary>
    public static BaseCounts Of(DnaSequence sequence, ReadOnlySpan<bool> marked)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        if (marked.Length != sequence.Length) throw new ArgumentException("One mark per base.", nameof(marked));
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            bool site = sequence.InSite(i);
            if (marked[i] && site) tp++;
            else if (marked[i]) fp++;
            else if (site) fn++;
            else tn++;
        }
        int hit = 0;
        foreach (int s in sequence.SiteStarts)
        {
            int m = 0;
            for (int j = s; j < s + DnaSequence.SiteLength; j++) if (marked[j]) m++;
            if (2 * m >= DnaSequence.SiteLength) hit++;
        }
        return new BaseCounts(tp, fp, fn, tn, hit, sequence.SiteStarts.Count);
    }
}
