using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace RnnGen.Data.Names;

/// <summary>
/// The written rule for "this proper noun is part of a person's name", applied to one Brown document at a time.
/// docs/data.md states it in prose; this class is that text as code, step by step.
/// </summary>
/// <remarks>
/// <para>1. A <b>run</b> is a maximal sequence of tokens tagged <c>np</c>, <c>np$</c> or <c>np+</c>... (any of
/// <c>-tl</c>, <c>-hl</c>, <c>-nc</c>; <see cref="BrownTag.IsNamePart"/>). Plurals (<c>nps</c>) and everything else
/// (weekdays are <c>nr</c>, titles such as "Judge" are <c>nn-tl</c>) break a run and are never labelled.</para>
/// <para>2. Titles at the start of a run ("Mr.", "Mrs.", "Miss", "Sir" are tagged <c>np</c>) are stripped from it and
/// stay O; what is left is the run's <b>name part</b>. A run that is all titles has none.</para>
/// <para>3. <b>Title</b>: if a title was stripped, or the token right before the run is a title ("Dr./nn-tl",
/// "President/nn-tl"), the name part is a person's name.</para>
/// <para>4. Otherwise the run is <b>blocked</b> when it continues a longer title: the token before it is tagged
/// <c>-tl</c> ("New/jj-tl York", "North/jj-tl Carolina", "City of/in-tl Zorkville") or the token after it is
/// ("Zorkville County/nn-tl", "Quibble Memorial/nn-tl"); or it is one word, not a possessive, right after "in", "at",
/// "near", "into" or "from" ("in Zorkville", "from Quibbleton"). A blocked run is a place or an organisation, not a
/// person.</para>
/// <para>5. <b>Given name</b>: an unblocked run whose first word is a given name (<see cref="GivenNames"/>, which
/// leaves out months, weekdays and places) is a person's name.</para>
/// <para>6. <b>Initials</b>: an unblocked run that starts with one or more initials ("J.") followed by a word that is
/// not one ("J. B. Jones") is a person's name.</para>
/// <para>7. <b>Same document</b> (surnames alone): the last word of each name labelled by 3-6, less a final "Jr.",
/// "Sr.", "II", "III", "IV" and its possessive "'s", is a known surname of that document, unless it is an initial, a
/// title or in <see cref="NotPersonNames"/>. An unblocked run of the same document, not yet labelled, whose every
/// word (less possessives and those suffixes) is a known surname of the document is a person's name too, wherever it
/// stands in the document ("Zorkov" after "Nikolai Zorkov", or before it).</para>
/// <para>Every word of a labelled name part is labelled <c>person</c>; all other tokens are <c>O</c>.</para>
/// </remarks>
public sealed class PersonNameRule
{
    /// <summary>The prepositions after which a one-word run is taken for a place (step 4), compared case-insensitively.</summary>
    public static readonly FrozenSet<string> PlacePrepositions =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, ["in", "at", "near", "into", "from"]);

    private readonly GivenNames givenNames;

    /// <summary>Creates the rule over the given-name lists.</summary>
    /// <param name="givenNames">The given names.</param>
    /// <param name="sameDocument">Whether step 7 (surnames alone) runs; off only to measure what it adds.</param>
    public PersonNameRule(GivenNames givenNames, bool sameDocument = true)
    {
        ArgumentNullException.ThrowIfNull(givenNames);
        this.givenNames = givenNames;
        SameDocument = sameDocument;
    }

    /// <summary>Whether step 7 runs.</summary>
    public bool SameDocument { get; }

    /// <summary>For each sentence of <paramref name="document"/>, for each token, the part of the rule that labelled it person, or <see cref="NameRule.None"/>.</summary>
    public NameRule[][] Label(BrownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var labels = new NameRule[document.Sentences.Count][];
        var pending = new List<(int Sentence, Run Run)>();
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        for (int s = 0; s < document.Sentences.Count; s++)
        {
            IReadOnlyList<BrownToken> tokens = document.Sentences[s];
            labels[s] = new NameRule[tokens.Count];
            foreach (Run run in Runs(tokens))
            {
                NameRule rule = Decide(tokens, run);
                if (rule == NameRule.None)
                {
                    if (!run.Blocked && run.NameStart < run.End) pending.Add((s, run));
                    continue;
                }
                for (int i = run.NameStart; i < run.End; i++) labels[s][i] = rule;
                string? surname = Surname(tokens, run);
                if (surname is not null) surnames.Add(surname);
            }
        }
        if (SameDocument)
        {
            foreach ((int s, Run run) in pending)
            {
                IReadOnlyList<BrownToken> tokens = document.Sentences[s];
                if (!AllKnownSurnames(tokens, run, surnames)) continue;
                for (int i = run.NameStart; i < run.End; i++) labels[s][i] = NameRule.SameDocument;
            }
        }
        return labels;
    }

    /// <summary>A run of name-part tokens, [<see cref="Start"/>, <see cref="End"/>), its name part from <see cref="NameStart"/>, and whether step 4 blocks it.</summary>
    private readonly record struct Run(int Start, int NameStart, int End, bool Titled, bool Blocked);

    private static IEnumerable<Run> Runs(IReadOnlyList<BrownToken> tokens)
    {
        int i = 0;
        while (i < tokens.Count)
        {
            if (!BrownTag.IsNamePart(tokens[i].Tag))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < tokens.Count && BrownTag.IsNamePart(tokens[i].Tag)) i++;
            int end = i;
            int nameStart = start;
            while (nameStart < end && PersonTitles.IsTitle(tokens[nameStart].Word)) nameStart++;
            bool titled = nameStart > start || (start > 0 && PersonTitles.IsTitle(tokens[start - 1].Word));
            bool blocked = (start > 0 && BrownTag.IsInTitle(tokens[start - 1].Tag) && !PersonTitles.IsTitle(tokens[start - 1].Word))
                || (end < tokens.Count && BrownTag.IsInTitle(tokens[end].Tag))
                || (end - start == 1 && start > 0 && PlacePrepositions.Contains(tokens[start - 1].Word)
                    && NameForms.StripPossessive(tokens[start].Word) == tokens[start].Word);
            yield return new Run(start, nameStart, end, titled, blocked);
        }
    }

    private NameRule Decide(IReadOnlyList<BrownToken> tokens, Run run)
    {
        if (run.NameStart == run.End) return NameRule.None;            // titles only
        if (run.Titled) return NameRule.Title;                          // step 3
        if (run.Blocked) return NameRule.None;                          // step 4
        if (givenNames.Contains(tokens[run.NameStart].Word)) return NameRule.GivenName; // step 5
        int k = run.NameStart;                                          // step 6
        while (k < run.End && NameForms.IsInitial(tokens[k].Word)) k++;
        return k > run.NameStart && k < run.End ? NameRule.Initials : NameRule.None;
    }

    private static string? Surname(IReadOnlyList<BrownToken> tokens, Run run)
    {
        int last = run.End - 1;
        while (last >= run.NameStart && NameForms.IsSuffix(tokens[last].Word)) last--;
        if (last < run.NameStart) return null;
        string word = NameForms.StripPossessive(tokens[last].Word);
        if (word.Length < 2 || NameForms.IsInitial(word) || PersonTitles.IsTitle(word) || NotPersonNames.Contains(word)) return null;
        return word;
    }

    private static bool AllKnownSurnames(IReadOnlyList<BrownToken> tokens, Run run, HashSet<string> surnames)
    {
        bool any = false;
        for (int i = run.NameStart; i < run.End; i++)
        {
            if (NameForms.IsSuffix(tokens[i].Word)) continue;
            if (!surnames.Contains(NameForms.StripPossessive(tokens[i].Word))) return false;
            any = true;
        }
        return any;
    }
}
