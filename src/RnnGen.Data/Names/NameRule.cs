namespace RnnGen.Data.Names;

/// <summary>Which part of the labelling rule made a token part of a person's name.</summary>
public enum NameRule
{
    /// <summary>Not part of a name (label O).</summary>
    None,

    /// <summary>The run of proper nouns follows, or starts with, a personal title (<see cref="PersonTitles"/>).</summary>
    Title,

    /// <summary>The run starts with a known given name (<see cref="GivenNames"/>).</summary>
    GivenName,

    /// <summary>The run starts with initials ("J. B.") followed by a word that is not one.</summary>
    Initials,

    /// <summary>Every word of the run ended a name labelled by the other parts elsewhere in the same document (a surname alone).</summary>
    SameDocument,
}

/// <summary>One-letter codes of <see cref="NameRule"/>, for the files that record them.</summary>
public static class NameRuleCodes
{
    /// <summary>The code of <paramref name="rule"/>: - T G I D.</summary>
    public static char Code(NameRule rule) => rule switch
    {
        NameRule.Title => 'T',
        NameRule.GivenName => 'G',
        NameRule.Initials => 'I',
        NameRule.SameDocument => 'D',
        _ => '-',
    };

    /// <summary>The rule of <paramref name="code"/>.</summary>
    public static NameRule Parse(char code) => code switch
    {
        'T' => NameRule.Title,
        'G' => NameRule.GivenName,
        'I' => NameRule.Initials,
        'D' => NameRule.SameDocument,
        '-' => NameRule.None,
        _ => throw new System.FormatException($"'{code}' is not a rule code (- T G I D)."),
    };

    /// <summary>A name for reports: title, given-name, initials, same-document.</summary>
    public static string Name(NameRule rule) => rule switch
    {
        NameRule.Title => "title",
        NameRule.GivenName => "given-name",
        NameRule.Initials => "initials",
        NameRule.SameDocument => "same-document",
        _ => "none",
    };
}
