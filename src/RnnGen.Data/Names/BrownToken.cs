using System;

namespace RnnGen.Data.Names;

/// <summary>One token of the Brown corpus, <c>word/tag</c>: the word as the corpus spells it and its part-of-speech tag.</summary>
/// <param name="Word">The word (it may itself hold a slash, as in <c>1/2</c>).</param>
/// <param name="Tag">The tag after the last slash, as the corpus writes it (<c>np-tl</c>, <c>nn</c>, <c>.</c>).</param>
public readonly record struct BrownToken(string Word, string Tag)
{
    /// <summary>Splits <c>word/tag</c> at its last slash; a token without one (none in the corpus) gets the empty tag.</summary>
    public static BrownToken Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        int slash = token.LastIndexOf('/');
        return slash <= 0 ? new BrownToken(token, "") : new BrownToken(token[..slash], token[(slash + 1)..]);
    }

    /// <inheritdoc/>
    public override string ToString() => Word + "/" + Tag;
}
