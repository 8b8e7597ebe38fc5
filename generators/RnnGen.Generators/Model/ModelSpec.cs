namespace RnnGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one model, after parsing and validation succeeded.
/// </summary>
/// <remarks>
/// Contract for the incremental generator: this record and everything inside it is equatable data
/// (strings, numbers, enums, <see cref="EquatableArray{T}"/>). It never holds an ISymbol, a
/// Compilation, a SyntaxNode, an AdditionalText or a Location, so an edit that does not change the
/// model leaves the generated code cached. A test checks this shape.
/// </remarks>
/// <param name="SpecPath">The spec file's full path (for the generated file's header only).</param>
/// <param name="Key">The spec file name without .rnn.json: how tools name the model.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="Description">The spec's description, or empty.</param>
/// <param name="HiddenSize">a: the size of the hidden state.</param>
/// <param name="HiddenActivation">g_a.</param>
/// <param name="Encoding">How x enters.</param>
/// <param name="InputSize">x: the size of the input.</param>
/// <param name="Tokenizer">How text becomes tokens (one-hot only).</param>
/// <param name="VocabularyFile">The vocabulary as the spec names it, or empty.</param>
/// <param name="Vocabulary">The vocabulary's tokens (index = position), or empty.</param>
/// <param name="UnknownIndex">The index of &lt;UNK&gt;, or -1.</param>
/// <param name="OutputSize">y: the size of the output.</param>
/// <param name="OutputActivation">g_y.</param>
/// <param name="Labels">One label per output, or empty.</param>
/// <param name="WeightsFile">The weights file relative to the models folder, with '/' separators.</param>
internal sealed record ModelSpec(
    string SpecPath,
    string Key,
    string Name,
    string Namespace,
    string Description,
    int HiddenSize,
    Activation HiddenActivation,
    InputEncoding Encoding,
    int InputSize,
    TokenizerKind Tokenizer,
    string VocabularyFile,
    EquatableArray<string> Vocabulary,
    int UnknownIndex,
    int OutputSize,
    Activation OutputActivation,
    EquatableArray<string> Labels,
    string WeightsFile)
{
    /// <summary>The namespace-qualified type name.</summary>
    public string FullName => Namespace + "." + Name;
}

/// <summary>
/// A bound model with where its spec gives the name, for the errors only the whole set of models can
/// find (two specs, one type). Kept apart from <see cref="ModelSpec"/> so that moving the name to
/// another line re-reports diagnostics without generating the code again.
/// </summary>
internal sealed record BoundModel(ModelSpec Model, TextRange NameRange);
