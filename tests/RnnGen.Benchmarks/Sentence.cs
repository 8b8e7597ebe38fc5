using System.Collections.Generic;
using RnnGen.Models;
using RnnGen.Reference;

namespace RnnGen.Benchmarks;

/// <summary>The fixture every benchmark shares: name-tagger's shapes, seed-1 random weights, the 7-word sentence.</summary>
public static class Sentence
{
    public const string Text = "Sam Li and Tom date on Tuesday.";
    public const ulong Seed = 1;

    /// <summary>The sentence's token indices, through the generated tokenizer and <see cref="NameTagger.Vocabulary"/>.</summary>
    public static int[] Tokens()
    {
        IReadOnlyList<string> words = NameTagger.Tokenize(Text);
        var tokens = new int[words.Count];
        for (int i = 0; i < words.Count; i++) tokens[i] = NameTagger.Encode(words[i]);
        return tokens;
    }

    /// <summary>Waa, Wax, ba, Wya, by: <see cref="RandomWeights.Create(int, int, int, ulong)"/>(100, 10000, 1, seed 1).</summary>
    public static Weights Weights()
    {
        IReadOnlyList<Tensor> t = RandomWeights.Create(NameTagger.HiddenSize, NameTagger.InputSize, NameTagger.OutputSize, Seed);
        return new Weights(t[0].Data, t[1].Data, t[2].Data, t[3].Data, t[4].Data);
    }
}

/// <summary>Row-major weights, PyTorch layout.</summary>
public sealed record Weights(float[] Waa, float[] Wax, float[] Ba, float[] Wya, float[] By)
{
    public NameTagger Generated() => new(Waa, Wax, Ba, Wya, By);

    public ExpertRnn Expert() => new(Waa, Wax, Ba, Wya, By);

    public ScalarRnn Scalar() => new(Waa, Wax, Ba, Wya, By);

    public ReferenceRnn Reference() => new(Waa, Wax, Ba, Wya, By, SpecWords.Tanh, SpecWords.Sigmoid);
}
