using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// The spec-checking half of the pipeline as one call: read → bind. The generator runs the same
/// steps as separate incremental nodes; the command-line <c>rnngen check</c> calls this.
/// </summary>
internal static class SpecPipeline
{
    public static StepResult<ModelSpec> Check(SpecFile spec, IReadOnlyList<SpecFile> textFiles, string modelsDirectory)
    {
        try
        {
            StepResult<SpecDraft> read = SpecReader.Read(spec, modelsDirectory);
            if (read.Value is null) return new StepResult<ModelSpec>(null, read.Diagnostics);
            StepResult<BoundModel> bound = ModelBinder.Bind(read.Value, textFiles);
            return new StepResult<ModelSpec>(bound.Value?.Model, read.Diagnostics.Concat(bound.Diagnostics).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepResult<ModelSpec>.Failed(InternalError(spec.Path, e));
        }
    }

    /// <summary>An unexpected exception, turned into a diagnostic at the start of the spec file.</summary>
    public static DiagnosticInfo InternalError(string path, Exception e) =>
        DiagnosticInfo.Create(DiagnosticRules.InternalError, path, TextRange.FileStart, $"{e.GetType().Name}: {e.Message}");
}
