using System;
using System.Collections.Generic;

namespace RnnGen.Data.Dna;

/// <summary>
/// A position weight matrix of 22 columns: for each position j and base b, the log-odds
/// log2(p_j(b) / q(b)), with p_j(b) = (count_j(b) + c) / (n + 4c) from n training sites with pseudocount c per base,
/// and q the background frequency of b in the training sequences. A window's score is the sum of its bases' log-odds
/// (an N adds 0).
/// </summary>
public sealed class PositionWeightMatrix
{
    private readonly double[,] logOdds;

    private PositionWeightMatrix(double[,] logOdds) => this.logOdds = logOdds;

    /// <summary>The number of columns (the site length).</summary>
    public int Width => logOdds.GetLength(0);

    /// <summary>The log-odds of base <paramref name="b"/> (A, C, G, T) at column <paramref name="j"/>.</summary>
    public double this[int j, char b] => Index(b) is int i and >= 0 ? logOdds[j, i] : 0;

    /// <summary>Builds the matrix from the sites of <paramref name="training"/> (every strand given) and their bases' background.</summary>
    /// <param name="training">The training sequences; their sites give the counts and all their bases the background.</param>
    /// <param name="pseudocount">c, added to every base's count at every column (&gt; 0).</param>
    /// <exception cref="ArgumentException">No training site.</exception>
    public static PositionWeightMatrix Build(IEnumerable<DnaSequence> training, double pseudocount)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pseudocount);
        const int w = DnaSequence.SiteLength;
        var counts = new double[w, 4];
        var background = new double[4];
        int sites = 0;
        foreach (DnaSequence s in training)
        {
            foreach (char b in s.Bases)
            {
                if (Index(b) is int i and >= 0) background[i]++;
            }
            foreach (int start in s.SiteStarts)
            {
                sites++;
                for (int j = 0; j < w; j++)
                {
                    if (Index(s.Bases[start + j]) is int i and >= 0) counts[j, i]++;
                }
            }
        }
        if (sites == 0) throw new ArgumentException("No training site to build a matrix from.", nameof(training));
        double total = background[0] + background[1] + background[2] + background[3] + 4; // one pseudocount per base: no zero background
        var logOdds = new double[w, 4];
        for (int j = 0; j < w; j++)
        {
            double n = counts[j, 0] + counts[j, 1] + counts[j, 2] + counts[j, 3];
            for (int i = 0; i < 4; i++)
            {
                double p = (counts[j, i] + pseudocount) / (n + 4 * pseudocount);
                double q = (background[i] + 1) / total;
                logOdds[j, i] = Math.Log2(p / q);
            }
        }
        return new PositionWeightMatrix(logOdds);
    }

    /// <summary>The score of the window of <see cref="Width"/> bases at <paramref name="start"/> on the given strand.</summary>
    public double Score(string bases, int start)
    {
        ArgumentNullException.ThrowIfNull(bases);
        double score = 0;
        for (int j = 0; j < Width; j++) score += this[j, bases[start + j]];
        return score;
    }

    /// <summary>
    /// The score of the same window read on the other strand: the matrix applied to the window's reverse complement
    /// (column j meets the complement of base start + Width - 1 - j).
    /// </summary>
    public double ScoreReverse(string bases, int start)
    {
        ArgumentNullException.ThrowIfNull(bases);
        double score = 0;
        for (int j = 0; j < Width; j++) score += this[j, DnaSequence.Complement(bases[start + Width - 1 - j])];
        return score;
    }

    /// <summary>The higher of the window's two strands' scores.</summary>
    public double ScoreBothStrands(string bases, int start) => Math.Max(Score(bases, start), ScoreReverse(bases, start));

    private static int Index(char b) => b switch
    {
        'A' => 0,
        'C' => 1,
        'G' => 2,
        'T' => 3,
        _ => -1,
    };
}
