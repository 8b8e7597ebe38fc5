namespace RnnGen.Generators.Model;

/// <summary>
/// Where something is in a text file: a character span and its 0-based line and column bounds
/// (the form Roslyn's <c>Location.Create</c> takes). Plain data, so diagnostics stay equatable.
/// </summary>
internal readonly record struct TextRange(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>A zero-length range at the first character of a file.</summary>
    public static TextRange FileStart => new(0, 0, 0, 0, 0, 0);
}
