using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Shapes;

/// <summary>
/// Issue 11, part 1: the generated API of a classifier (many-to-one) and a generator (one-to-many), run and compared
/// with the plain Step loop they must equal: a classifier's Forward is the last output of Step over the sequence, bit for
/// bit; a generator's Generate is Step plus a TokenSampler fed back, token for token.
/// </summary>
public sealed class ShapeApiTests
{
    private const string Vocabulary = "<UNK>\n<EOS>\na\nb\nc\n\\s\n\\n\nX\n:\n|\n";

    private static string Spec(string name, string shape, string a, string x, string y) => $$"""
        {
          "name": "{{name}}",
          "namespace": "RnnGen.ShapeModels",
          "shape": "{{shape}}",
          "a": { {{a}} },
          "x": { {{x}} },
          "y": { {{y}} },
          "weights": "{{name.ToLowerInvariant()}}.safetensors"
        }
        """;

    private const string Probe = """
        namespace RnnGen.ShapeModels
        {
            public static class Probe
            {
                private static global::RnnGen.SafeTensorsFile File(byte[] w) => global::RnnGen.SafeTensorsFile.Parse(w, "test");

                public static float[] Classify(byte[] w, int[] tokens) => Words.FromSafeTensors(File(w)).Forward(tokens).ToArray();

                public static float[] ClassifyByStep(byte[] w, int[] tokens)
                {
                    var m = Words.FromSafeTensors(File(w));
                    var s = new Words.Hidden();
                    Words.Output o = default;
                    foreach (int t in tokens) m.Step(ref s, t, out o);
                    return o.ToArray();
                }

                public static float[] ClassifyInTwoParts(byte[] w, int[] first, int[] second)
                {
                    var m = Words.FromSafeTensors(File(w));
                    var s = new Words.Hidden();
                    m.Forward(ref s, first, out _);
                    m.Forward(ref s, second, out Words.Output o);
                    return o.ToArray();
                }

                public static float[] ClassifyByAdvance(byte[] w, int[] tokens)
                {
                    var m = Words.FromSafeTensors(File(w));
                    var s = new Words.Hidden();
                    for (int t = 0; t < tokens.Length - 1; t++) m.Advance(ref s, tokens[t]);
                    m.Step(ref s, tokens[tokens.Length - 1], out Words.Output o);
                    return o.ToArray();
                }

                public static float[] ClassifyText(byte[] w, string text) => Words.FromSafeTensors(File(w)).Forward(text).ToArray();

                public static string Label(byte[] w, int[] tokens) => Words.FromSafeTensors(File(w)).Forward(tokens).Label;

                public static float[] ClassifyFrames(byte[] w, float[] inputs) => Frames.FromSafeTensors(File(w)).Forward(inputs).ToArray();

                public static float[] ClassifyFramesByStep(byte[] w, float[] inputs)
                {
                    var m = Frames.FromSafeTensors(File(w));
                    var s = new Frames.Hidden();
                    Frames.Output o = default;
                    for (int t = 0; t < inputs.Length / Frames.InputSize; t++) m.Step(ref s, new global::System.ReadOnlySpan<float>(inputs, t * Frames.InputSize, Frames.InputSize), out o);
                    return o.ToArray();
                }

                public static global::RnnGen.GenerationOptions Options(float temperature, int topK, int stop, ulong seed) =>
                    new() { Temperature = temperature, TopK = topK, StopToken = stop, Seed = seed };

                public static int[] Generate(byte[] w, int[] prime, int n, global::RnnGen.GenerationOptions options)
                {
                    var buffer = new int[n];
                    int count = Tunes.FromSafeTensors(File(w)).Generate(prime, buffer, options);
                    return buffer[..count];
                }

                public static int[] Enumerate(byte[] w, int[] prime, int n, global::RnnGen.GenerationOptions options)
                {
                    var tokens = new global::System.Collections.Generic.List<int>();
                    foreach (int token in Tunes.FromSafeTensors(File(w)).Generate(prime, options))
                    {
                        tokens.Add(token);
                        if (tokens.Count == n) break;
                    }
                    return tokens.ToArray();
                }

                public static int[] BySample(byte[] w, int[] prime, int n, global::RnnGen.GenerationOptions options)
                {
                    var m = Tunes.FromSafeTensors(File(w));
                    var s = new Tunes.Hidden();
                    for (int t = 0; t < prime.Length - 1; t++) m.Step(ref s, prime[t], out _);
                    var sampler = new global::RnnGen.TokenSampler(options);
                    var tokens = new global::System.Collections.Generic.List<int>();
                    int token = prime[prime.Length - 1];
                    while (tokens.Count < n)
                    {
                        token = m.Sample(ref s, token, ref sampler);
                        if (token == options.StopToken) break;
                        tokens.Add(token);
                    }
                    return tokens.ToArray();
                }

                public static int[] Greedy(byte[] w, int[] prime, int n)
                {
                    var m = Tunes.FromSafeTensors(File(w));
                    var s = new Tunes.Hidden();
                    Tunes.Output o = default;
                    foreach (int t in prime) m.Step(ref s, t, out o);
                    var tokens = new int[n];
                    for (int k = 0; k < n; k++)
                    {
                        tokens[k] = o.ArgMax();
                        m.Step(ref s, tokens[k], out o);
                    }
                    return tokens;
                }

                public static long AllocatedByGenerate(byte[] w, int[] prime, int n, global::RnnGen.GenerationOptions options)
                {
                    var m = Tunes.FromSafeTensors(File(w));
                    var buffer = new int[n];
                    m.Generate(prime, buffer, options); // warm up: JIT, vocabulary-free paths
                    long before = global::System.GC.GetAllocatedBytesForCurrentThread();
                    m.Generate(prime, buffer, options);
                    int count = 0;
                    foreach (int token in m.Generate(prime, options)) if (++count == n) break;
                    return global::System.GC.GetAllocatedBytesForCurrentThread() - before;
                }

                public static string Text(byte[] w, string prime, int n, global::RnnGen.GenerationOptions options)
                {
                    var m = Tunes.FromSafeTensors(File(w));
                    int[] start = global::RnnGen.GeneratorText.Prime(m, prime);
                    var buffer = new int[n];
                    int count = m.Generate(start, buffer, options);
                    return global::RnnGen.GeneratorText.Decode(Tunes.Vocabulary, new global::System.ReadOnlySpan<int>(buffer, 0, count), Tunes.Info.Tokenizer);
                }
            }
        }
        """;

    private static readonly Lazy<(Assembly Assembly, Dictionary<string, byte[]> Weights)> s_models = new(() =>
    {
        var output = GeneratorHarness.Run(
        [
            ("words.rnn.json", Spec("Words", "many-to-one", "\"size\": 20, \"cell\": \"gru\", \"layers\": 2",
                "\"encoding\": \"one-hot\", \"vocabulary\": \"tunes.txt\", \"embedding\": 6", "\"size\": 3, \"activation\": \"softmax\", \"labels\": [\"yes\", \"no\", \"maybe\"]")),
            ("frames.rnn.json", Spec("Frames", "many-to-one", "\"size\": 24, \"cell\": \"lstm\", \"layers\": 2",
                "\"encoding\": \"dense\", \"size\": 5", "\"size\": 4, \"activation\": \"softmax\"")),
            ("tunes.rnn.json", Spec("Tunes", "one-to-many", "\"size\": 18, \"cell\": \"gru\"",
                "\"encoding\": \"one-hot\", \"vocabulary\": \"tunes.txt\", \"tokenizer\": \"text\"", "\"size\": 10, \"activation\": \"softmax\"")),
            ("tunes.txt", Vocabulary),
        ], [Probe]);
        Assert.Empty(output.Diagnostics);
        Assembly assembly = GeneratorHarness.CompileAndLoad(output);
        var weights = new Dictionary<string, byte[]>();
        ulong seed = 11;
        foreach (string name in new[] { "Words", "Frames", "Tunes" })
        {
            Type type = assembly.GetType("RnnGen.ShapeModels." + name)!;
            var info = (RnnModelInfo)type.GetProperty("Info")!.GetValue(null)!;
            weights[name] = SafeTensorsFile.Serialize(RandomWeights.Create(info.Tensors, info.HiddenSize, seed++));
        }
        return (assembly, weights);
    });

    private static T Call<T>(string method, params object[] args) =>
        (T)s_models.Value.Assembly.GetType("RnnGen.ShapeModels.Probe")!.GetMethod(method)!.Invoke(null, args)!;

    private static byte[] W(string model) => s_models.Value.Weights[model];

    private static GenerationOptions Options(float temperature = 1f, int topK = 0, int stop = -1, ulong seed = 0) =>
        new() { Temperature = temperature, TopK = topK, StopToken = stop, Seed = seed };

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    public static TheoryData<int[]> TokenSequences => new() { new[] { 3 }, new[] { 2, 4, 9, 0, 7 }, Enumerable.Range(0, 300).Select(t => t * 7 % 10).ToArray() };

    [Theory]
    [MemberData(nameof(TokenSequences))]
    public void A_classifiers_Forward_is_the_last_output_of_Step_bit_for_bit(int[] tokens)
    {
        float[] forward = Call<float[]>("Classify", W("Words"), tokens);
        Assert.Equal(3, forward.Length);
        Assert.Equal(Bits(Call<float[]>("ClassifyByStep", W("Words"), tokens)), Bits(forward));
        Assert.Equal(Bits(Call<float[]>("ClassifyByAdvance", W("Words"), tokens)), Bits(forward));
        Assert.Equal(1.0, forward.Sum(), 5);
    }

    [Fact]
    public void A_classifier_continues_from_a_state_as_from_the_whole_sequence()
    {
        int[] all = [2, 3, 4, 5, 6, 7];
        Assert.Equal(Bits(Call<float[]>("Classify", W("Words"), all)), Bits(Call<float[]>("ClassifyInTwoParts", W("Words"), all[..2], all[2..])));
    }

    [Fact]
    public void A_classifier_reads_text_and_names_its_label()
    {
        // "ab" with the text tokenizer: a, b; the Words model reads words: "a b" gives a, b.
        Assert.Equal(Bits(Call<float[]>("Classify", W("Words"), new[] { 2, 3 })), Bits(Call<float[]>("ClassifyText", W("Words"), "a b")));
        float[] y = Call<float[]>("Classify", W("Words"), new[] { 2, 3 });
        string expected = new[] { "yes", "no", "maybe" }[Array.IndexOf(y, y.Max())];
        Assert.Equal(expected, Call<string>("Label", W("Words"), new[] { 2, 3 }));
    }

    [Fact]
    public void A_classifier_refuses_an_empty_sequence_by_name()
    {
        var e = Assert.Throws<TargetInvocationException>(() => Call<float[]>("Classify", W("Words"), Array.Empty<int>()));
        var inner = Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Equal("tokens", inner.ParamName);
        Assert.Contains("Words classifies a sequence after its last input, so it needs at least one.", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dense_stacked_LSTM_classifier_equals_its_Step_loop_and_the_untyped_interface()
    {
        var random = new DeterministicRandom(5);
        float[] inputs = Enumerable.Range(0, 5 * 37).Select(_ => random.NextFloat() * 2 - 1).ToArray();
        float[] forward = Call<float[]>("ClassifyFrames", W("Frames"), inputs);
        Assert.Equal(Bits(Call<float[]>("ClassifyFramesByStep", W("Frames"), inputs)), Bits(forward));

        Type type = s_models.Value.Assembly.GetType("RnnGen.ShapeModels.Frames")!;
        var model = (IDenseRnnModel)type.GetMethod("FromSafeTensors")!.Invoke(null, [SafeTensorsFile.Parse(W("Frames"), "test")])!;
        Assert.Equal(SpecWords.ManyToOne, model.Info.Shape);
        var untyped = new float[4];
        model.Forward(inputs, untyped);
        Assert.Equal(Bits(forward), Bits(untyped));
    }

    [Fact]
    public void Generate_Sample_and_the_enumerator_give_the_same_tokens()
    {
        int[] prime = [1, 7, 8];
        GenerationOptions options = Options(temperature: 0.9f, topK: 5, seed: 42);
        int[] generated = Call<int[]>("Generate", W("Tunes"), prime, 200, options);
        Assert.Equal(200, generated.Length);
        Assert.All(generated, t => Assert.InRange(t, 0, 9));
        Assert.Equal(generated, Call<int[]>("Enumerate", W("Tunes"), prime, 200, options));
        Assert.Equal(generated, Call<int[]>("BySample", W("Tunes"), prime, 200, options));
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_another()
    {
        int[] prime = [1];
        int[] a = Call<int[]>("Generate", W("Tunes"), prime, 100, Options(seed: 1));
        Assert.Equal(a, Call<int[]>("Generate", W("Tunes"), prime, 100, Options(seed: 1)));
        Assert.NotEqual(a, Call<int[]>("Generate", W("Tunes"), prime, 100, Options(seed: 2)));
    }

    [Fact]
    public void Temperature_zero_and_top_k_one_are_the_argmax_chain()
    {
        int[] prime = [1, 2];
        int[] greedy = Call<int[]>("Greedy", W("Tunes"), prime, 50);
        Assert.Equal(greedy, Call<int[]>("Generate", W("Tunes"), prime, 50, Options(temperature: 0, seed: 9)));
        Assert.Equal(greedy, Call<int[]>("Generate", W("Tunes"), prime, 50, Options(topK: 1, seed: 3)));
    }

    [Fact]
    public void Generation_stops_at_the_stop_token_without_writing_it()
    {
        int[] prime = [1];
        int[] free = Call<int[]>("Generate", W("Tunes"), prime, 300, Options(seed: 4));
        int stop = free[10]; // a token that the free run picks at step 11
        int[] stopped = Call<int[]>("Generate", W("Tunes"), prime, 300, Options(stop: stop, seed: 4));
        int first = Array.IndexOf(free, stop);
        Assert.Equal(free[..first], stopped);
        Assert.Equal(stopped, Call<int[]>("Enumerate", W("Tunes"), prime, 300, Options(stop: stop, seed: 4)));
    }

    [Fact]
    public void Generating_allocates_nothing_per_token()
    {
        long bytes = Call<long>("AllocatedByGenerate", W("Tunes"), new[] { 1 }, 10_000, Options(temperature: 0.8f, topK: 4, seed: 5));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Text_in_and_out_keeps_spaces_and_line_breaks()
    {
        string text = Call<string>("Text", W("Tunes"), "", 400, Options(seed: 8));
        int[] tokens = Call<int[]>("Generate", W("Tunes"), new[] { 1 }, 400, Options(seed: 8)); // "" primes with <EOS>
        string[] vocabulary = ["<UNK>", "<EOS>", "a", "b", "c", " ", "\n", "X", ":", "|"];
        Assert.Equal(string.Concat(tokens.Select(t => vocabulary[t])), text);
        Assert.Contains(" ", text, StringComparison.Ordinal);
        Assert.Contains("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_refuses_an_empty_prime_and_a_stop_or_excluded_token_outside_its_vocabulary()
    {
        var e = Assert.Throws<TargetInvocationException>(() => Call<int[]>("Generate", W("Tunes"), Array.Empty<int>(), 5, Options()));
        Assert.Equal("prime", Assert.IsType<ArgumentException>(e.InnerException).ParamName);
        e = Assert.Throws<TargetInvocationException>(() => Call<int[]>("Generate", W("Tunes"), new[] { 1 }, 5, Options(stop: 10)));
        Assert.Equal("options", Assert.IsType<ArgumentOutOfRangeException>(e.InnerException).ParamName);
        e = Assert.Throws<TargetInvocationException>(() => Call<int[]>("Generate", W("Tunes"), new[] { 1 }, 5, Options() with { ExcludedToken = 10 }));
        Assert.Equal("options", Assert.IsType<ArgumentOutOfRangeException>(e.InnerException).ParamName);
    }

    [Fact]
    public void A_generator_never_picks_its_excluded_token()
    {
        // The vocabulary's <UNK> is token 0; at T = 2 every token keeps some weight, so 2,000 tokens would hold it.
        int[] all = Call<int[]>("Generate", W("Tunes"), new[] { 1 }, 2000, Options(temperature: 2f, seed: 4));
        int[] without = Call<int[]>("Generate", W("Tunes"), new[] { 1 }, 2000, Options(temperature: 2f, seed: 4) with { ExcludedToken = 0 });
        Assert.Contains(0, all);
        Assert.DoesNotContain(0, without);
    }
}
