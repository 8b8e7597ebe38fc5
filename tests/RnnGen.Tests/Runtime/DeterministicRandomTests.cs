using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Runtime;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void First_values_are_the_published_SplitMix64_sequence()
    {
        // The reference splitmix64.c (Vigna) seeded with 0.
        var random = new DeterministicRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void First_values_for_seed_42_are_pinned()
    {
        var random = new DeterministicRandom(42);
        Assert.Equal(0xBDD732262FEB6E95UL, random.NextUInt64());
        Assert.Equal(0x28EFE333B266F103UL, random.NextUInt64());
        Assert.Equal(0x47526757130F9F52UL, random.NextUInt64());
    }

    [Fact]
    public void NextFloat_is_the_top_24_bits()
    {
        var random = new DeterministicRandom(42);
        Assert.Equal(12441394f / 16777216f, random.NextFloat()); // 0xBDD732 = 12441394
        Assert.Equal(2682851f / 16777216f, random.NextFloat());  // 0x28EFE3
        Assert.Equal(4674151f / 16777216f, random.NextFloat());  // 0x475267
    }

    [Fact]
    public void Values_stay_in_range()
    {
        var random = new DeterministicRandom(7);
        for (int i = 0; i < 10_000; i++)
        {
            float f = random.NextFloat();
            Assert.InRange(f, 0f, 0.99999994f);
            Assert.InRange(random.Uniform(-0.5f, 0.25f), -0.5f, 0.25f);
            Assert.InRange(random.NextInt(3), 0, 2);
        }
        Assert.Equal(0, random.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Uniform(1f, 0f));
    }

    [Fact]
    public void NextInt_hits_every_value()
    {
        var random = new DeterministicRandom(1);
        int[] counts = new int[5];
        for (int i = 0; i < 5000; i++) counts[random.NextInt(5)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void Same_seed_same_sequence()
    {
        var a = new DeterministicRandom(123);
        var b = new DeterministicRandom(123);
        Assert.Equal(
            Enumerable.Range(0, 100).Select(_ => a.NextUInt64()),
            Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
    }
}
