using System.Collections.Generic;

namespace RnnGen;

/// <summary>
/// What a generated model is: its spec's sizes, activations and files, as the generator saw them.
/// Every generated model exposes one as <c>Info</c>; tools list them without loading weights.
/// </summary>
/// <param name="Name">The model's C# type name (the spec's <c>name</c>).</param>
/// <param name="Key">The spec file's name without <c>.rnn.json</c>, as tools name the model (<c>name-tagger</c>).</param>
/// <param name="FullTypeName">The namespace-qualified C# type name.</param>
/// <param name="Description">The spec's description, or the empty string.</param>
/// <param name="HiddenSize">The size of the hidden state a.</param>
/// <param name="HiddenActivation">g_a: <c>tanh</c>, <c>relu</c> or <c>sigmoid</c>.</param>
/// <param name="InputEncoding"><c>one-hot</c> or <c>dense</c>.</param>
/// <param name="InputSize">The size of the input x (the vocabulary's size for one-hot input).</param>
/// <param name="Tokenizer">How text becomes tokens: <c>words</c> or <c>characters</c> (one-hot input only).</param>
/// <param name="OutputSize">The size of the output ŷ.</param>
/// <param name="OutputActivation">g_y: <c>sigmoid</c>, <c>softmax</c>, <c>tanh</c> or <c>linear</c>.</param>
/// <param name="Labels">One name per output, or empty.</param>
/// <param name="WeightsFile">The weights file, relative to the models folder, as the spec names it.</param>
/// <param name="Tensors">The tensors the weights file must hold, in the order the model lists them.</param>
/// <param name="Cell">The recurrent cell: <c>rnn</c>, <c>gru</c> or <c>lstm</c>.</param>
/// <param name="Layers">The number of stacked recurrent layers.</param>
/// <param name="EmbeddingSize">The size of the embedding one-hot tokens pass through first, or 0.</param>
/// <param name="Bidirectional">Whether every layer also runs backward (the model then has Forward but no Step).</param>
/// <param name="Shape">How outputs follow inputs: <c>many-to-many</c> (one per input), <c>many-to-one</c> (a classifier: one
/// after the last input) or <c>one-to-many</c> (a generator).</param>
public sealed record RnnModelInfo(
    string Name,
    string Key,
    string FullTypeName,
    string Description,
    int HiddenSize,
    string HiddenActivation,
    string InputEncoding,
    int InputSize,
    string Tokenizer,
    int OutputSize,
    string OutputActivation,
    IReadOnlyList<string> Labels,
    string WeightsFile,
    IReadOnlyList<TensorInfo> Tensors,
    string Cell = SpecWords.Rnn,
    int Layers = 1,
    int EmbeddingSize = 0,
    bool Bidirectional = false,
    string Shape = SpecWords.ManyToMany);
