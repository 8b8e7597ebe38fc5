using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// Step 2 of the pipeline: <see cref="SpecDraft"/> + the summaries of the vocabularies specs name →
/// <see cref="ModelSpec"/> (with its name's range). Checks the vocabulary against the spec and lists
/// the model's layers and tensors.
/// </summary>
internal static class ModelBinder
{
    public static StepResult<BoundModel> Bind(SpecDraft draft, IReadOnlyList<VocabularySummary> vocabularies)
    {
        if (draft.Encoding == InputEncoding.Dense || draft.VocabularyFile.Length == 0)
        {
            if (TooLarge(draft, draft.InputSize!.Value) is DiagnosticInfo tooLarge) return StepResult<BoundModel>.Failed(tooLarge);
            return new StepResult<BoundModel>(ToModel(draft, draft.InputSize!.Value, -1), EquatableArray<DiagnosticInfo>.Empty);
        }

        VocabularySummary? vocabulary = Find(vocabularies, draft.VocabularyFullPath);
        if (vocabulary is null)
        {
            return StepResult<BoundModel>.Failed(DiagnosticInfo.Create(
                DiagnosticRules.VocabularyNotFound, draft.SpecPath, draft.VocabularyRange, DiagnosticText.Clip(draft.VocabularyFile), draft.VocabularyFullPath));
        }
        if (!vocabulary.Diagnostics.IsEmpty) return new StepResult<BoundModel>(null, vocabulary.Diagnostics);

        var diagnostics = new List<DiagnosticInfo>();
        if (vocabulary.UnknownIndex < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.VocabularyWithoutUnknown, draft.SpecPath, draft.VocabularyRange, DiagnosticText.Clip(draft.VocabularyFile)));
        }
        int count = vocabulary.Count;
        if (draft.InputSize is int size && size != count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.InputSizeMismatch, draft.SpecPath, draft.InputSizeRange,
                size.ToString(CultureInfo.InvariantCulture), DiagnosticText.Clip(draft.VocabularyFile), count.ToString(CultureInfo.InvariantCulture)));
        }
        if (count > SpecReader.MaxInputSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.SizeOutOfRange, draft.SpecPath, draft.VocabularyRange,
                "The vocabulary's line count", "1", SpecReader.MaxInputSize.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture)));
        }
        if (draft.Shape == SequenceShape.OneToMany && draft.OutputSize != count)
        {
            string n = count.ToString(CultureInfo.InvariantCulture);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.ShapeConflict, draft.SpecPath, draft.OutputSizeRange, SpecWords.OneToMany,
                "y.size " + draft.OutputSize.ToString(CultureInfo.InvariantCulture),
                $"a generator's ŷ is a softmax over its input tokens, the {n} lines of '{DiagnosticText.Clip(draft.VocabularyFile)}', so y.size must be {n}"));
        }
        if (diagnostics.Count == 0 && TooLarge(draft, count) is DiagnosticInfo tooBig) diagnostics.Add(tooBig);
        if (diagnostics.Count > 0) return new StepResult<BoundModel>(null, diagnostics.ToEquatableArray());

        return new StepResult<BoundModel>(ToModel(draft, count, vocabulary.UnknownIndex), EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The largest number of elements a .NET float array holds.</summary>
    internal const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>The longest weights file the run-time library reads (SafeTensorsFile.MaxFileLength: one byte array).</summary>
    internal const long MaxWeightsFileLength = 0x7FFFFFC7;

    /// <summary>
    /// The packed Wax (x rows of a padded to 16) must fit in one array, and the generated code's
    /// constant products must not overflow an int; and the weights file, whose data alone is 4 bytes a float, must be
    /// one the loader reads, or no Load could ever succeed.
    /// </summary>
    private static DiagnosticInfo? TooLarge(SpecDraft draft, int inputSize)
    {
        // The input table (one row per token, every gate's rows padded to 16) must fit in one array.
        int gates = ModelTensors.Gates(draft.Cell);
        long padded = SpecWords.Pad(draft.HiddenSize);
        TextRange at = draft.InputSize is not null ? draft.InputSizeRange : draft.VocabularyRange;
        string N(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);
        // The embedding's table (tokens × E) must fit too, and its size is an int constant in the generated code.
        long embedding = (long)inputSize * draft.Embedding;
        if (embedding > MaxArrayLength)
        {
            return DiagnosticInfo.Create(DiagnosticRules.ModelTooLarge, draft.SpecPath, at, ModelTensors.EmbeddingWeight(draft.Modules),
                $"{N(inputSize)} × {N(draft.Embedding)} = {N(embedding)} floats (x.size × x.embedding)", N(MaxArrayLength), "one .NET array holds",
                "the vocabulary or x.embedding");
        }
        long floats = inputSize * gates * padded;
        if (floats > MaxArrayLength)
        {
            bool textbook = ModelTensors.Textbook(draft.Cell, draft.Layers, draft.Embedding, draft.Bidirectional);
            string row = (gates == 1 ? "" : gates.ToString(CultureInfo.InvariantCulture) + " × ") + N(padded);
            return DiagnosticInfo.Create(DiagnosticRules.ModelTooLarge, draft.SpecPath, at, textbook ? "Wax" : "The input table",
                $"{N(inputSize)} × {row} = {N(floats)} floats ("
                + (gates == 1 ? "x.size × a.size padded to a multiple of 16" : "x.size × the cell's gates × a.size padded to a multiple of 16") + ")",
                N(MaxArrayLength), "one .NET array holds", "the vocabulary or a.size");
        }
        // The smallest file that holds the tensors: their data, the 8-byte header length and a header of at least "{}".
        long data = ModelTensors.For(draft.Cell, draft.HiddenSize, inputSize, draft.OutputSize, draft.Layers, draft.Embedding,
            bidirectional: draft.Bidirectional, modules: draft.Modules).Sum(t => t.Elements);
        long file = 4 * data + 8 + 2;
        if (file <= MaxWeightsFileLength) return null;
        return DiagnosticInfo.Create(DiagnosticRules.ModelTooLarge, draft.SpecPath, at, "The weights file",
            $"at least {N(file)} bytes (its tensors' {N(data)} floats of 4 bytes each, and a header)", N(MaxWeightsFileLength) + " bytes",
            "the loader reads (SafeTensorsFile.Read, 2 GiB)", "x.size, a.size, a.layers or y.size");
    }

    /// <summary>The file with this full path: the exact spelling first, then one that differs only in case.</summary>
    internal static T? Find<T>(IEnumerable<T> files, Func<T, string> pathOf, string fullPath)
        where T : class =>
        files.FirstOrDefault(f => string.Equals(NormalizePath(pathOf(f)), fullPath, StringComparison.Ordinal))
        ?? files.FirstOrDefault(f => string.Equals(NormalizePath(pathOf(f)), fullPath, StringComparison.OrdinalIgnoreCase));

    private static VocabularySummary? Find(IReadOnlyList<VocabularySummary> files, string fullPath) => Find(files, f => f.Path, fullPath);

    internal static string NormalizePath(string path)
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

    private static BoundModel ToModel(SpecDraft d, int inputSize, int unknownIndex)
    {
        var input = new InputSpec(d.Encoding, inputSize, d.Tokenizer, d.VocabularyFile, d.VocabularyFullPath, unknownIndex, d.Embedding);
        int firstInput = d.Embedding > 0 ? d.Embedding : inputSize;
        int directions = d.Bidirectional ? 2 : 1;
        var layers = Enumerable.Range(0, d.Layers)
            .Select(k => new LayerSpec(d.Cell, d.HiddenSize, d.HiddenActivation, k, k == 0 ? firstInput : directions * d.HiddenSize, d.Bidirectional))
            .ToEquatableArray();
        var output = new OutputSpec(d.OutputSize, d.OutputActivation, d.Labels);
        var model = new ModelSpec(d.SpecPath, d.Key, d.Name, d.Namespace, d.Description,
            input, layers, output,
            ModelTensors.For(d.Cell, d.HiddenSize, inputSize, output.Size, d.Layers, d.Embedding, bidirectional: d.Bidirectional, modules: d.Modules),
            d.WeightsFile, d.Modules, d.Shape);
        return new BoundModel(model, d.NameRange);
    }
}
