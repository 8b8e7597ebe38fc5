namespace RnnGen.Generators.Model;

/// <summary>
/// Everything the lowering and the emitters need to write one model, after parsing and validation
/// succeeded: the input, the recurrent layers, the output head and the weight tensors, as data.
/// </summary>
/// <remarks>
/// Contract for the incremental generator: this record and everything inside it is equatable data
/// (strings, numbers, enums, nested records, <see cref="EquatableArray{T}"/>). It never holds an ISymbol,
/// a Compilation, a SyntaxNode, an AdditionalText or a Location, so an edit that does not change the
/// model leaves the generated code cached. It holds the vocabulary's size and the index of &lt;UNK&gt; but
/// not its tokens: those are emitted from their own pipeline node, so renaming a token does not
/// re-emit the kernels. A test checks this shape.
/// </remarks>
/// <param name="SpecPath">The spec file's full path (for the generated file's header only).</param>
/// <param name="Key">The spec file name without .rnn.json: how tools name the model.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="Description">The spec's description, or empty.</param>
/// <param name="Input">x: how it enters and its size.</param>
/// <param name="Layers">The recurrent layers, input first (today one).</param>
/// <param name="Output">ŷ: the head's size, activation and labels.</param>
/// <param name="Tensors">The weight tensors, in the weights file's order.</param>
/// <param name="WeightsFile">The weights file relative to the models folder, with '/' separators.</param>
/// <param name="Modules">The module paths of PyTorch's names, and whether the spec names them (then the names are exact).</param>
/// <param name="Shape">How the outputs follow the inputs: one per input, one after the last, or generated.</param>
internal sealed record ModelSpec(
    string SpecPath,
    string Key,
    string Name,
    string Namespace,
    string Description,
    InputSpec Input,
    EquatableArray<LayerSpec> Layers,
    OutputSpec Output,
    EquatableArray<TensorSpec> Tensors,
    string WeightsFile,
    ModulePrefixes Modules,
    SequenceShape Shape = SequenceShape.ManyToMany)
{
    /// <summary>The namespace-qualified type name.</summary>
    public string FullName => Namespace + "." + Name;

    /// <summary>The last layer, whose state the head reads.</summary>
    public LayerSpec Top => Layers[Layers.Count - 1];

    /// <summary>Whether the layers run both ways: then the model has no Step, only Forward over whole sequences.</summary>
    public bool Bidirectional => Top.Bidirectional;

    /// <summary>Whether the model is a sequence classifier (one output after the last input).</summary>
    public bool Classifier => Shape == SequenceShape.ManyToOne;

    /// <summary>Whether the model is a generator (its sampled outputs are its next inputs).</summary>
    public bool Generator => Shape == SequenceShape.OneToMany;
}

/// <summary>x: how it enters the network.</summary>
/// <param name="Encoding">One-hot token indices or dense vectors.</param>
/// <param name="Size">The size of x (for one-hot, the vocabulary's size).</param>
/// <param name="Tokenizer">How text becomes tokens (one-hot only).</param>
/// <param name="VocabularyFile">The vocabulary as the spec names it, or empty.</param>
/// <param name="VocabularyPath">The vocabulary's full path (how its pipeline node is found), or empty.</param>
/// <param name="UnknownIndex">The index of &lt;UNK&gt; in the vocabulary, or -1.</param>
/// <param name="Embedding">The size of an embedding the tokens pass through first (an nn.Embedding), or 0.</param>
internal sealed record InputSpec(InputEncoding Encoding, int Size, TokenizerKind Tokenizer, string VocabularyFile, string VocabularyPath, int UnknownIndex,
    int Embedding = 0)
{
    public bool OneHot => Encoding == InputEncoding.OneHot;

    /// <summary>Whether the model has a vocabulary (and with it Tokenize, Encode and a vocabulary file).</summary>
    public bool HasVocabulary => OneHot && VocabularyFile.Length > 0;
}

/// <summary>One recurrent layer.</summary>
/// <param name="Cell">Its cell.</param>
/// <param name="Size">a: the size of its hidden state.</param>
/// <param name="Activation">g_a (a GRU's and an LSTM's are tanh).</param>
/// <param name="Index">Its place, 0 for the layer that reads x.</param>
/// <param name="InputSize">The size of what it reads: x, the embedding, or the layer below's state (both directions' when bidirectional).</param>
/// <param name="Bidirectional">Whether the layer runs over the sequence both ways, its output the two states side by side.</param>
internal sealed record LayerSpec(CellKind Cell, int Size, Activation Activation, int Index = 0, int InputSize = 0, bool Bidirectional = false)
{
    /// <summary>1, or 2 when bidirectional.</summary>
    public int Directions => Bidirectional ? 2 : 1;
}

/// <summary>ŷ: the output head.</summary>
/// <param name="Size">y: the number of outputs.</param>
/// <param name="Activation">g_y.</param>
/// <param name="Labels">One label per output, or empty.</param>
internal sealed record OutputSpec(int Size, Activation Activation, EquatableArray<string> Labels);

/// <summary>
/// A bound model with where its spec gives the name, for the errors only the whole set of models can
/// find (two specs, one type). Kept apart from <see cref="ModelSpec"/> so that moving the name to
/// another line re-reports diagnostics without generating the code again.
/// </summary>
internal sealed record BoundModel(ModelSpec Model, TextRange NameRange);
