using System.Collections.Generic;
using RnnGen.Training;

namespace RnnGen.Tests.Training;

/// <summary>Small tagging data the tests make themselves: token i is a "person" exactly when i is below half the vocabulary.</summary>
internal static class SyntheticTagging
{
    public const int Tokens = 20;

    /// <summary><paramref name="count"/> sequences of 1 to 9 tokens from a fixed seed; <paramref name="flip"/> inverts every label.</summary>
    public static List<TrainingSequence> Make(int count, ulong seed, bool flip = false)
    {
        var random = new DeterministicRandom(seed);
        var data = new List<TrainingSequence>(count);
        for (int s = 0; s < count; s++)
        {
            int length = 1 + random.NextInt(9);
            var tokens = new int[length];
            var targets = new float[length];
            for (int t = 0; t < length; t++)
            {
                tokens[t] = random.NextInt(Tokens);
                targets[t] = (tokens[t] < Tokens / 2) != flip ? 1f : 0f;
            }
            data.Add(TrainingSequence.OneHot(tokens, targets));
        }
        return data;
    }

    public static LogisticProgram Program() => new(Tokens, ["person"]);
}
