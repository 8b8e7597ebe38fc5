namespace RnnGen.Generators.Specs;

/// <summary>
/// A text file the build hands the generator: its full path and its contents, or why it could not be read
/// (<paramref name="ReadError"/>: the host failed, RNN0099) or was not read (<paramref name="Refusal"/>: a directory,
/// or over its size cap, RNN0031); then <see cref="Text"/> is empty. <paramref name="NotUtf8At"/> is where, in the text,
/// the first byte that is not UTF-8 was (the file was read in a single-byte code page instead: <see cref="Utf8Check"/>),
/// or -1, and <paramref name="NotUtf8Byte"/> that byte.
/// </summary>
internal sealed record SpecFile(string Path, string Text, string? ReadError = null, string? Refusal = null, int NotUtf8At = -1, byte NotUtf8Byte = 0)
{
    /// <summary>A file that is not read, and why ("it is a directory").</summary>
    public static SpecFile Refused(string path, string refusal) => new(path, "", Refusal: refusal);
}
