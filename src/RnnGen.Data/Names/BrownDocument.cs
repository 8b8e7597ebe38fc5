using System;
using System.Collections.Generic;

namespace RnnGen.Data.Names;

/// <summary>One file of the Brown corpus: a document of one genre, as sentences of tokens.</summary>
public sealed record BrownDocument
{
    /// <summary>Creates a document.</summary>
    /// <param name="id">The file's name, <c>c</c> + genre letter + two digits (<c>ca01</c>).</param>
    /// <param name="sentences">Its sentences, in order.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not such a name.</exception>
    public BrownDocument(string id, IReadOnlyList<IReadOnlyList<BrownToken>> sentences)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(sentences);
        if (!IsDocumentId(id)) throw new ArgumentException($"'{id}' is not a Brown file name (c, a genre letter a-r, two digits).", nameof(id));
        Id = id;
        Sentences = sentences;
    }

    /// <summary>The file's name (<c>ca01</c>).</summary>
    public string Id { get; }

    /// <summary>The genre letter, a to r (<c>a</c>: press reportage, ..., <c>r</c>: humour).</summary>
    public char Genre => Id[1];

    /// <summary>The sentences; sentence <c>i</c> is the file's <c>i</c>-th non-blank line (0-based).</summary>
    public IReadOnlyList<IReadOnlyList<BrownToken>> Sentences { get; }

    /// <summary>Whether <paramref name="name"/> is a Brown file name: <c>c</c>, a genre letter a-r, two digits.</summary>
    public static bool IsDocumentId(string name) =>
        name.Length == 4 && name[0] == 'c' && name[1] is >= 'a' and <= 'r' && char.IsAsciiDigit(name[2]) && char.IsAsciiDigit(name[3]);

    /// <summary>
    /// Parses a Brown file: one sentence a line (most lines start with a tab; blank lines separate paragraphs and are
    /// skipped), tokens separated by spaces or tabs, each <c>word/tag</c>.
    /// </summary>
    public static BrownDocument Parse(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<IReadOnlyList<BrownToken>>();
        foreach (string line in text.Split('\n'))
        {
            string[] parts = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var tokens = new BrownToken[parts.Length];
            for (int i = 0; i < parts.Length; i++) tokens[i] = BrownToken.Parse(parts[i]);
            sentences.Add(tokens);
        }
        return new BrownDocument(id, sentences);
    }
}
