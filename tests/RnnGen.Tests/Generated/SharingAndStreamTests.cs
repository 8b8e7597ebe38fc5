using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RnnGen.Models;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// Issue 9, part 4: one model instance shared by many threads, a long stream through <c>Step</c> in constant
/// memory, and what an empty sequence, a one-token sequence and a token outside the vocabulary do.
/// The shipped name tagger, loaded from models/name-tagger.safetensors as a user would.
/// </summary>
public sealed class SharingAndStreamTests
{
    private static readonly Lazy<NameTagger> s_model = new(() => NameTagger.Load(Path.Combine(RepoPaths.Models, "name-tagger.safetensors")));

    private static NameTagger Model => s_model.Value;

    /// <summary>Seeded sentences of 0 to 40 token ids (some empty, some of one token).</summary>
    private static int[][] Sentences(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, random.NextInt(41)).Select(_ => random.NextInt(NameTagger.InputSize)).ToArray())
            .ToArray();
    }

    private static NameTagger.Output[] Streamed(NameTagger model, int[] tokens)
    {
        var state = new NameTagger.Hidden();
        var outputs = new NameTagger.Output[tokens.Length];
        for (int t = 0; t < tokens.Length; t++) model.Step(ref state, tokens[t], out outputs[t]);
        return outputs;
    }

    private static uint[] Bits(NameTagger.Output[] outputs) =>
        outputs.SelectMany(o => o.ToArray()).Select(BitConverter.SingleToUInt32Bits).ToArray();

    [Fact]
    public async Task Eight_threads_over_one_shared_model_give_the_sequential_results_bit_for_bit()
    {
        NameTagger model = Model;
        int[][] sentences = Sentences(200, 91);
        // Sequential results first, on this thread: Forward, ForwardBatch (groups of 8 sentences) and Step.
        uint[][] forward = sentences.Select(s => Bits(model.Forward(s))).ToArray();
        uint[][] batch = sentences.Chunk(8).SelectMany(group => model.ForwardBatch(group)).Select(Bits).ToArray();
        uint[][] step = sentences.Select(s => Bits(Streamed(model, s))).ToArray();

        const int Threads = 8;
        int compared = 0;
        using var start = new Barrier(Threads);
        Task[] tasks = Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            // Each thread walks the sentences from its own offset and cycles through the three entry points,
            // so at any moment different threads run different sentences through different calls.
            for (int round = 0; round < 3; round++)
            {
                for (int k = 0; k < sentences.Length; k++)
                {
                    int i = (k + thread * 25) % sentences.Length;
                    switch ((i + thread + round) % 3)
                    {
                        case 0:
                            Assert.Equal(forward[i], Bits(model.Forward(sentences[i])));
                            break;
                        case 1:
                            int first = i / 8 * 8;
                            NameTagger.Output[][] results = model.ForwardBatch(sentences[first..Math.Min(first + 8, sentences.Length)]);
                            for (int j = 0; j < results.Length; j++) Assert.Equal(batch[first + j], Bits(results[j]));
                            break;
                        default:
                            Assert.Equal(step[i], Bits(Streamed(model, sentences[i])));
                            break;
                    }
                    Interlocked.Increment(ref compared);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        Assert.Equal(Threads * 3 * sentences.Length, compared);
    }

    [Fact]
    public void Ten_million_tokens_stream_through_Step_without_allocating()
    {
        NameTagger model = Model;
        int[] tokens = Sentences(50, 17).SelectMany(s => s).ToArray();
        var state = new NameTagger.Hidden();
        // Warm up: the JIT's tiers and the kernels' first calls.
        for (int i = 0; i < 200_000; i++) model.Step(ref state, tokens[i % tokens.Length], out _);

        state.Reset();
        float checksum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0, at = 0; i < 10_000_000; i++)
        {
            model.Step(ref state, tokens[at], out NameTagger.Output output);
            checksum += output.Person;
            if (++at == tokens.Length) at = 0;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        // The state stayed a state: finite, inside tanh's range, after ten million steps.
        Assert.All(state.ToArray(), v => Assert.InRange(v, -1f, 1f));
        Assert.True(float.IsFinite(checksum) && checksum > 0, $"checksum {checksum}");
    }

    [Fact]
    public void An_empty_sequence_has_no_outputs_and_leaves_the_state_as_it_was()
    {
        NameTagger model = Model;
        Assert.Empty(model.Forward(ReadOnlySpan<int>.Empty));
        Assert.Empty(model.Forward(""));
        Assert.Empty(model.Forward(" \t\n"));
        model.Forward(ReadOnlySpan<int>.Empty, Span<NameTagger.Output>.Empty);

        var state = new NameTagger.Hidden();
        model.Step(ref state, 42, out _);
        NameTagger.Hidden before = state;
        model.Forward(ref state, ReadOnlySpan<int>.Empty, Span<NameTagger.Output>.Empty);
        Assert.Equal(before, state);

        NameTagger.Output[][] batch = model.ForwardBatch(new[] { Array.Empty<int>(), Array.Empty<int>() });
        Assert.Equal(2, batch.Length);
        Assert.All(batch, Assert.Empty);
    }

    [Fact]
    public void A_one_token_sequence_is_one_step_from_the_zero_state_whichever_call_runs_it()
    {
        NameTagger model = Model;
        foreach (int token in new[] { 0, 1, NameTagger.UnknownToken, NameTagger.InputSize - 1 })
        {
            var state = new NameTagger.Hidden();
            model.Step(ref state, token, out NameTagger.Output stepped);
            NameTagger.Output forwarded = Assert.Single(model.Forward(new[] { token }));
            NameTagger.Output batched = Assert.Single(Assert.Single(model.ForwardBatch(new[] { new[] { token } })));
            Assert.Equal(stepped, forwarded);
            Assert.Equal(stepped.Person, batched.Person, 1e-6f);
        }
    }

    [Fact]
    public void A_token_outside_the_vocabulary_is_refused_by_every_call_and_a_word_outside_it_is_UNK()
    {
        NameTagger model = Model;
        var state = new NameTagger.Hidden();
        model.Step(ref state, 7, out _);
        NameTagger.Hidden before = state;
        foreach (int token in new[] { -1, NameTagger.InputSize, int.MaxValue, int.MinValue })
        {
            var step = Assert.Throws<ArgumentOutOfRangeException>(() => model.Step(ref state, token, out _));
            Assert.Equal("token", step.ParamName);
            var outputs = new NameTagger.Output[3];
            var forward = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(ref state, new[] { 1, 2, token }, outputs));
            Assert.Equal("tokens", forward.ParamName);
            Assert.All(outputs, o => Assert.Equal(default, o));   // checked before any step ran
            Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardBatch(new[] { new[] { 1 }, new[] { token } }));
        }
        Assert.Equal(before, state);
        // Words are never out of range: one the vocabulary lacks is <UNK>.
        Assert.Equal(NameTagger.UnknownToken, NameTagger.Encode("Qwzxyv"));
        Assert.Equal(model.Forward(new[] { NameTagger.UnknownToken }), model.Forward("Qwzxyv"));
    }
}
