using System;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>Streamed scoring on a model whose distributions are known.</summary>
public sealed class SymbolScoresTests
{
    /// <summary>The same distribution after every token: p = (0.1, 0.2, 0.3, 0.4).</summary>
    private sealed class Fixed : INextSymbolModel
    {
        private static readonly float[] P = [0.1f, 0.2f, 0.3f, 0.4f];

        public int Resets { get; private set; }

        public int VocabularySize => P.Length;

        public void Reset() => Resets++;

        public void Step(int token, Span<float> probabilities) => P.CopyTo(probabilities);
    }

    [Fact]
    public void Streamed_scoring_of_a_fixed_model_is_the_exponential_of_its_cross_entropy()
    {
        // Every token is scored with p = (0.1, 0.2, 0.3, 0.4): the tokens 3, 3, 1 give exp(−(2 ln 0.4 + ln 0.2) / 3).
        var model = new Fixed();
        (double perplexity, long n) = SymbolScores.Perplexity(model, new[] { new[] { 3, 3 }, new[] { 1 } }, start: 0);
        Assert.Equal(3, n);
        Assert.Equal(Math.Exp(-(2 * Math.Log(0.4f) + Math.Log(0.2f)) / 3), perplexity, 12);
        Assert.Equal(2, model.Resets); // each sequence from a reset model
    }
}
