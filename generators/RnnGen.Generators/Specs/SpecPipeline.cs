using System;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// The spec-checking half of the pipeline as one call: read → (the vocabulary it names) → bind.
/// The generator runs the same steps as separate incremental nodes; <c>rnngen check</c> calls this.
/// </summary>
internal static class SpecPipeline
{
    /// <summary>Checks one spec.</summary>
    /// <param name="spec">The spec's path and text.</param>
    /// <param name="readText">
    /// Reads the file at a full path, or returns null when there is none; called only for the
    /// vocabulary the spec names, so nothing else is read.
    /// </param>
    /// <param name="modelsDirectory">The models folder that the weights path is relative to.</param>
    public static StepResult<ModelSpec> Check(SpecFile spec, Func<string, SpecFile?> readText, string modelsDirectory)
    {
        try
        {
            StepResult<SpecDraft> read = SpecReader.Read(spec, modelsDirectory);
            if (read.Value is null) return new StepResult<ModelSpec>(null, read.Diagnostics);
            SpecDraft draft = read.Value;
            VocabularySummary[] vocabularies = draft.VocabularyFullPath.Length == 0 || readText(draft.VocabularyFullPath) is not SpecFile file
                ? Array.Empty<VocabularySummary>()
                : new[] { VocabularyReader.Read(file).Summary };
            StepResult<BoundModel> bound = ModelBinder.Bind(draft, vocabularies);
            return new StepResult<ModelSpec>(bound.Value?.Model, read.Diagnostics.Concat(bound.Diagnostics).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepResult<ModelSpec>.Failed(InternalError(spec.Path, e));
        }
    }

    /// <summary>Checks one spec against a set of files in memory, found by path as the build finds AdditionalFiles.</summary>
    public static StepResult<ModelSpec> Check(SpecFile spec, System.Collections.Generic.IReadOnlyList<SpecFile> files, string modelsDirectory) =>
        Check(spec, path => ModelBinder.Find(files, f => f.Path, path), modelsDirectory);

    /// <summary>An unexpected exception, turned into a diagnostic at the start of the spec file.</summary>
    public static DiagnosticInfo InternalError(string path, Exception e) =>
        DiagnosticInfo.Create(DiagnosticRules.InternalError, path, TextRange.FileStart, $"{e.GetType().Name}: {e.Message}");
}
