using System;
using System.Linq;
using RnnGen.Data.Dna;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>The position weight matrix baseline on a tiny synthetic set with one planted motif.</summary>
public sealed class PwmBaselineTests
{
    private const string Motif = "TGTGAGTTAGCTCACTAAAAAA";               // 22 bases, made up for the test

    /// <summary>A made-up background: a repeating pattern that never contains the motif.</summary>
    private static string Background(int length, int phase) =>
        new(Enumerable.Range(0, length).Select(i => "ACGTTGCA"[(i + phase) % 8]).ToArray());

    private static DnaSequence Planted(int k, int at) =>
        new($"s{k}", Background(at, k) + Motif + Background(60 - at, k + 3), [at]);

    [Fact]
    public void The_matrix_scores_a_training_site_above_every_other_window()
    {
        var training = DnaFolds.WithReverseComplements(Enumerable.Range(0, 5).Select(k => Planted(k, 10 + k)));
        PositionWeightMatrix pwm = PositionWeightMatrix.Build(training, PwmBaseline.DefaultPseudocount);
        Assert.Equal(22, pwm.Width);
        DnaSequence test = Planted(9, 30);
        double site = pwm.ScoreBothStrands(test.Bases, 30);
        for (int start = 0; start + 22 <= test.Length; start++)
        {
            if (start != 30) Assert.True(pwm.ScoreBothStrands(test.Bases, start) < site, $"window {start}");
        }
        // Built from both strands with a strand-symmetric background, the matrix scores a window and its reverse
        // complement alike.
        Assert.Equal(pwm.Score(test.Bases, 30), pwm.ScoreReverse(test.Bases, 30), 10);
        // Column 0 prefers T, the first base of the motif and of its reverse complement.
        Assert.True(pwm[0, 'T'] > 0);
        Assert.True(pwm[0, 'C'] < 0);
    }

    [Fact]
    public void Log_odds_follow_the_formula_with_pseudocounts()
    {
        // Two sequences that are wholly one site each, the motif and its reverse complement (both start with T);
        // the background comes from all 44 bases.
        var s = new DnaSequence("s", Motif, [0]);
        var training = DnaFolds.WithReverseComplements([s]);
        PositionWeightMatrix pwm = PositionWeightMatrix.Build(training, 0.5);
        string all = string.Concat(training.Select(t => t.Bases));
        double q = (all.Count(b => b == 'T') + 1.0) / (all.Length + 4.0);
        int tAtZero = training.Count(t => t.Bases[0] == 'T');
        Assert.Equal(Math.Log2((tAtZero + 0.5) / (2 + 2.0) / q), pwm[0, 'T'], 12);
    }

    [Fact]
    public void The_best_threshold_maximises_per_base_F1_and_ties_go_to_the_highest_score()
    {
        // Scores 5 and 4 are sites, 3 is not, 2 is a site: marking >= 4 gives F1 = 2*2/(2*2+0+1) = 0.8; >= 2 gives
        // 2*3/(2*3+1+0) = 0.857.
        Assert.Equal(2, PwmBaseline.BestThreshold([(5, true), (4, true), (3, false), (2, true), (1, false)]));
        Assert.Equal(4, PwmBaseline.BestThreshold([(5, true), (4, true), (3, false), (1, false)]));
        // Bases of one score go together: all four share 7.
        Assert.Equal(7, PwmBaseline.BestThreshold([(7, true), (7, false), (7, true), (7, false)]));
    }

    [Fact]
    public void A_fold_finds_the_planted_site_of_its_held_out_sequence()
    {
        var sequences = Enumerable.Range(0, 6).Select(k => Planted(k, 5 + 7 * k)).ToArray();
        DnaFold fold = DnaFolds.Make(sequences)[2];
        PwmFoldResult result = PwmBaseline.Run(fold);
        Assert.Equal(2, result.Counts.Sites);
        Assert.Equal(2, result.Counts.SitesHit);
        Assert.Equal(44, result.Counts.TruePositives);
        Assert.Equal(0, result.Counts.FalseNegatives);
        Assert.Equal(1.0, result.Counts.Recall);
        Assert.True(result.Counts.Precision > 0.5);
    }

    [Fact]
    public void Counts_of_marks_and_site_hits()
    {
        var s = new DnaSequence("s", "AA" + Motif + "AA", [2]);
        bool[] marks = new bool[s.Length];
        for (int i = 0; i < 13; i++) marks[i] = true;                    // 2 false positives, 11 site bases
        BaseCounts c = BaseCounts.Of(s, marks);
        Assert.Equal(new BaseCounts(11, 2, 11, 2, 1, 1), c);             // 11 of 22 marked: half, a hit
        Assert.Equal(2.0 * 11 / (2 * 11 + 2 + 11), c.F1, 12);
        marks[12] = false;
        Assert.Equal(0, BaseCounts.Of(s, marks).SitesHit);
    }
}
