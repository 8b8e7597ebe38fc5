using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>The interpolated Kneser–Ney baseline against a perplexity worked out by hand, and its distributions.</summary>
public sealed class KneserNeyTests
{
    // Tokens: 0 <UNK>, 1 <EOS> (called End here), 2 a, 3 b. Every sequence is read after <EOS>.
    private const int End = 1, A = 2, B = 3;

    [Fact]
    public void A_bigram_model_gives_the_perplexity_worked_out_by_hand()
    {
        // Training: "a b a" then <EOS>: the bigrams (END a) (a b) (b a) (a END), each once.
        KneserNey model = KneserNey.Train(new[] { new[] { A, B, A, End } }, order: 2, vocabularySize: 4, padding: End, discount: 0.5);
        // Unigram continuation counts N1+(• w): a follows END and b (2), b follows a (1), END follows a (1), <UNK> 0;
        // S = 4 over T = 3 types. P1(w) = max(N − 0.5, 0) / 4 + 0.5 · 3 / 4 · 1/4:
        //   P1(a) = 1.5/4 + 3/32 = 15/32, P1(b) = P1(END) = 0.5/4 + 3/32 = 7/32, P1(<UNK>) = 3/32 (sum 1).
        Assert.Equal(15.0 / 32, model.Probability(Array.Empty<int>(), A), 15);
        Assert.Equal(7.0 / 32, model.Probability(Array.Empty<int>(), End), 15);
        Assert.Equal(3.0 / 32, model.Probability(Array.Empty<int>(), 0), 15);
        // Test "a a" then <EOS>: P2(a | END) = (1 − 0.5)/1 + 0.5 · 1/1 · 15/32 = 47/64,
        // P2(a | a) = 0/2 + 0.5 · 2/2 · 15/32 = 15/64 (a was followed by b and END, never by a),
        // P2(END | a) = (1 − 0.5)/2 + 0.5 · 2/2 · 7/32 = 23/64.
        Assert.Equal(47.0 / 64, model.Probability(new[] { End }, A), 15);
        Assert.Equal(15.0 / 64, model.Probability(new[] { A }, A), 15);
        Assert.Equal(23.0 / 64, model.Probability(new[] { A }, End), 15);
        (double perplexity, long tokens) = model.Perplexity(new[] { new[] { A, A, End } });
        Assert.Equal(3, tokens);
        Assert.Equal(Math.Pow(47.0 / 64 * 15.0 / 64 * 23.0 / 64, -1.0 / 3), perplexity, 12);
        // A context the training data never had backs off to the lower order whole: P2(a | <UNK>) = P1(a).
        Assert.Equal(15.0 / 32, model.Probability(new[] { 0 }, A), 15);
    }

    [Fact]
    public void Neys_discounts_come_from_the_numbers_of_grams_seen_once_and_twice()
    {
        // Bigrams of "a a a b" + END after END: (END a) (a a) (a a) (a b) (b END): n1 = 3, n2 = 1, D2 = 3 / (3 + 2) = 0.6.
        // Continuation counts: a 2 (after END and a), b 1, END 1: n1 = 2, n2 = 1, D1 = 2 / 4 = 0.5.
        KneserNey model = KneserNey.Train(new[] { new[] { A, A, A, B, End } }, order: 2, vocabularySize: 4, padding: End);
        Assert.Equal(new[] { 0.5, 0.6 }, model.Discounts.Select(d => Math.Round(d, 12)));
    }

    [Fact]
    public void Every_distribution_sums_to_one_over_the_vocabulary_for_every_order_and_context()
    {
        var random = new DeterministicRandom(11);
        const int v = 6;
        var sequences = Enumerable.Range(0, 8)
            .Select(_ => Enumerable.Range(0, 3 + random.NextInt(12)).Select(_ => 2 + random.NextInt(v - 2)).Append(End).ToArray())
            .ToArray();
        for (int order = 1; order <= 5; order++)
        {
            KneserNey model = KneserNey.Train(sequences, order, v, End);
            for (int trial = 0; trial < 50; trial++)
            {
                // Contexts from the training data (seen) and at random (mostly unseen), of every length up to n − 1 and beyond.
                int[] history = trial % 2 == 0
                    ? sequences[trial % sequences.Length].Take(random.NextInt(6)).ToArray()
                    : Enumerable.Range(0, random.NextInt(6)).Select(_ => random.NextInt(v)).ToArray();
                double sum = Enumerable.Range(0, v).Sum(w => model.Probability(history, w));
                Assert.True(Math.Abs(sum - 1) < 1e-12, $"order {order}, history [{string.Join(" ", history)}]: sum {sum}");
                Assert.All(Enumerable.Range(0, v), w => Assert.True(model.Probability(history, w) > 0));
            }
        }
    }

    [Fact]
    public void A_longer_order_fits_its_training_data_better_and_the_unigram_model_is_not_uniform()
    {
        int[][] sequences = [[A, B, A, B, A, B, End], [A, B, A, B, End]];
        double unigram = KneserNey.Train(sequences, 1, 4, End).Perplexity(sequences).Perplexity;
        double trigram = KneserNey.Train(sequences, 3, 4, End).Perplexity(sequences).Perplexity;
        Assert.True(trigram < unigram, $"{trigram} < {unigram}");
        Assert.True(unigram < 4, $"{unigram} < 4");
    }

    [Fact]
    public void Bad_tokens_and_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KneserNey.Train(new[] { new[] { 4 } }, 2, 4, End));
        Assert.Throws<ArgumentOutOfRangeException>(() => KneserNey.Train(new[] { new[] { A } }, 0, 4, End));
        Assert.Throws<ArgumentOutOfRangeException>(() => KneserNey.Train(new[] { new[] { A } }, 2, 4, End, discount: 1.5));
        KneserNey model = KneserNey.Train(new[] { new[] { A, End } }, 2, 4, End);
        Assert.Throws<ArgumentException>(() => model.Probability(new[] { 9 }, A));
        Assert.Throws<ArgumentException>(() => model.Perplexity(new[] { new[] { -1 } }));
    }

    /// <summary>The n-gram model read one token at a time, after the padding it reads before every sequence.</summary>
    internal sealed class Streamed(KneserNey model) : INextSymbolModel
    {
        private readonly List<int> history = [];

        public int VocabularySize => model.VocabularySize;

        public void Reset()
        {
            history.Clear();
            history.AddRange(Enumerable.Repeat(model.Padding, model.Order - 1));
        }

        public void Step(int token, Span<float> probabilities)
        {
            history.Add(token);
            for (int w = 0; w < VocabularySize; w++) probabilities[w] = (float)model.Probability(history.ToArray(), w);
        }
    }

    [Fact]
    public void Streamed_scoring_reads_the_tunes_as_the_n_gram_scoring_does()
    {
        int[][] train = [[A, B, A, End], [B, B, A, End]];
        int[][] test = [[A, A, End], [B, A, B, End]];
        KneserNey model = KneserNey.Train(train, 3, 4, End);
        (double expected, long n) = model.Perplexity(test);
        (double streamed, long m) = SymbolScores.Perplexity(new Streamed(model), test, End);
        Assert.Equal(n, m);
        Assert.Equal(expected, streamed, 5); // the stream rounds each probability to float
    }
}
