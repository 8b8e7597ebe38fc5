namespace RnnGen.Generators.Model;

/// <summary>
/// The names generated code gives its own members, defined once: the reader refuses a model named
/// like one of them, the emitter skips a label property that would take one, and a test checks the
/// lists against what the compiled class really declares.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The members and nested types of a model's class; a model cannot be called any of them.</summary>
    public static readonly string[] ModelMembers =
    {
        "Hidden", "Output", "HiddenBuffer", "OutputBuffer", "Step", "StepUnchecked", "StepWithVectors",
        "Forward", "Load", "FromSafeTensors", "Encode", "Tokenize", "Info", "Vocabulary", "VocabularyHolder",
        "VocabularyTokens", "UnknownToken", "HiddenSize", "InputSize", "OutputSize", "HiddenStride", "OutputStride",
        "Labels", "WeightsFile", "DefaultWeightsPath", "EmbeddingSize", "StateStride", "PyTorchTensors", "ForwardWithVectors",
        "ForwardBatch", "ForwardBatchWithVectors",
    };

    /// <summary>
    /// The members of the Hidden and Output structs (the indexer is "Item") and those every type gets
    /// from object: a label whose property would take one of these names (or the struct's own) gets none.
    /// </summary>
    public static readonly string[] VectorMembers =
    {
        "Length", "Values", "Item", "AsSpan", "CopyTo", "ToArray", "ArgMax", "Label", "Reset", "Layer", "Cell",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The namespace of everything the generator writes besides the models themselves; no spec may use it.</summary>
    public const string ImplementationNamespace = "RnnGen.Generated";
}
