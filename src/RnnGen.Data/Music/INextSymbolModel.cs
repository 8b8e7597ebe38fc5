using System;

namespace RnnGen.Data.Music;

/// <summary>A model that reads one token at a time and gives the distribution of the next one (an RNN's Step, streamed).</summary>
public interface INextSymbolModel
{
    /// <summary>V: the length of each distribution.</summary>
    int VocabularySize { get; }

    /// <summary>Forgets what was read: the next token is the first of a sequence (an RNN's a&lt;0&gt; = 0).</summary>
    void Reset();

    /// <summary>Reads <paramref name="token"/> and writes P(next token = i) into <paramref name="probabilities"/>[i].</summary>
    void Step(int token, Span<float> probabilities);
}
