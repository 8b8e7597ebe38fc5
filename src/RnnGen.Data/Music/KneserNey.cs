using System;
using System.Collections.Generic;

namespace RnnGen.Data.Music;

/// <summary>
/// An interpolated Kneser–Ney n-gram model over token indices (Chen and Goodman 1998, "interpolated Kneser–Ney" with
/// one absolute discount D_k per order), the baseline the music RNNs are compared with.
/// <para>
/// Every sequence is read after n − 1 copies of a padding token (the music data's <c>&lt;EOS&gt;</c>, so the context of
/// a tune's first symbol is "the previous tune ended", as the RNN reads it). With c_n the n-grams' counts and, for
/// k &lt; n, c_k(g) = N1+(• g) the number of distinct tokens seen before the k-gram g (its continuation count):
/// </para>
/// <code>
/// P_k(w | h) = max(c_k(h w) − D_k, 0) / S_k(h) + D_k · T_k(h) / S_k(h) · P_{k−1}(w | h')    when S_k(h) &gt; 0
/// P_k(w | h) = P_{k−1}(w | h')                                                          when S_k(h) = 0
/// P_0(w)     = 1 / V
/// </code>
/// <para>
/// where h' is h without its first token, S_k(h) = Σ_w c_k(h w) and T_k(h) = |{w : c_k(h w) &gt; 0}|. Each P_k sums to 1
/// over the V tokens. D_k is Ney's estimate n1 / (n1 + 2 n2) from the numbers n1, n2 of k-grams with c_k = 1 and 2,
/// or 0.5 when no k-gram occurs once.
/// </para>
/// </summary>
public sealed class KneserNey
{
    private readonly Dictionary<string, int>[] counts;          // [k - 1]: k-gram → c_k
    private readonly Dictionary<string, (int Sum, int Types)>[] contexts; // [k - 1]: (k−1)-gram → (S_k, T_k)
    private readonly double[] discounts;

    private KneserNey(int order, int vocabularySize, int padding, Dictionary<string, int>[] counts,
        Dictionary<string, (int, int)>[] contexts, double[] discounts)
    {
        Order = order;
        VocabularySize = vocabularySize;
        Padding = padding;
        this.counts = counts;
        this.contexts = contexts;
        this.discounts = discounts;
    }

    /// <summary>n: the longest n-gram, a token and n − 1 before it.</summary>
    public int Order { get; }

    /// <summary>V: the number of tokens (indices 0 … V − 1).</summary>
    public int VocabularySize { get; }

    /// <summary>The token read before each sequence.</summary>
    public int Padding { get; }

    /// <summary>D_1 … D_n.</summary>
    public IReadOnlyList<double> Discounts => discounts;

    /// <summary>Counts the n-grams of <paramref name="sequences"/>.</summary>
    /// <param name="sequences">Token indices in [0, V).</param>
    /// <param name="order">n, at least 1.</param>
    /// <param name="vocabularySize">V, at least 1 and at most 65,536.</param>
    /// <param name="padding">The token read before each sequence.</param>
    /// <param name="discount">One D for every order, in (0, 1], instead of Ney's estimates.</param>
    /// <exception cref="ArgumentException">A token is out of range, or an argument is.</exception>
    public static KneserNey Train(IEnumerable<int[]> sequences, int order, int vocabularySize, int padding, double? discount = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vocabularySize, char.MaxValue + 1);
        CheckToken(padding, vocabularySize, nameof(padding));
        if (discount is double d && !(d > 0 && d <= 1)) throw new ArgumentOutOfRangeException(nameof(discount), d, "A discount must be in (0, 1].");

        var raw = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int[] sequence in sequences)
        {
            char[] padded = Padded(sequence, order, padding, vocabularySize);
            for (int t = order - 1; t < padded.Length; t++)
            {
                string gram = new(padded, t - order + 1, order);
                raw[gram] = raw.GetValueOrDefault(gram) + 1;
            }
        }

        var counts = new Dictionary<string, int>[order];
        counts[order - 1] = raw;
        for (int k = order - 1; k >= 1; k--)
        {
            // c_k(g) = the number of distinct tokens v with c_{k+1}(v g) > 0: every (k+1)-gram type adds one to its suffix.
            var continuation = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string gram in counts[k].Keys)
            {
                string suffix = gram[1..];
                continuation[suffix] = continuation.GetValueOrDefault(suffix) + 1;
            }
            counts[k - 1] = continuation;
        }

        var contexts = new Dictionary<string, (int, int)>[order];
        var discounts = new double[order];
        for (int k = 1; k <= order; k++)
        {
            var table = new Dictionary<string, (int Sum, int Types)>(StringComparer.Ordinal);
            int n1 = 0, n2 = 0;
            foreach ((string gram, int c) in counts[k - 1])
            {
                string history = gram[..^1];
                (int sum, int types) = table.GetValueOrDefault(history);
                table[history] = (sum + c, types + 1);
                if (c == 1) n1++;
                if (c == 2) n2++;
            }
            contexts[k - 1] = table;
            discounts[k - 1] = discount ?? (n1 == 0 ? 0.5 : (double)n1 / (n1 + 2 * n2));
        }
        return new KneserNey(order, vocabularySize, padding, counts, contexts, discounts);
    }

    /// <summary>P(w | history): the last n − 1 tokens of <paramref name="history"/> are the context (fewer when it is shorter).</summary>
    public double Probability(ReadOnlySpan<int> history, int token)
    {
        CheckToken(token, VocabularySize, nameof(token));
        int used = Math.Min(history.Length, Order - 1);
        var gram = new char[used + 1];
        for (int i = 0; i < used; i++)
        {
            int h = history[history.Length - used + i];
            CheckToken(h, VocabularySize, nameof(history));
            gram[i] = (char)h;
        }
        gram[used] = (char)token;
        return Probability(new string(gram), used + 1);
    }

    /// <summary>
    /// exp(−(1/N) Σ ln P(w_t | its n − 1 tokens before)) over every token of every sequence (each read after the
    /// padding), and N. A sequence may hold tokens the training data never had.
    /// </summary>
    public (double Perplexity, long Tokens) Perplexity(IEnumerable<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        double sum = 0;
        long n = 0;
        foreach (int[] sequence in sequences)
        {
            char[] padded = Padded(sequence, Order, Padding, VocabularySize);
            for (int t = Order - 1; t < padded.Length; t++)
            {
                sum += Math.Log(Probability(new string(padded, t - Order + 1, Order), Order));
                n++;
            }
        }
        return (n == 0 ? double.NaN : Math.Exp(-sum / n), n);
    }

    // P_k of the k-gram's last token after its first k − 1 tokens; the gram may be longer than k (its tail is used).
    private double Probability(string gram, int k)
    {
        if (k == 0) return 1.0 / VocabularySize;
        string g = gram[^k..];
        double lower = Probability(gram, k - 1);
        if (!contexts[k - 1].TryGetValue(g[..^1], out (int Sum, int Types) context)) return lower;
        double d = discounts[k - 1];
        double c = counts[k - 1].GetValueOrDefault(g);
        return Math.Max(c - d, 0) / context.Sum + d * context.Types / context.Sum * lower;
    }

    private static char[] Padded(int[] sequence, int order, int padding, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var padded = new char[order - 1 + sequence.Length];
        for (int i = 0; i < order - 1; i++) padded[i] = (char)padding;
        for (int i = 0; i < sequence.Length; i++)
        {
            CheckToken(sequence[i], vocabularySize, nameof(sequence));
            padded[order - 1 + i] = (char)sequence[i];
        }
        return padded;
    }

    private static void CheckToken(int token, int vocabularySize, string name)
    {
        if ((uint)token >= (uint)vocabularySize)
        {
            throw new ArgumentException(FormattableString.Invariant($"The token {token} is not in [0, {vocabularySize})."), name);
        }
    }
}
