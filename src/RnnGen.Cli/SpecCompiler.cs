using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators;
using RnnGen.Generators.Specs;

namespace RnnGen.Cli;

/// <summary>A model compiled from a spec file at run time: what it is, and how to load it with weights.</summary>
/// <param name="Info">The model's description, from the generated code.</param>
/// <param name="Type">The generated model class, in the assembly compiled in memory.</param>
/// <param name="DefaultWeightsPath">The weights the spec names, relative to the spec's folder.</param>
/// <param name="Load">Loads the model from a safetensors file (throws <see cref="WeightsException"/> for bad weights).</param>
internal sealed record CompiledSpec(RnnModelInfo Info, Type Type, string DefaultWeightsPath, Func<string, IRnnModel> Load);

/// <summary>
/// Compiles a spec file the way a build does, in memory: the RnnGen source generator (its sources are compiled into
/// rnngen; Roslyn's generator driver runs it as the compiler would) reads the spec and the vocabularies beside it,
/// the C# compiler compiles what it emits against the run-time library, and the assembly is loaded into this
/// process, where its generated model catalog loads the model.
/// </summary>
internal static class SpecCompiler
{
    private const string CatalogType = "RnnGen.Generated.ModelCatalog";

    public static bool IsSpecPath(string argument) => argument.EndsWith(SpecWords.SpecExtension, StringComparison.OrdinalIgnoreCase);

    public static Result<CompiledSpec> Compile(string specArgument)
    {
        string spec = Path.GetFullPath(specArgument);
        switch (InputFiles.Probe(spec).State)
        {
            case FileState.Directory: return Failure.BadInput($"the spec '{spec}' is a directory, not a file");
            case FileState.NotOnDisk: return Failure.BadInput($"cannot find the spec '{spec}'");
        }
        string folder = Path.GetDirectoryName(spec)!;
        string key = Path.GetFileName(spec)[..^SpecWords.SpecExtension.Length];

        // What the MSBuild glue hands the generator, with the spec's folder as the models folder: the spec, and every
        // *.txt and *.vocab file under that folder (the generator reads only the one the spec names, and only after
        // InputFiles says it is a file within its cap). Folders that cannot be read and links are not followed.
        var additional = new List<AdditionalText> { new FileText(spec) };
        var walk = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        additional.AddRange(Directory.EnumerateFiles(folder, "*", walk)
            .Where(p => p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".vocab", StringComparison.OrdinalIgnoreCase))
            .Select(p => new FileText(p)));

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "RnnGen.Spec." + Guid.NewGuid().ToString("N"),
            syntaxTrees: null,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithOptimizationLevel(OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new RnnModelGenerator().AsSourceGenerator() },
            additional,
            parse,
            new ModelsFolderOptions(folder + Path.DirectorySeparatorChar));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> diagnostics);

        Diagnostic[] errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            return new Failure(ExitCodes.BadInput,
                $"the spec '{spec}' has {Numbers.Int(errors.Length)} error{(errors.Length == 1 ? "" : "s")} (above; 'rnngen check' shows warnings too)",
                errors.Select(Format).ToArray());
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = generated.Emit(image);
        if (!emit.Success)
        {
            // The generator checked the spec, so code that does not compile is RnnGen's fault, not the user's.
            return new Failure(ExitCodes.InternalError,
                $"the code generated for '{spec}' does not compile; this is a bug in RnnGen: please report it with the spec",
                emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString()).ToArray());
        }
        image.Position = 0;
        Assembly assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        Type catalog = assembly.GetType(CatalogType, throwOnError: true)!;
        var models = (IReadOnlyList<RnnModelInfo>)catalog.GetProperty("Models", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        RnnModelInfo info = models.Single(m => string.Equals(m.Key, key, StringComparison.Ordinal));
        MethodInfo load = catalog.GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(string)])!;
        return Result<CompiledSpec>.Ok(new CompiledSpec(
            info,
            assembly.GetType(info.FullTypeName, throwOnError: true)!,
            Path.GetFullPath(Path.Combine(folder, info.WeightsFile)),
            weights => (IRnnModel)load.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [key, weights], null)!));
    }

    /// <summary><c>path(line,col): error RNN0006: message</c>, as the compiler and <c>rnngen check</c> print it.</summary>
    public static string Format(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return $"{span.Path}({Numbers.Int(span.StartLinePosition.Line + 1)},{Numbers.Int(span.StartLinePosition.Character + 1)}): " +
            $"{(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The framework's assemblies this process runs on, and the run-time library.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return tpa.Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal))
            .Append(typeof(IRnnModel).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>
    /// A file on disk, read when the generator asks for its text (which it does only after <see cref="InputFiles"/>
    /// found a file within its cap), and never beyond the larger cap even if it grows meanwhile: the generator then
    /// refuses the text as too long.
    /// </summary>
    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default)
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            byte[] bytes = SpecFiles.ReadAtMost(stream, Math.Max(InputFiles.MaxSpecBytes, InputFiles.MaxVocabularyBytes) + 1);
            return SourceText.From(bytes, bytes.Length, throwIfBinaryDetected: false, canBeEmbedded: false);
        }
    }

    /// <summary>The one build property the generator reads: where the models folder is.</summary>
    private sealed class ModelsFolderOptions(string modelsDirectory) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(modelsDirectory);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options(string? modelsDirectory) : AnalyzerConfigOptions
        {
            public static readonly Options None = new(null);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = key == "build_property.RnnGenModelsDirectory" ? modelsDirectory : null;
                return value is not null;
            }
        }
    }
}
