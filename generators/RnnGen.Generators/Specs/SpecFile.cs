namespace RnnGen.Generators.Specs;

/// <summary>A text file the build hands the generator: its full path and its contents.</summary>
internal sealed record SpecFile(string Path, string Text);
