namespace RnnGen.Data.Conll;

/// <summary>The labels the CoNLL files use: the model's label names (as the specs spell them) and O for everything else.</summary>
public static class Labels
{
    /// <summary>Not part of anything labelled.</summary>
    public const string Outside = "O";

    /// <summary>Part of a person's name (models/name-tagger.rnn.json's label).</summary>
    public const string Person = "person";

    /// <summary>Inside a protein-binding site (models/dna-sites.rnn.json's label).</summary>
    public const string Site = "site";
}
