using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Emit;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;

namespace RnnGen.Generators;

/// <summary>
/// The RnnGen source generator: every <c>*.rnn.json</c> among the build's AdditionalFiles becomes a
/// typed, unrolled, allocation-free C# class. The pipeline is pure steps over equatable data:
/// read (spec text → <see cref="SpecDraft"/>) → bind (+ vocabulary → <see cref="ModelSpec"/>) →
/// deduplicate → emit; diagnostics flow beside the models as data and are reported in their own step.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RnnModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for incremental-caching tests.</summary>
    internal static class Steps
    {
        public const string Read = "RnnGen.Read";
        public const string Bind = "RnnGen.Bind";
        public const string Models = "RnnGen.Models";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<string> modelsDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RnnGenModelsDirectory", out string? dir) ? dir : "");

        IncrementalValuesProvider<SpecFile> specs = context.AdditionalTextsProvider
            .Where(static f => IsSpec(f.Path))
            .Select(static (f, ct) => ReadText(f, ct));

        IncrementalValueProvider<ImmutableArray<SpecFile>> textFiles = context.AdditionalTextsProvider
            .Where(static f => IsVocabularyCandidate(f.Path))
            .Select(static (f, ct) => ReadText(f, ct))
            .Collect();

        IncrementalValuesProvider<StepResult<SpecDraft>> drafts = specs
            .Combine(modelsDirectory)
            .Select(static (pair, _) => Guard(pair.Left.Path, () => SpecReader.Read(pair.Left, pair.Right)))
            .WithTrackingName(Steps.Read);

        IncrementalValuesProvider<StepResult<BoundModel>> bound = drafts
            .Combine(textFiles)
            .Select(static (pair, _) => Guard(pair.Left.Value?.SpecPath ?? "", () => pair.Left.Value is null
                ? new StepResult<BoundModel>(null, EquatableArray<DiagnosticInfo>.Empty)
                : ModelBinder.Bind(pair.Left.Value, pair.Right)))
            .WithTrackingName(Steps.Bind);

        IncrementalValueProvider<(EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Diagnostics)> set = bound
            .Select(static (r, _) => r.Value!)
            .Where(static m => m is not null)
            .Collect()
            .Select(static (models, _) => DeduplicateGuarded(models))
            .WithTrackingName(Steps.Models);

        // Diagnostics: their own outputs, so that a change in a message never re-emits code.
        context.RegisterSourceOutput(drafts.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(bound.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(set.Select(static (s, _) => s.Diagnostics), static (spc, d) => Report(spc, d));

        // Code: one file per model (plus its vocabulary), and one catalog.
        IncrementalValuesProvider<ModelSpec> models = set.SelectMany(static (s, _) => s.Models);
        context.RegisterSourceOutput(models, static (spc, model) => EmitModel(spc, model));
        context.RegisterSourceOutput(set.Select(static (s, _) => s.Models), static (spc, all) => EmitCatalog(spc, all));
    }

    private static (EquatableArray<ModelSpec>, EquatableArray<DiagnosticInfo>) DeduplicateGuarded(ImmutableArray<BoundModel> models)
    {
        try
        {
            return ModelSet.Deduplicate(models);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing is emitted; every spec gets the internal error, so none fails silently.
            return (EquatableArray<ModelSpec>.Empty, models.Select(m => SpecPipeline.InternalError(m.Model.SpecPath, e)).ToEquatableArray());
        }
    }

    internal static bool IsSpec(string path) => path.EndsWith(SpecReader.SpecExtension, StringComparison.OrdinalIgnoreCase);

    internal static bool IsVocabularyCandidate(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".vocab", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a file's text; a host that fails to give it is recorded, and reported as RNN0099 at the file.</summary>
    private static SpecFile ReadText(AdditionalText file, CancellationToken ct)
    {
        try
        {
            return new SpecFile(file.Path, file.GetText(ct)?.ToString() ?? "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SpecFile(file.Path, "", $"the build could not read the file ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Runs a step; an unexpected exception becomes an internal-error diagnostic at the spec instead of a generator crash.</summary>
    private static StepResult<T> Guard<T>(string path, Func<StepResult<T>> step)
        where T : class
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepResult<T>.Failed(SpecPipeline.InternalError(path, e));
        }
    }

    private static void EmitModel(SourceProductionContext spc, ModelSpec model)
    {
        try
        {
            spc.AddSource(ModelEmitter.HintName(model), SourceText.From(ModelEmitter.Emit(model), System.Text.Encoding.UTF8));
            if (model.Encoding == InputEncoding.OneHot && !model.Vocabulary.IsEmpty)
            {
                spc.AddSource(VocabularyEmitter.HintName(model), SourceText.From(VocabularyEmitter.Emit(model), System.Text.Encoding.UTF8));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(spc, new EquatableArray<DiagnosticInfo>(new[] { SpecPipeline.InternalError(model.SpecPath, e) }));
        }
    }

    private static void EmitCatalog(SourceProductionContext spc, EquatableArray<ModelSpec> models)
    {
        if (models.IsEmpty) return;
        try
        {
            spc.AddSource(CatalogEmitter.HintName, SourceText.From(CatalogEmitter.Emit(models.ToArray()), System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(spc, new EquatableArray<DiagnosticInfo>(new[] { SpecPipeline.InternalError(models[0].SpecPath, e) }));
        }
    }

    private static void Report(SourceProductionContext spc, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo d in diagnostics) spc.ReportDiagnostic(RoslynDiagnostics.ToDiagnostic(d));
    }
}
