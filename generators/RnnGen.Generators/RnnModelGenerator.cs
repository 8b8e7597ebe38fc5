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
/// read (spec text → <see cref="SpecDraft"/>) → bind (+ the named vocabularies → <see cref="ModelSpec"/>) →
/// deduplicate → lower (→ step program) → plan (→ kernel plans) → emit; diagnostics flow beside the
/// models as data and are reported in their own step.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RnnModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for incremental-caching tests.</summary>
    internal static class Steps
    {
        public const string Read = "RnnGen.Read";
        public const string NamedVocabularies = "RnnGen.NamedVocabularies";
        public const string Vocabulary = "RnnGen.Vocabulary";
        public const string Bind = "RnnGen.Bind";
        public const string Models = "RnnGen.Models";
        public const string Model = "RnnGen.Model";
        public const string VocabularySource = "RnnGen.VocabularySource";
        public const string Catalog = "RnnGen.Catalog";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<string> modelsDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RnnGenModelsDirectory", out string? dir) ? dir : "");

        IncrementalValuesProvider<SpecFile> specs = context.AdditionalTextsProvider
            .Where(static f => IsSpec(f.Path))
            .Select(static (f, ct) => ReadText(f, InputFiles.MaxSpecBytes, "a spec", ct));

        IncrementalValuesProvider<StepResult<SpecDraft>> drafts = specs
            .Combine(modelsDirectory)
            .Select(static (pair, _) => Guard(Steps.Read, pair.Left.Path, () => SpecReader.Read(pair.Left, pair.Right)))
            .WithTrackingName(Steps.Read);

        // Vocabularies: only the files a spec names are read (never every *.txt in the folder), each in
        // its own node; binding sees their summaries only, so a renamed token does not rebind the model.
        IncrementalValueProvider<EquatableArray<string>> named = drafts
            .Select(static (d, _) => d.Value?.VocabularyFullPath ?? "")
            .Where(static path => path.Length > 0)
            .Collect()
            .Select(static (paths, _) => paths.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.NamedVocabularies);

        IncrementalValuesProvider<VocabularyFile> vocabularies = context.AdditionalTextsProvider
            .Where(static f => IsVocabularyCandidate(f.Path))
            .Combine(named)
            .Where(static pair => pair.Right.Contains(ModelBinder.NormalizePath(pair.Left.Path), StringComparer.OrdinalIgnoreCase))
            .Select(static (pair, ct) => ReadVocabulary(pair.Left, ct))
            .WithTrackingName(Steps.Vocabulary);

        IncrementalValueProvider<ImmutableArray<VocabularySummary>> summaries = vocabularies
            .Select(static (v, _) => v.Summary)
            .Collect();

        IncrementalValuesProvider<StepResult<BoundModel>> bound = drafts
            .Combine(summaries)
            .Select(static (pair, _) => Guard(Steps.Bind, pair.Left.Value?.SpecPath ?? "", () => pair.Left.Value is null
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

        // Code: one file per model, one per vocabulary, and one catalog, each from only what it shows.
        IncrementalValuesProvider<ModelSpec> models = set.SelectMany(static (s, _) => s.Models).WithTrackingName(Steps.Model);
        context.RegisterSourceOutput(models, static (spc, model) => EmitModel(spc, model));

        IncrementalValuesProvider<VocabularySource> vocabularySources = set
            .Combine(vocabularies.Collect())
            .SelectMany(static (pair, _) => VocabularySources(pair.Left.Models, pair.Right))
            .WithTrackingName(Steps.VocabularySource);
        context.RegisterSourceOutput(vocabularySources, static (spc, source) => EmitVocabulary(spc, source));

        IncrementalValueProvider<EquatableArray<CatalogEntry>> catalog = set
            .Select(static (s, _) => s.Models.Select(CatalogEntry.Of).ToEquatableArray())
            .WithTrackingName(Steps.Catalog);
        context.RegisterSourceOutput(catalog, static (spc, entries) => EmitCatalog(spc, entries));
    }

    /// <summary>The vocabulary file of every emitted model that has one: its names and its file's tokens.</summary>
    private static EquatableArray<VocabularySource> VocabularySources(EquatableArray<ModelSpec> models, ImmutableArray<VocabularyFile> files)
    {
        var sources = new System.Collections.Generic.List<VocabularySource>();
        foreach (ModelSpec m in models)
        {
            if (!m.Input.HasVocabulary) continue;
            VocabularyFile? file = ModelBinder.Find(files, f => f.Path, m.Input.VocabularyPath);
            if (file is null) continue; // cannot happen: the model was bound against this file's summary
            sources.Add(new VocabularySource(m.SpecPath, m.Namespace, m.Name, m.Key, m.Input.VocabularyFile, file.Tokens));
        }
        return sources.ToEquatableArray();
    }

    private static (EquatableArray<ModelSpec>, EquatableArray<DiagnosticInfo>) DeduplicateGuarded(ImmutableArray<BoundModel> models)
    {
        try
        {
            foreach (BoundModel m in models) FaultInjection.At(Steps.Models, m.Model.SpecPath);
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

    /// <summary>
    /// Reads a file's text, if it is a file of at most <paramref name="maxBytes"/> (<see cref="InputFiles"/>: a directory or a
    /// longer file is not read, RNN0031, and one of length 0 on disk is empty without being opened); a host that fails to
    /// give it is recorded, and reported as RNN0099 at the file.
    /// </summary>
    private static SpecFile ReadText(AdditionalText file, long maxBytes, string what, CancellationToken ct)
    {
        try
        {
            if (InputFiles.Refusal(file.Path, maxBytes, what, out bool empty) is string refusal) return SpecFile.Refused(file.Path, refusal);
            if (empty) return new SpecFile(file.Path, "");
            SourceText? text = file.GetText(ct);
            if (text is not null && text.Length > maxBytes) return SpecFile.Refused(file.Path, InputFiles.TooLong(text.Length, maxBytes, "characters", what));
            return FromHostText(file.Path, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SpecFile(file.Path, "", $"the build could not read the file ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>A file's text as the host decoded it; one the host read in a code page that is not Unicode is marked where it stops being UTF-8.</summary>
    internal static SpecFile FromHostText(string path, SourceText? text)
    {
        if (text is null) return new SpecFile(path, "");
        string contents = text.ToString();
        int notUtf8 = Utf8Check.InHostText(text, contents, out byte value);
        return new SpecFile(path, contents, NotUtf8At: notUtf8, NotUtf8Byte: value);
    }

    private static VocabularyFile ReadVocabulary(AdditionalText file, CancellationToken ct)
    {
        SpecFile text = ReadText(file, InputFiles.MaxVocabularyBytes, "a vocabulary", ct);
        try
        {
            FaultInjection.At(Steps.Vocabulary, file.Path);
            return VocabularyReader.Read(text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new VocabularyFile(file.Path, EquatableArray<string>.Empty, -1,
                new EquatableArray<DiagnosticInfo>(new[] { SpecPipeline.InternalError(file.Path, e) }));
        }
    }

    /// <summary>Runs a step; an unexpected exception becomes an internal-error diagnostic at the spec instead of a generator crash.</summary>
    private static StepResult<T> Guard<T>(string name, string path, Func<StepResult<T>> step)
        where T : class
    {
        try
        {
            FaultInjection.At(name, path);
            return step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepResult<T>.Failed(SpecPipeline.InternalError(path, e));
        }
    }

    private static void EmitModel(SourceProductionContext spc, ModelSpec model) =>
        AddSource(spc, model.SpecPath, () => (ModelEmitter.HintName(model), ModelEmitter.Emit(model)));

    private static void EmitVocabulary(SourceProductionContext spc, VocabularySource source) =>
        AddSource(spc, source.SpecPath, () => (VocabularyEmitter.HintName(source), VocabularyEmitter.Emit(source)));

    private static void EmitCatalog(SourceProductionContext spc, EquatableArray<CatalogEntry> entries)
    {
        if (entries.IsEmpty) return;
        AddSource(spc, entries[0].SpecPath, () => (CatalogEmitter.HintName, CatalogEmitter.Emit(entries.ToArray())));
    }

    /// <summary>Adds one generated file; an exception while writing it becomes RNN0099 at <paramref name="specPath"/>.</summary>
    private static void AddSource(SourceProductionContext spc, string specPath, Func<(string HintName, string Text)> emit)
    {
        try
        {
            FaultInjection.At(FaultInjection.Emit, specPath);
            (string hint, string text) = emit();
            spc.AddSource(hint, SourceText.From(text, System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(spc, new EquatableArray<DiagnosticInfo>(new[] { SpecPipeline.InternalError(specPath, e) }));
        }
    }

    private static void Report(SourceProductionContext spc, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo d in diagnostics) spc.ReportDiagnostic(RoslynDiagnostics.ToDiagnostic(d));
    }
}
