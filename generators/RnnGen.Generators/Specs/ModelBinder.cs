using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// Step 2 of the pipeline: <see cref="SpecDraft"/> + the build's text files → <see cref="ModelSpec"/> (with its name's range).
/// Finds the vocabulary the spec names, reads it, and checks it against the spec.
/// </summary>
internal static class ModelBinder
{
    public static StepResult<BoundModel> Bind(SpecDraft draft, IReadOnlyList<SpecFile> textFiles)
    {
        if (draft.Encoding == InputEncoding.Dense || draft.VocabularyFile.Length == 0)
        {
            if (TooLarge(draft, draft.InputSize!.Value) is DiagnosticInfo tooLarge) return StepResult<BoundModel>.Failed(tooLarge);
            return new StepResult<BoundModel>(ToModel(draft, draft.InputSize!.Value, EquatableArray<string>.Empty, -1), EquatableArray<DiagnosticInfo>.Empty);
        }

        SpecFile? file = Find(textFiles, draft.VocabularyFullPath);
        if (file is null)
        {
            return StepResult<BoundModel>.Failed(DiagnosticInfo.Create(
                DiagnosticRules.VocabularyNotFound, draft.SpecPath, draft.VocabularyRange, draft.VocabularyFile, draft.VocabularyFullPath));
        }

        if (file.ReadError is not null)
        {
            return StepResult<BoundModel>.Failed(DiagnosticInfo.Create(DiagnosticRules.InternalError, file.Path, TextRange.FileStart, file.ReadError));
        }
        (VocabularyContents? contents, List<DiagnosticInfo> diagnostics) = VocabularyReader.Read(file);
        if (contents is null) return new StepResult<BoundModel>(null, diagnostics.ToEquatableArray());

        if (contents.UnknownIndex < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.VocabularyWithoutUnknown, draft.SpecPath, draft.VocabularyRange, draft.VocabularyFile));
        }
        int count = contents.Tokens.Count;
        if (draft.InputSize is int size && size != count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.InputSizeMismatch, draft.SpecPath, draft.InputSizeRange,
                size.ToString(CultureInfo.InvariantCulture), draft.VocabularyFile, count.ToString(CultureInfo.InvariantCulture)));
        }
        if (count > SpecReader.MaxInputSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.SizeOutOfRange, draft.SpecPath, draft.VocabularyRange,
                "The vocabulary's line count", "1", SpecReader.MaxInputSize.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture)));
        }
        if (diagnostics.Count == 0 && TooLarge(draft, count) is DiagnosticInfo tooBig) diagnostics.Add(tooBig);
        if (diagnostics.Count > 0) return new StepResult<BoundModel>(null, diagnostics.ToEquatableArray());

        return new StepResult<BoundModel>(ToModel(draft, count, contents.Tokens, contents.UnknownIndex), EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The largest number of elements a .NET float array holds.</summary>
    internal const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// The packed Wax (x rows of a padded to 16) must fit in one array, and the generated code's
    /// constant products must not overflow an int.
    /// </summary>
    private static DiagnosticInfo? TooLarge(SpecDraft draft, int inputSize)
    {
        long stride = (draft.HiddenSize + 15) / 16 * 16;
        long floats = inputSize * stride;
        if (floats <= MaxArrayLength) return null;
        TextRange at = draft.InputSize is not null ? draft.InputSizeRange : draft.VocabularyRange;
        return DiagnosticInfo.Create(DiagnosticRules.ModelTooLarge, draft.SpecPath, at,
            inputSize.ToString("#,0", CultureInfo.InvariantCulture), stride.ToString("#,0", CultureInfo.InvariantCulture),
            floats.ToString("#,0", CultureInfo.InvariantCulture), MaxArrayLength.ToString("#,0", CultureInfo.InvariantCulture));
    }

    private static SpecFile? Find(IReadOnlyList<SpecFile> files, string fullPath) =>
        files.FirstOrDefault(f => string.Equals(Normalize(f.Path), fullPath, StringComparison.Ordinal))
        ?? files.FirstOrDefault(f => string.Equals(Normalize(f.Path), fullPath, StringComparison.OrdinalIgnoreCase));

    private static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return path;
        }
    }

    private static BoundModel ToModel(SpecDraft d, int inputSize, EquatableArray<string> vocabulary, int unknownIndex) => new(new ModelSpec(
        d.SpecPath, d.Key, d.Name, d.Namespace, d.Description,
        d.HiddenSize, d.HiddenActivation, d.Encoding, inputSize, d.Tokenizer, d.VocabularyFile, vocabulary, unknownIndex,
        d.OutputSize, d.OutputActivation, d.Labels, d.WeightsFile), d.NameRange);
}
