using System;
using System.Globalization;

namespace RnnGen;

/// <summary>
/// How a generator (a model of shape <c>one-to-many</c>) picks each next token from its softmax output ŷ: the
/// temperature, how many of the likeliest tokens it may pick from, the token that ends a sequence, and the seed of
/// its random source (the same seed and model give the same sequence on every machine).
/// </summary>
/// <remarks>
/// With temperature T a token of probability p is picked in proportion to p^(1/T), which is the softmax of the logits
/// divided by T: T = 1 samples ŷ as it is, T &lt; 1 sharpens it, T &gt; 1 flattens it, and T = 0 always picks the likeliest
/// token (greedy decoding, no random numbers drawn).
/// </remarks>
public sealed record GenerationOptions
{
    private readonly float temperature = 1f;
    private readonly int topK;
    private readonly int stopToken = -1;
    private readonly int excludedToken = -1;

    /// <summary>The temperature T ≥ 0 (default 1; 0: always the likeliest token).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public float Temperature
    {
        get => temperature;
        init => temperature = float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Temperature), value,
                "The temperature must be a finite number ≥ 0 (0: always the likeliest token).");
    }

    /// <summary>Pick only among the <c>TopK</c> likeliest tokens (ties at the last place included); 0 (default): among all.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int TopK
    {
        get => topK;
        init => topK = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TopK), value, "Top-k must be ≥ 0 (0: all tokens).");
    }

    /// <summary>
    /// The token that ends the sequence: generation stops when it is picked, and it is not written; -1 (default): none,
    /// generation stops when the output is full.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than -1.</exception>
    public int StopToken
    {
        get => stopToken;
        init => stopToken = value >= -1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(StopToken), value, "The stop token must be a token index, or -1 for none.");
    }

    /// <summary>
    /// A token that is never picked, whatever its probability (a vocabulary's <c>&lt;UNK&gt;</c>, which a generator writing
    /// text should not write); -1 (default): none. Greedy decoding then picks the likeliest other token.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than -1.</exception>
    public int ExcludedToken
    {
        get => excludedToken;
        init => excludedToken = value >= -1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ExcludedToken), value, "The excluded token must be a token index, or -1 for none.");
    }

    /// <summary>The seed of the random source (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>The options as a line for logs: "temperature 0.8, top-k 40, stop 3, seed 7" (", never 0" after the stop when a token is excluded).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"temperature {Temperature}, top-k {(TopK == 0 ? "all" : TopK.ToString(CultureInfo.InvariantCulture))}, stop {(StopToken < 0 ? "none" : StopToken.ToString(CultureInfo.InvariantCulture))}{(ExcludedToken < 0 ? "" : ", never " + ExcludedToken.ToString(CultureInfo.InvariantCulture))}, seed {Seed}");
}
