using System;
using System.Globalization;
using RnnGen.Cli;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// The tag table's four decimals come from a fast path for values under 200,000 in magnitude; it must print exactly what
/// the general formatter ("F4", invariant culture) prints, with -0.0000 shown as 0.0000.
/// </summary>
public sealed class FixedFormatTests
{
    private static string General(float value)
    {
        string text = value.ToString("F4", CultureInfo.InvariantCulture);
        return text == "-0.0000" ? "0.0000" : text;
    }

    private static string Fast(float value)
    {
        Span<char> text = stackalloc char[Numbers.Fixed4Length];
        return new string(text[..Numbers.Fixed4(value, text)]);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.03125f)]   // an exact tie: 312.5 ten-thousandths, to even
    [InlineData(-0.03125f)]
    [InlineData(0.09375f)]   // 937.5, to even: 0.0938
    [InlineData(0.00005f)]
    [InlineData(-0.00004f)]  // rounds to zero: no minus sign
    [InlineData(0.99995f)]
    [InlineData(0.9999999f)]
    [InlineData(199_999.98f)]
    [InlineData(200_000f)]   // the general formatter from here on
    [InlineData(-3.4e38f)]
    [InlineData(1e-45f)]
    public void Edge_values_print_as_the_general_formatter_does(float value) => Assert.Equal(General(value), Fast(value));

    [Fact]
    public void Negative_zero_prints_without_a_sign() => Assert.Equal("0.0000", Fast(-0f));

    [Fact]
    public void Every_multiple_of_one_32nd_up_to_1000_prints_as_the_general_formatter_does()
    {
        // The only exact ties of four decimals: k / 32 with k odd has 312.5 · k ten-thousandths.
        for (int k = -32_000; k <= 32_000; k++) Assert.Equal(General(k / 32f), Fast(k / 32f));
    }

    [Fact]
    public void Two_million_seeded_random_floats_print_as_the_general_formatter_does()
    {
        var random = new Random(20261202);
        for (int i = 0; i < 2_000_000; i++)
        {
            // Uniform in [0, 1) (what a sigmoid prints), then every exponent up to the fast path's limit, both signs.
            float value = i % 2 == 0
                ? random.NextSingle()
                : BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1);
            if (!float.IsFinite(value)) continue;
            string expected = General(value), actual = Fast(value);
            if (expected != actual) Assert.Fail($"{value:R}: general {expected}, fast {actual}");
        }
    }
}
