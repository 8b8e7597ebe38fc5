using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// A spec that parsed and validated on its own, before its vocabulary file is read. It keeps the
/// ranges of the values that a vocabulary can still contradict, so those errors point at them.
/// Equatable data only (see <see cref="ModelSpec"/> for the contract).
/// </summary>
internal sealed record SpecDraft(
    string SpecPath,
    string Key,
    string Name,
    TextRange NameRange,
    string Namespace,
    string Description,
    int HiddenSize,
    Activation HiddenActivation,
    CellKind Cell,
    int Layers,
    bool Bidirectional,
    InputEncoding Encoding,
    int? InputSize,
    TextRange InputSizeRange,
    TokenizerKind Tokenizer,
    string VocabularyFile,
    string VocabularyFullPath,
    TextRange VocabularyRange,
    int Embedding,
    int OutputSize,
    Activation OutputActivation,
    EquatableArray<string> Labels,
    string WeightsFile,
    ModulePrefixes Modules,
    SequenceShape Shape = SequenceShape.ManyToMany,
    TextRange ShapeRange = default,
    TextRange OutputSizeRange = default);
