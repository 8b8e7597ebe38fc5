namespace RnnGen.Generators.Emit;

/// <summary>The generator's name and version as stamped on generated code.</summary>
internal static class GeneratorInfo
{
    public const string Name = "RnnGen";
    public const string Version = "0.1.0";

    public static string GeneratedCodeAttribute => $"[global::System.CodeDom.Compiler.GeneratedCode(\"{Name}\", \"{Version}\")]";
}
