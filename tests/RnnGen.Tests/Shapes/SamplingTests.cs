using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Shapes;

/// <summary>TokenSampler, GenerationOptions, the text tokenizer and the vocabulary's escaped white space.</summary>
public sealed class SamplingTests
{
    private static int[] Counts(float[] p, GenerationOptions options, int draws)
    {
        var sampler = new TokenSampler(options);
        var counts = new int[p.Length];
        for (int i = 0; i < draws; i++) counts[sampler.Next(p)]++;
        return counts;
    }

    [Fact]
    public void At_temperature_one_tokens_come_out_as_often_as_their_probability()
    {
        float[] p = [0.5f, 0.3f, 0.15f, 0.05f];
        int[] counts = Counts(p, new GenerationOptions { Seed = 1 }, 200_000);
        // Four standard deviations of a binomial count at n = 200,000 is under 0.5 % of n.
        for (int k = 0; k < p.Length; k++) Assert.InRange(counts[k] / 200_000.0, p[k] - 0.005, p[k] + 0.005);
    }

    [Fact]
    public void Temperature_reweights_as_p_to_the_power_one_over_T()
    {
        float[] p = [0.6f, 0.4f];
        // T = 0.5: weights 0.36 and 0.16, so 0.36 / 0.52 = 0.6923 for the first.
        int[] counts = Counts(p, new GenerationOptions { Temperature = 0.5f, Seed = 2 }, 200_000);
        Assert.InRange(counts[0] / 200_000.0, 0.6923 - 0.005, 0.6923 + 0.005);
        // T = 2: weights √0.6 and √0.4, so 0.5505 for the first.
        counts = Counts(p, new GenerationOptions { Temperature = 2f, Seed = 3 }, 200_000);
        Assert.InRange(counts[0] / 200_000.0, 0.5505 - 0.005, 0.5505 + 0.005);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]   // beyond the stack buffer: the bisection finds the cut
    public void Top_k_picks_only_among_the_k_likeliest(int k)
    {
        var random = new DeterministicRandom(9);
        float[] p = Enumerable.Range(0, 500).Select(_ => random.NextFloat() + 1e-3f).ToArray();
        float sum = p.Sum();
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
        float cut = p.OrderByDescending(v => v).ElementAt(k - 1);
        int[] counts = Counts(p, new GenerationOptions { TopK = k, Seed = 4 }, 20_000);
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] < cut) Assert.Equal(0, counts[i]);
        }
        Assert.Equal(k, counts.Count(c => c > 0));
    }

    [Fact]
    public void Zero_temperature_is_the_argmax_and_nothing_with_weight_falls_back_to_it()
    {
        Assert.Equal(2, new TokenSampler(new GenerationOptions { Temperature = 0 }).Next([0.1f, 0.2f, 0.7f]));
        Assert.Equal(0, new TokenSampler(new GenerationOptions()).Next([0f, float.NaN, 0f]));
        Assert.Equal(0, new TokenSampler(new GenerationOptions()).Next([0f, 0f, 0f]));
        Assert.Equal(1, TokenSampler.ArgMax([float.NaN, 0.5f, 0.2f]));
        Assert.Throws<ArgumentException>(() => new TokenSampler(new GenerationOptions()).Next([]));
    }

    [Fact]
    public void Options_refuse_values_that_mean_nothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { Temperature = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { Temperature = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { TopK = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { StopToken = -2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { ExcludedToken = -2 });
        Assert.Equal("temperature 0.8, top-k 40, stop 3, seed 7", new GenerationOptions { Temperature = 0.8f, TopK = 40, StopToken = 3, Seed = 7 }.ToString());
        Assert.Equal("temperature 1, top-k all, stop none, never 0, seed 0", new GenerationOptions { ExcludedToken = 0 }.ToString());
    }

    [Theory]
    [InlineData(1f, 0)]
    [InlineData(0.5f, 0)]
    [InlineData(1f, 2)]
    [InlineData(1f, 100)] // top-k beyond the small-k buffer: the bisection
    public void The_excluded_token_is_never_picked_and_the_rest_keep_their_proportions(float temperature, int topK)
    {
        float[] p = new float[120];
        p[0] = 0.9f; // excluded, the likeliest
        p[1] = 0.06f;
        p[2] = 0.04f;
        int[] counts = Counts(p, new GenerationOptions { Temperature = temperature, TopK = topK, ExcludedToken = 0, Seed = 5 }, 100_000);
        Assert.Equal(0, counts[0]);
        Assert.Equal(100_000, counts[1] + counts[2]);
        double expected = Math.Pow(0.06, 1 / temperature) / (Math.Pow(0.06, 1 / temperature) + Math.Pow(0.04, 1 / temperature));
        Assert.InRange(counts[1] / 100_000.0, expected - 0.006, expected + 0.006);
    }

    [Fact]
    public void Greedy_picks_skip_the_excluded_token_unless_it_is_the_only_one()
    {
        Assert.Equal(1, new TokenSampler(new GenerationOptions { Temperature = 0, ExcludedToken = 2 }).Next([0.1f, 0.2f, 0.7f]));
        Assert.Equal(1, new TokenSampler(new GenerationOptions { TopK = 1, ExcludedToken = 0 }).Next([0.7f, 0.2f, 0.1f]));
        // Nothing but the excluded token has weight: the likeliest other one (the first of the zeros; NaN never wins).
        Assert.Equal(1, new TokenSampler(new GenerationOptions { ExcludedToken = 0 }).Next([1f, 0f, float.NaN, 0f]));
        Assert.Equal(0, new TokenSampler(new GenerationOptions { Temperature = 0, ExcludedToken = 0 }).Next([1f]));
    }

    [Fact]
    public void The_text_tokenizer_keeps_every_character_and_reads_CRLF_as_one_line_break()
    {
        Assert.Equal(["X", ":", "1", "\n", "K", ":", " ", "G", "\n", "a", "😀"], Tokenizer.Text("X:1\r\nK: G\ra😀"));
        Assert.Equal(Tokenizer.Text("ab"), Tokenizer.Tokenize("ab", SpecWords.Text));
    }

    [Fact]
    public void A_vocabulary_file_writes_white_space_tokens_escaped_and_reads_them_back()
    {
        Vocabulary v = Vocabulary.FromFileLines(["<UNK>", "\\s", "\\n", "\\t", "a", "\\"]);
        Assert.Equal(["<UNK>", " ", "\n", "\t", "a", "\\"], v.Tokens);
        Assert.Equal(["<UNK>", "\\s", "\\n", "\\t", "a", "\\"], v.Tokens.Select(Vocabulary.LineOfToken));
        Assert.Equal([1, 4, 2], v.Encode(Tokenizer.Text(" a\n")));
    }
}
