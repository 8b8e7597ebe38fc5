using System;
using System.Linq;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>The seeded sampling loop on a model whose distributions are known.</summary>
public sealed class SymbolSamplerTests
{
    /// <summary>The same distribution after every token: p = (0.1, 0.2, 0.3, 0.4).</summary>
    private sealed class Fixed : INextSymbolModel
    {
        public static readonly float[] P = [0.1f, 0.2f, 0.3f, 0.4f];

        public int Resets { get; private set; }

        public int VocabularySize => P.Length;

        public void Reset() => Resets++;

        public void Step(int token, Span<float> probabilities) => P.CopyTo(probabilities);
    }

    [Fact]
    public void At_temperature_one_the_draws_follow_the_model()
    {
        var random = new DeterministicRandom(5);
        var q = new double[4];
        var counts = new int[4];
        const int draws = 40_000;
        for (int i = 0; i < draws; i++) counts[SymbolSampler.Draw(Fixed.P, q, 1.0, [], random)]++;
        for (int k = 0; k < 4; k++)
        {
            // Binomial standard deviation √(n p (1 − p)) ≤ 100 draws; allow 5 of them.
            Assert.InRange(counts[k], draws * Fixed.P[k] - 500, draws * Fixed.P[k] + 500);
        }
    }

    [Fact]
    public void Temperature_sharpens_or_flattens_and_forbidden_tokens_never_come()
    {
        var random = new DeterministicRandom(6);
        var q = new double[4];
        // T → 0 keeps only the most likely token.
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(3, SymbolSampler.Draw(Fixed.P, q, 0.01, [], random)));
        // With 3 forbidden, the most likely left is 2.
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(2, SymbolSampler.Draw(Fixed.P, q, 0.01, [3], random)));
        // T = 2: q ∝ √p, so token 0 comes √0.1 / Σ √p ≈ 0.137 of the time (not 0.1).
        int zeros = Enumerable.Range(0, 40_000).Count(_ => SymbolSampler.Draw(Fixed.P, q, 2.0, [], random) == 0);
        double expected = Math.Sqrt(0.1) / Fixed.P.Sum(p => Math.Sqrt(p)) * 40_000;
        Assert.InRange(zeros, expected - 400, expected + 400);
        Assert.All(Enumerable.Range(0, 2_000), _ => Assert.NotEqual(1, SymbolSampler.Draw(Fixed.P, q, 1.0, [1], random)));
    }

    [Fact]
    public void A_sequence_stops_at_the_stop_token_or_the_length_and_is_fixed_by_the_seed()
    {
        var model = new Fixed();
        var one = SymbolSampler.Sample(model, start: 0, stop: 0, maxLength: 500, temperature: 1.0, seed: 9, never: []);
        Assert.Equal(0, one[^1]);
        Assert.DoesNotContain(0, one.Take(one.Count - 1));
        Assert.Equal(one, SymbolSampler.Sample(model, 0, 0, 500, 1.0, 9, []));
        Assert.NotEqual(
            Enumerable.Range(0, 5).Select(s => SymbolSampler.Sample(model, 0, 0, 500, 1.0, (ulong)s, []).Count),
            Enumerable.Range(5, 5).Select(s => SymbolSampler.Sample(model, 0, 0, 500, 1.0, (ulong)s, []).Count));
        // Token 0 is forbidden, so it cannot stop: the length limit does.
        Assert.Equal(7, SymbolSampler.Sample(model, 0, 0, 7, 1.0, 9, [0]).Count);
        Assert.Equal(5, model.Resets);
        Assert.Throws<ArgumentOutOfRangeException>(() => SymbolSampler.Sample(model, 0, 0, 7, 0, 9, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymbolSampler.Sample(model, 0, 4, 7, 1, 9, []));
    }

    [Fact]
    public void Streamed_scoring_of_a_fixed_model_is_the_exponential_of_its_cross_entropy()
    {
        // Every token is scored with p = (0.1, 0.2, 0.3, 0.4): the tokens 3, 3, 1 give exp(−(2 ln 0.4 + ln 0.2) / 3).
        (double perplexity, long n) = SymbolScores.Perplexity(new Fixed(), new[] { new[] { 3, 3 }, new[] { 1 } }, start: 0);
        Assert.Equal(3, n);
        Assert.Equal(Math.Exp(-(2 * Math.Log(0.4f) + Math.Log(0.2f)) / 3), perplexity, 12);
    }
}
