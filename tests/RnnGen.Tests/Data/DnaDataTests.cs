using System;
using System.Linq;
using RnnGen.Data.Conll;
using RnnGen.Data.Dna;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>Reading crp0.s's FASTA, the labels of reverse complements, the folds and the CoNLL form (made-up sequences).</summary>
public sealed class DnaDataTests
{
    private const string Site = "TGTGATCTAGATCACATTTTTT";                   // 22 bases, made up
    private static readonly string Flank = new('A', 30);

    [Fact]
    public void The_header_gives_1_based_site_starts_and_lines_join()
    {
        string bases = "CC" + Site + "GG" + Site;                        // sites at 3 and 27 (1-based)
        string text = $">one 3 27\n{bases[..20]}\n{bases[20..].ToLowerInvariant()}\n\n>two 1 \n{Site}\n";
        var sequences = CrpFasta.Parse(text, "crp0.s");
        Assert.Equal(["one", "two"], sequences.Select(s => s.Name));
        Assert.Equal(bases, sequences[0].Bases);
        Assert.Equal([2, 26], sequences[0].SiteStarts);
        Assert.Equal([0], sequences[1].SiteStarts);
        Assert.False(sequences[0].InSite(1));
        Assert.True(sequences[0].InSite(2));
        Assert.True(sequences[0].InSite(23));
        Assert.False(sequences[0].InSite(24));
    }

    [Theory]
    [InlineData(">x 2\nACGT\n", "crp0.s(1): x: a site at 2 (1-based) does not fit in 4 bases.")]
    [InlineData(">x 0\nACGT\n", "crp0.s(1): '0' is not a 1-based site start.")]
    [InlineData("ACGT\n", "crp0.s(1): bases before the first '>' header.")]
    [InlineData(">x\nACXT\n", "crp0.s(2): 'X' is not a base.")]
    public void Malformed_files_are_errors_with_the_line(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => CrpFasta.Parse(text, "crp0.s")).Message);
    }

    [Fact]
    public void The_reverse_complement_maps_every_label_to_its_mirrored_position()
    {
        var s = new DnaSequence("s", "GAC" + Site + "TTTTT", [3]);
        DnaSequence rc = s.ReverseComplement();
        Assert.Equal("AAAAA" + "AAAAAATGTGATCTAGATCACA" + "GTC", rc.Bases);
        Assert.Equal([5], rc.SiteStarts);                                // L - s - 22 = 30 - 3 - 22
        for (int i = 0; i < s.Length; i++) Assert.Equal(s.InSite(i), rc.InSite(s.Length - 1 - i));
        Assert.Equal(s.Bases, rc.ReverseComplement().Bases);
        Assert.Equal(s.SiteStarts, rc.ReverseComplement().SiteStarts);
        Assert.Equal('N', DnaSequence.Complement('N'));
    }

    [Fact]
    public void CoNLL_holds_one_base_a_line_and_reads_back_with_its_sites()
    {
        var s = new DnaSequence("s", "AC" + Site + "G", [2]);
        ConllSentence conll = s.ToConll();
        Assert.Equal(25, conll.Count);
        Assert.Equal(["A", "C", "T"], conll.Tokens.Take(3));
        Assert.Equal(["O", "O", "site"], conll.Labels.Take(3));
        Assert.Equal(22, conll.Labels.Count(l => l == Labels.Site));
        Assert.StartsWith("A\tO\nC\tO\nT\tsite\n", ConllFormat.Write([conll]));
        DnaSequence back = DnaSequence.FromConll(conll, "s");
        Assert.Equal(s.Bases, back.Bases);
        Assert.Equal(s.SiteStarts, back.SiteStarts);
        Assert.Throws<FormatException>(() => DnaSequence.FromConll(new ConllSentence(["A", "C"], ["site", "O"]), "bad"));
    }

    [Fact]
    public void Each_fold_tests_one_sequence_and_its_reverse_complement_and_trains_on_neither()
    {
        var sequences = Enumerable.Range(0, 4).Select(k => new DnaSequence($"s{k}", Flank[..k] + Site + Flank, [k])).ToArray();
        var folds = DnaFolds.Make(sequences);
        Assert.Equal(4, folds.Count);
        foreach (DnaFold fold in folds)
        {
            DnaSequence held = sequences[fold.Number - 1];
            Assert.Equal(held.Name, fold.HeldOut);
            Assert.Equal([held.Bases, held.ReverseComplement().Bases], fold.Test.Select(s => s.Bases));
            Assert.Equal(6, fold.Train.Count);
            Assert.DoesNotContain(fold.Train, s => s.Name == held.Name);
            Assert.DoesNotContain(fold.Train, s => s.Bases == held.Bases || s.Bases == held.ReverseComplement().Bases);
            PwmBaseline.CheckPairs(fold.Train, "train");
        }
        Assert.Equal("fold-01", DnaFolds.FolderName(1));
    }
}
