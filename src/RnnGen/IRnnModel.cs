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
    /// one after another into <paramref name="outputs"/> (T × OutputSize values).
    /// </summary>
    void Forward(ReadOnlySpan<int> tokens, Span<float> outputs);
}

/// <summary>A model whose input x is a dense vector of InputSize values.</summary>
public interface IDenseRnnModel : IRnnModel
{
    /// <summary>
    /// Runs a whole sequence from a&lt;0&gt; = 0: <paramref name="inputs"/> holds x&lt;1&gt; … x&lt;T&gt;
    /// (T × InputSize values); ŷ&lt;1&gt; … ŷ&lt;T&gt; go into <paramref name="outputs"/> (T × OutputSize values).
    /// </summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);
}
