using System;

namespace RnnGen;

/// <summary>
/// What every generated model offers to code that does not know its type at compile time
/// (tools, catalogs). Typed code should call the generated class's own <c>Step</c> and
/// <c>Forward</c>, which are faster and whose state types are checked at compile time.
/// </summary>
public interface IRnnModel
{
    /// <summary>The model's spec as the generator saw it.</summary>
    RnnModelInfo Info { get; }
}

/// <summary>A model whose input x is a one-hot vector: it reads token indices.</summary>
public interface IOneHotRnnModel : IRnnModel
{
    /// <summary>
    /// The vocabulary (index = line of the vocabulary file, unknown words map to <c>&lt;UNK&gt;</c>),
    /// or <see langword="null"/> when the spec names none and the model reads bare indices.
    /// </summary>
    Vocabulary? Vocabulary { get; }

    /// <summary>
    /// Runs a whole sequence of token indices from a&lt;0&gt; = 0 and writes ŷ&lt;1&gt; … ŷ&lt;T&gt;
    /// one after another into <paramref name="outputs"/> (T × OutputSize values); a classifier (shape
    /// <c>many-to-one</c>) writes only ŷ&lt;T&gt; (OutputSize values), and needs at least one token.
    /// </summary>
    void Forward(ReadOnlySpan<int> tokens, Span<float> outputs);
}

/// <summary>
/// A generator (shape <c>one-to-many</c>): its output is a softmax over its own vocabulary, and each token it samples
/// is its next input.
/// </summary>
public interface IOneHotGenerator : IOneHotRnnModel
{
    /// <summary>
    /// Reads <paramref name="prime"/> from a&lt;0&gt; = 0, then samples one token after another into
    /// <paramref name="tokens"/>, each fed back as the next input, until <paramref name="tokens"/> is full or the
    /// options' stop token is picked (it is not written). Allocates nothing.
    /// </summary>
    /// <param name="prime">The tokens to start from: at least one.</param>
    /// <param name="tokens">Where the generated tokens go; its length is the most that are generated.</param>
    /// <param name="options">Temperature, top-k, stop token, excluded token and seed.</param>
    /// <returns>How many tokens were written.</returns>
    int Generate(ReadOnlySpan<int> prime, Span<int> tokens, GenerationOptions options);
}

/// <summary>A model whose input x is a dense vector of InputSize values.</summary>
public interface IDenseRnnModel : IRnnModel
{
    /// <summary>
    /// Runs a whole sequence from a&lt;0&gt; = 0: <paramref name="inputs"/> holds x&lt;1&gt; … x&lt;T&gt;
    /// (T × InputSize values); ŷ&lt;1&gt; … ŷ&lt;T&gt; go into <paramref name="outputs"/> (T × OutputSize values), or,
    /// for a classifier (shape <c>many-to-one</c>), only ŷ&lt;T&gt; (OutputSize values; at least one step).
    /// </summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);
}
