using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Models;
using RnnGen.Reference;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The models in models/, compiled into this test assembly by the real build (MSBuild glue +
/// generator), run against the reference on seeded weights.
/// </summary>
public sealed class ShippedModelTests
{
    private const string Sentence = "Sam Li and Tom date on Tuesday.";

    private static (NameTagger Model, ReferenceRnn Reference) NameTaggerWithSeed(ulong seed)
    {
        IReadOnlyList<Tensor> w = RandomWeights.Create(NameTagger.HiddenSize, NameTagger.InputSize, NameTagger.OutputSize, seed);
        float[] T(string name) => w.Single(t => t.Name == name).Data;
        return (new NameTagger(T("Waa"), T("Wax"), T("ba"), T("Wya"), T("by")),
                new ReferenceRnn(T("Waa"), T("Wax"), T("ba"), T("Wya"), T("by"), "tanh", "sigmoid"));
    }

    [Fact]
    public void The_sizes_are_the_textbooks()
    {
        Assert.Equal(100, NameTagger.HiddenSize);
        Assert.Equal(10_000, NameTagger.InputSize);
        Assert.Equal(1, NameTagger.OutputSize);
        Assert.Equal("person", Assert.Single(NameTagger.Labels));
        Assert.Equal(6, DnaSites.InputSize);
    }

    [Fact]
    public void The_example_sentence_is_seven_words_of_which_only_Li_is_unknown()
    {
        IReadOnlyList<string> words = NameTagger.Tokenize(Sentence);
        Assert.Equal(new[] { "Sam", "Li", "and", "Tom", "date", "on", "Tuesday" }, words);
        // The vocabulary is the Brown training split's 9,999 most frequent words: "Li" is not among them.
        Assert.All(words.Where(w => w != "Li"), w => Assert.NotEqual(NameTagger.UnknownToken, NameTagger.Encode(w)));
        Assert.Equal(NameTagger.UnknownToken, NameTagger.Encode("Li"));
        Assert.Equal(NameTagger.UnknownToken, NameTagger.Encode("Qwzxyv"));
        Assert.Equal("<UNK>", NameTagger.Vocabulary[NameTagger.UnknownToken]);
    }

    [Fact]
    public void Forward_on_the_sentence_matches_the_reference()
    {
        (NameTagger model, ReferenceRnn reference) = NameTaggerWithSeed(7);
        int[] tokens = NameTagger.Vocabulary.Encode(NameTagger.Tokenize(Sentence));
        NameTagger.Output[] outputs = model.Forward(Sentence);
        double[][] expected = reference.ForwardOneHot(tokens);
        Assert.Equal(7, outputs.Length);
        for (int t = 0; t < 7; t++) Assert.True(Math.Abs(outputs[t].Person - expected[t][0]) <= 1e-5, $"t={t}: {outputs[t].Person} vs {expected[t][0]}");
    }

    [Fact]
    public void Streaming_Step_equals_Forward_bit_for_bit()
    {
        (NameTagger model, _) = NameTaggerWithSeed(3);
        int[] tokens = { 1, 2, 3, 9_999, 0, 42 };
        var forward = new NameTagger.Output[tokens.Length];
        model.Forward(tokens, forward);
        var state = new NameTagger.Hidden();
        for (int t = 0; t < tokens.Length; t++)
        {
            model.Step(ref state, tokens[t], out NameTagger.Output output);
            Assert.Equal(forward[t], output);
        }
        state.Reset();
        Assert.All(state.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Continuing_from_a_state_equals_one_long_sequence()
    {
        (NameTagger model, _) = NameTaggerWithSeed(4);
        int[] tokens = { 5, 6, 7, 8, 9 };
        NameTagger.Output[] whole = model.Forward(tokens);
        var state = new NameTagger.Hidden();
        var first = new NameTagger.Output[2];
        var rest = new NameTagger.Output[3];
        model.Forward(ref state, tokens.AsSpan(0, 2), first);
        model.Forward(ref state, tokens.AsSpan(2), rest);
        Assert.Equal(whole, first.Concat(rest).ToArray());
    }

    [Fact]
    public void Step_and_Forward_into_a_span_allocate_nothing()
    {
        (NameTagger model, _) = NameTaggerWithSeed(5);
        int[] tokens = { 11, 22, 33, 44, 55, 66, 77 };
        var outputs = new NameTagger.Output[tokens.Length];
        var state = new NameTagger.Hidden();
        for (int i = 0; i < 1_000; i++)
        {
            model.Step(ref state, tokens[i % 7], out _);
            model.Forward(tokens, outputs);
        }

        // Two windows each: an allocation per call shows in both (10,000 calls), while the runtime's own
        // one-off work on this thread during a window (a tier-up of a method in flight) shows in one at most.
        long stepBytes = long.MaxValue, forwardBytes = long.MaxValue;
        for (int window = 0; window < 2; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++) model.Step(ref state, tokens[i % 7], out _);
            long afterStep = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000; i++) model.Forward(tokens, outputs);
            long afterForward = GC.GetAllocatedBytesForCurrentThread();
            stepBytes = Math.Min(stepBytes, afterStep - before);
            forwardBytes = Math.Min(forwardBytes, afterForward - afterStep);
        }

        Assert.Equal(0, stepBytes);
        Assert.Equal(0, forwardBytes);
    }

    [Fact]
    public void Bad_tokens_and_short_output_spans_are_rejected_before_any_step()
    {
        (NameTagger model, _) = NameTaggerWithSeed(6);
        var state = new NameTagger.Hidden();
        var outputs = new NameTagger.Output[3];
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Step(ref state, NameTagger.InputSize, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Step(ref state, -1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(new[] { 1, 2, 10_000 }, outputs));
        Assert.Throws<ArgumentException>(() => model.Forward(new[] { 1, 2, 3, 4 }, outputs));
        Assert.All(state.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Weights_of_the_wrong_length_name_the_tensor()
    {
        var e = Assert.Throws<ArgumentException>(() => new DnaSites(new float[16 * 16], new float[16 * 5], new float[16], new float[16], new float[1]));
        Assert.Contains("Wax", e.Message);
        Assert.Contains("96", e.Message);
    }

    [Fact]
    public void Load_reads_a_safetensors_file_and_checks_every_shape()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("rnngen-load").FullName;
        string good = System.IO.Path.Combine(dir, "dna.safetensors");
        SafeTensorsFile.Write(good, RandomWeights.Create(16, 6, 1, 9));
        DnaSites model = DnaSites.Load(good);
        Assert.Equal(5, model.Forward("ACGTN").Length);

        string wrong = System.IO.Path.Combine(dir, "wrong.safetensors");
        SafeTensorsFile.Write(wrong, RandomWeights.Create(16, 7, 1, 9));
        var e = Assert.Throws<WeightsException>(() => DnaSites.Load(wrong));
        Assert.Equal("Wax", e.TensorName);
        Assert.Contains("wrong.safetensors", e.Message);
        Assert.Contains("[16, 7]", e.Message);
    }

    [Fact]
    public void The_interface_view_equals_the_typed_one()
    {
        (NameTagger model, _) = NameTaggerWithSeed(8);
        int[] tokens = { 3, 1, 4, 1, 5 };
        var flat = new float[tokens.Length];
        ((IOneHotRnnModel)model).Forward(tokens, flat);
        Assert.Equal(model.Forward(tokens).Select(o => o[0]), flat);
        Assert.Equal("name-tagger", ((IRnnModel)model).Info.Key);
    }
}
