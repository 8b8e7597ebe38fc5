namespace RnnGen.Data.Music;

/// <summary>One tune of an ABC file: from its <c>X:</c> line to the blank line (or the end of the file) after it.</summary>
/// <param name="File">The file's name (no folder), e.g. <c>demo.abc</c>.</param>
/// <param name="Line">The 1-based line of its <c>X:</c> header in that file.</param>
/// <param name="Number">The value of its <c>X:</c> header as written (trimmed), e.g. <c>1</c>.</param>
/// <param name="Text">The tune as cleaned by <see cref="AbcCorpus.Read"/>: one line per kept line, each ending in LF.</param>
public sealed record AbcTune(string File, int Line, string Number, string Text)
{
    /// <summary>Where the tune is, for messages and the split file: <c>demo.abc:8</c>.</summary>
    public string Id => System.FormattableString.Invariant($"{File}:{Line}");
}
