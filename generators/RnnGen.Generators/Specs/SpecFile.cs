namespace RnnGen.Generators.Specs;

/// <summary>
/// A text file the build hands the generator: its full path and its contents, or why it could not be read
/// (<paramref name="ReadError"/>: the host failed, RNN0099) or was not read (<paramref name="Refusal"/>: a directory,
/// or over its size cap, RNN0031); then <see cref="Text"/> is empty.
/// </summary>
internal sealed record SpecFile(string Path, string Text, string? ReadError = null, string? Refusal = null)
{
    /// <summary>A file that is not read, and why ("it is a directory").</summary>
    public static SpecFile Refused(string path, string refusal) => new(path, "", Refusal: refusal);
}
