using System;
using System.Linq;
using RnnGen.Generators.Model;
using Xunit;
using Words = RnnGen.SpecWords;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The spec's words have one definition, and the generator's enums map to and from them without a
/// default arm: every word round-trips, and a value no switch handles is an error, never a fallback.
/// </summary>
public sealed class SpecWordsTests
{
    [Fact]
    public void Every_activation_word_round_trips_through_the_enum()
    {
        foreach (string word in Words.HiddenActivations.Concat(Words.OutputActivations).Distinct())
        {
            Assert.Equal(word, SpecNames.ParseActivation(word).Name());
        }
        Assert.All(Enum.GetValues<Activation>(), a => Assert.Equal(a, SpecNames.ParseActivation(a.Name())));
    }

    [Fact]
    public void Every_encoding_and_tokenizer_word_round_trips_through_the_enum()
    {
        Assert.All(Words.Encodings, w => Assert.Equal(w, SpecNames.ParseEncoding(w).Name()));
        Assert.All(Words.Tokenizers, w => Assert.Equal(w, SpecNames.ParseTokenizer(w).Name()));
        Assert.All(Words.Cells, w => Assert.Equal(w, SpecNames.ParseCell(w).Word()));
        Assert.Equal(Enum.GetValues<CellKind>().Length, Words.Cells.Count);
        Assert.Equal(Enum.GetValues<InputEncoding>().Length, Words.Encodings.Count);
        Assert.Equal(Enum.GetValues<TokenizerKind>().Length, Words.Tokenizers.Count);
    }

    [Fact]
    public void A_value_no_switch_handles_throws_instead_of_falling_back()
    {
        Assert.Throws<InvalidOperationException>(() => ((Activation)99).Name());
        Assert.Throws<InvalidOperationException>(() => ((InputEncoding)99).Name());
        Assert.Throws<InvalidOperationException>(() => ((TokenizerKind)99).Name());
        Assert.Throws<InvalidOperationException>(() => ((CellKind)99).Name());
        Assert.Throws<InvalidOperationException>(() => SpecNames.ParseActivation("tanhh"));
        Assert.Throws<InvalidOperationException>(() => ModelTensors.For((CellKind)99, 4, 5, 1));
    }

    [Fact]
    public void The_run_time_library_reads_the_spec_words_it_shares()
    {
        // Both assemblies compile src/RnnGen/Specs/SpecWords.cs; what can differ is whether the library's own
        // code uses it: the vocabulary's unknown token and the tokenizer's names.
        Assert.Equal(Words.Unknown, Vocabulary.Unknown);
        Assert.Equal(new[] { "hello" }, Tokenizer.Tokenize("hello", Words.Words));
        Assert.Equal(new[] { "H", "I" }, Tokenizer.Tokenize("hi", Words.Characters));
        Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize("hi", "word"));
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(100, 112)]
    public void Padding_rounds_up_to_a_multiple_of_16(int size, int padded) => Assert.Equal(padded, Words.Pad(size));
}
