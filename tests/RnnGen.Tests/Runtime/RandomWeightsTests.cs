using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Runtime;

public sealed class RandomWeightsTests
{
    [Fact]
    public void Shapes_and_order()
    {
        var tensors = RandomWeights.Create(hiddenSize: 4, inputSize: 10, outputSize: 3, seed: 1);
        Assert.Equal(["Waa", "Wax", "ba", "Wya", "by"], [.. tensors.Select(t => t.Name)]);
        Assert.Equal([4, 4], tensors[0].Shape);
        Assert.Equal([4, 10], tensors[1].Shape);
        Assert.Equal([4], tensors[2].Shape);
        Assert.Equal([3, 4], tensors[3].Shape);
        Assert.Equal([3], tensors[4].Shape);
    }

    [Fact]
    public void Values_lie_within_one_over_root_a()
    {
        var tensors = RandomWeights.Create(100, 50, 7, seed: 99);
        float bound = 0.1f; // 1/√100
        float[] all = [.. tensors.SelectMany(t => t.Data)];
        Assert.All(all, v => Assert.InRange(v, -bound, bound));
        // uniform: both halves of the interval are used, and nearly all of it
        Assert.True(all.Min() < -0.099f && all.Max() > 0.099f);
    }

    [Fact]
    public void Drawn_in_order_from_the_seeded_generator()
    {
        var tensors = RandomWeights.Create(4, 2, 1, seed: 5);
        var random = new DeterministicRandom(5);
        float bound = 0.5f;
        float[] expected = [.. Enumerable.Range(0, 16 + 8 + 4 + 4 + 1).Select(_ => random.Uniform(-bound, bound))];
        Assert.Equal(expected, tensors.SelectMany(t => t.Data));
    }

    [Fact]
    public void Deterministic()
    {
        Assert.Equal(RandomWeights.Create(8, 5, 2, 42), RandomWeights.Create(8, 5, 2, 42));
        Assert.NotEqual(RandomWeights.Create(8, 5, 2, 42), RandomWeights.Create(8, 5, 2, 43));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomWeights.Create(0, 5, 2, 42));
    }
}
