namespace RnnGen.Generators.Specs;

/// <summary>
/// A text file the build hands the generator: its full path and its contents, or why it could not
/// be read (then <see cref="Text"/> is empty).
/// </summary>
internal sealed record SpecFile(string Path, string Text, string? ReadError = null);
