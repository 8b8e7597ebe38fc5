using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Data.Conll;

namespace RnnGen.Data.Dna;

/// <summary>
/// A DNA sequence with its known binding sites: upper-case bases (A, C, G, T, N) and the 0-based starts of sites of
/// <see cref="SiteLength"/> bases each.
/// </summary>
public sealed record DnaSequence
{
    /// <summary>The length of a CRP site in crp0.s: 22 bases.</summary>
    public const int SiteLength = 22;

    /// <summary>Creates a sequence.</summary>
    /// <exception cref="ArgumentException">A base is not A, C, G, T or N, or a site does not lie inside the sequence.</exception>
    public DnaSequence(string name, string bases, IReadOnlyList<int> siteStarts, bool reverseComplement = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(siteStarts);
        foreach (char b in bases)
        {
            if (b is not ('A' or 'C' or 'G' or 'T' or 'N')) throw new ArgumentException($"'{b}' is not a base (A, C, G, T, N) in {name}.", nameof(bases));
        }
        foreach (int s in siteStarts)
        {
            if (s < 0 || s + SiteLength > bases.Length)
            {
                throw new ArgumentException(FormattableString.Invariant($"{name}: a site at {s + 1} (1-based) does not fit in {bases.Length} bases."), nameof(siteStarts));
            }
        }
        Name = name;
        Bases = bases;
        SiteStarts = siteStarts.Order().ToArray();
        IsReverseComplement = reverseComplement;
    }

    /// <summary>The sequence's name in the FASTA header.</summary>
    public string Name { get; }

    /// <summary>The bases.</summary>
    public string Bases { get; }

    /// <summary>The 0-based starts of the sites, ascending.</summary>
    public IReadOnlyList<int> SiteStarts { get; }

    /// <summary>Whether this is the reverse complement of the sequence in the file.</summary>
    public bool IsReverseComplement { get; }

    /// <summary>The number of bases.</summary>
    public int Length => Bases.Length;

    /// <summary>Whether base <paramref name="i"/> lies inside a site.</summary>
    public bool InSite(int i) => SiteStarts.Any(s => i >= s && i < s + SiteLength);

    /// <summary>
    /// The reverse complement: the other strand read 5' to 3' (reversed, A↔T, C↔G, N stays N). Base i of the
    /// original is base L-1-i of it, so a site at [s, s+22) becomes a site at [L-s-22, L-s).
    /// </summary>
    public DnaSequence ReverseComplement()
    {
        char[] bases = new char[Length];
        for (int i = 0; i < Length; i++) bases[Length - 1 - i] = Complement(Bases[i]);
        return new DnaSequence(Name, new string(bases), SiteStarts.Select(s => Length - s - SiteLength).ToArray(), !IsReverseComplement);
    }

    /// <summary>The complement of a base.</summary>
    public static char Complement(char b) => b switch
    {
        'A' => 'T',
        'T' => 'A',
        'C' => 'G',
        'G' => 'C',
        _ => 'N',
    };

    /// <summary>The sequence as CoNLL: one base a line, <c>site</c> or <c>O</c>.</summary>
    public ConllSentence ToConll() => new(
        Bases.Select(b => b.ToString()).ToArray(),
        Enumerable.Range(0, Length).Select(i => InSite(i) ? Labels.Site : Labels.Outside).ToArray());

    /// <summary>
    /// A sequence back from CoNLL: bases and labels; each run of <c>site</c> labels must be a whole number of sites
    /// (sites that touch read as one run; overlapping sites cannot be told apart and are refused).
    /// </summary>
    /// <exception cref="FormatException">A token is not one base, a label is neither site nor O, or a run is not a multiple of 22.</exception>
    public static DnaSequence FromConll(ConllSentence sentence, string name)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var starts = new List<int>();
        int i = 0;
        while (i < sentence.Count)
        {
            string label = sentence.Labels[i];
            if (label != Labels.Site && label != Labels.Outside) throw new FormatException($"{name}: label '{label}' is neither {Labels.Site} nor {Labels.Outside}.");
            if (label == Labels.Outside)
            {
                i++;
                continue;
            }
            int start = i;
            while (i < sentence.Count && sentence.Labels[i] == Labels.Site) i++;
            if ((i - start) % SiteLength != 0)
            {
                throw new FormatException(FormattableString.Invariant($"{name}: a run of {i - start} site bases at {start} is not a whole number of {SiteLength}-base sites."));
            }
            for (int s = start; s < i; s += SiteLength) starts.Add(s);
        }
        var bases = string.Concat(sentence.Tokens.Select(t => t.Length == 1 ? t : throw new FormatException($"{name}: token '{t}' is not one base.")));
        return new DnaSequence(name, bases, starts);
    }
}
