using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using RnnGen.Tests.Runtime;
using RnnGen.Training;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Issue 9, part 3: fuzzing at scale with CsCheck (generation and shrinking). Mutated specs through the parser and
/// validator, mutated vocabularies through the vocabulary reader, mutated safetensors files through
/// <see cref="SafeTensorsFile.Parse"/>: no exception escapes but the documented one (<see cref="WeightsException"/>
/// for weights; none at all for specs and vocabularies), and every diagnostic lies inside its file
/// (<see cref="FuzzTests.Check"/>). CI runs <see cref="DefaultCases"/> cases of each; RNNGEN_FUZZ_CASES=100000 runs
/// the full count (docs/reliability.md gives the figures of the last full run and its command).
/// </summary>
public sealed class PropertyFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 2_000;

    private static long Cases =>
        long.TryParse(Environment.GetEnvironmentVariable("RNNGEN_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n : DefaultCases;

    private static readonly string Models = RepoPaths.Models;

    /// <summary>Every spec the repository ships or tests with, placed in models/ beside the shipped vocabularies.</summary>
    private static readonly Lazy<(string Path, string Text)[]> s_specs = new(() =>
        Directory.GetFiles(Models, "*.rnn.json")
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples"), "*.rnn.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.Combine(Models, Path.GetFileName(p)), File.ReadAllText(p)))
            .Append((Path.Combine(Models, "tagger.rnn.json"), Specs.Valid.Replace("words.txt", "dna-sites.vocab.txt", StringComparison.Ordinal)))
            .ToArray());

    /// <summary>
    /// The vocabularies of models/ (the small one only where the large one is not needed), and those of samples/ that
    /// models/ has no file of the name of (the music generators' abc.vocab.txt), placed in models/ as the specs are.
    /// </summary>
    private static readonly Lazy<SpecFile[]> s_vocabularies = new(() =>
    {
        var byName = Directory.GetFiles(Models, "*.txt").ToDictionary(p => Path.GetFileName(p), p => p, StringComparer.Ordinal);
        foreach (string p in Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples"), "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byName.TryAdd(Path.GetFileName(p), p);
        }
        return byName.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new SpecFile(Path.Combine(Models, e.Key), File.ReadAllText(e.Value)))
            .ToArray();
    });

    private static readonly Regex Token = new(
        @"""(?:[^""\\\n]|\\.)*""|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[{}\[\],:]|[A-Za-z_]+|\s+|.", RegexOptions.Compiled);

    /// <summary>Numbers at and past every limit, and texts that are numbers only in part.</summary>
    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1", "4096", "4097", "1000000", "1000001", "100001", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
        "1e2", "1E+3", "1e-2", "1e999999999999", "-1e999999999999", "0.99999999999999999999999999999", "1.0", "1.5", "00", "01", "0x10",
        "NaN", "Infinity", "-", "1e", "1.", ".5", new string('9', 10_000), "1" + new string('0', 400),
    ];

    /// <summary>Values of every JSON type, and strings that reach the spec's checks.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "[]", "{}", "[1]", "{\"a\":1}", "\"\"", "\" \"", "\"tanh\"", "\"gru\"", "\"lstm\"", "\"softmax\"", "\"linear\"",
        "\"dense\"", "\"one-hot\"", "\"characters\"", "\"dna-sites.vocab.txt\"", "\"../x.txt\"", "\"/abs.txt\"", "\"a\\u0000b\"", "\"\\uD800\"",
        "\"class\"", "\"System\"", "\"RnnGen\"", "\"A.B\"", "\"A..B\"", "\"\u200B\"", "\"" + new string('x', 5_000) + "\"", "[\"a\",\"a\"]", "[\"A\",\"a\"]",
    ];

    private static readonly string[] Keys =
    [
        "\"name\"", "\"namespace\"", "\"a\"", "\"x\"", "\"y\"", "\"size\"", "\"layers\"", "\"cell\"", "\"bidirectional\"", "\"embedding\"", "\"labels\"",
        "\"weights\"", "\"modules\"", "\"vocabulary\"", "\"tokenizer\"", "\"encoding\"", "\"activation\"", "\"description\"", "\"$schema\"", "\"zzz\"",
    ];

    /// <summary>One mutation of a spec, as its kind, where (a fraction of the length) and which payload.</summary>
    private readonly record struct Mutation(int Kind, double At, int Pick, int Count)
    {
        public override string ToString() => FormattableString.Invariant($"({Kind} at {At:0.###}, pick {Pick}, count {Count})");
    }

    private static readonly Gen<Mutation> GenMutation =
        Gen.Select(Gen.Int[0, 13], Gen.Double[0, 1], Gen.Int[0, 1_000_000], Gen.Int[1, 10_000], (k, at, pick, count) => new Mutation(k, at, pick, count));

    /// <summary>Applies one mutation to the spec's text; the result may be any text (and any bytes decoded as the host would).</summary>
    private static string Apply(string text, Mutation m)
    {
        int at = Math.Min(text.Length, (int)(m.At * (text.Length + 1)));
        MatchCollection tokens = Token.Matches(text);
        Match token = tokens.Count == 0 ? Match.Empty : tokens[Math.Min(tokens.Count - 1, (int)(m.At * tokens.Count))];
        switch (m.Kind)
        {
            case 0: // truncation
                return text[..at];
            case 1: // delete a token
                return token.Success ? text.Remove(token.Index, token.Length) : text;
            case 2: // duplicate a token (a duplicated key, comma, brace, value)
                return token.Success ? text.Insert(token.Index, token.Value) : text;
            case 3: // insert a token from elsewhere in the text
                return tokens.Count == 0 ? text : text.Insert(at, tokens[m.Pick % tokens.Count].Value);
            case 4: // a number at or past a limit in place of a number (or anywhere)
            {
                string number = Numbers[m.Pick % Numbers.Length];
                Match n = tokens.Cast<Match>().Where(t => t.Value.Length > 0 && (char.IsDigit(t.Value[0]) || t.Value[0] == '-')).Skip(m.Count % 4).FirstOrDefault() ?? token;
                return n.Success ? text.Remove(n.Index, n.Length).Insert(n.Index, number) : number;
            }
            case 5: // a value of another type in place of a token
                return token.Success ? text.Remove(token.Index, token.Length).Insert(token.Index, Values[m.Pick % Values.Length]) : text;
            case 6: // deep nesting
            {
                int depth = m.Count % 200;
                return text.Insert(at, new string('[', depth) + new string(']', m.Pick % 2 == 0 ? depth : depth / 2));
            }
            case 7: // a duplicated or an unknown key
            {
                string member = Keys[m.Pick % Keys.Length] + ": " + Values[m.Count % Values.Length] + ", ";
                int brace = text.IndexOf('{', Math.Min(at, text.Length));
                return brace < 0 ? text.Insert(at, member) : text.Insert(brace + 1, member);
            }
            case 8: // flip a bit of a byte of the UTF-8 text, decoded again as UTF-8 (with replacement characters, as check reads it)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length == 0) return text;
                bytes[Math.Min(bytes.Length - 1, (int)(m.At * bytes.Length))] ^= (byte)(1 << (m.Pick % 8));
                return Encoding.UTF8.GetString(bytes);
            }
            case 9: // UTF-16 (either order) or UTF-32 bytes without a byte-order mark, read as UTF-8
            {
                Encoding[] encodings = [Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32];
                return Encoding.UTF8.GetString(encodings[m.Pick % 3].GetBytes(text));
            }
            case 10: // characters that are not text: NUL, lone surrogates, a byte-order mark inside, line separators
            {
                string[] odd = ["\0", "\uD800", "\uDC00", "\uFEFF", "\u2028", "\r", "\u0085", "\u00A0", "\uFFFD", "\u200B"];
                return text.Insert(at, odd[m.Pick % odd.Length]);
            }
            case 11: // a line repeated (duplicate members) or removed
            {
                string[] lines = text.Split('\n');
                int line = m.Pick % lines.Length;
                return m.Count % 2 == 0
                    ? string.Join("\n", lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1)))
                    : string.Join("\n", lines.Where((_, i) => i != line));
            }
            case 12: // a long run of one character
                return text.Insert(at, new string("{[\"a, 9"[m.Pick % 7], m.Count));
            default: // a string token made very long, or emptied
                return token.Success && token.Value.StartsWith('"')
                    ? text.Remove(token.Index, token.Length).Insert(token.Index, m.Count % 2 == 0 ? "\"\"" : "\"" + new string('q', m.Count) + "\"")
                    : text;
        }
    }

    private void Report(string what, long cases, Stopwatch clock) =>
        output.WriteLine(FormattableString.Invariant($"{what}: {cases:#,0} cases, 0 failures, {clock.Elapsed.TotalSeconds:0.0} s"));

    [Fact]
    public void Every_spec_truncated_at_every_offset_is_diagnosed_inside_its_file()
    {
        SpecFile[] vocabularies = s_vocabularies.Value;
        var failures = new List<string>();
        int cases = 0;
        foreach ((string path, string text) in s_specs.Value)
        {
            Assert.True(FuzzTests.Check(new SpecFile(path, text), vocabularies, out bool whole) is null && whole, path);
            for (int length = 0; length < text.Length; length++, cases++)
            {
                string? problem = FuzzTests.Check(new SpecFile(path, text[..length]), vocabularies, out bool model);
                if (problem is null && model && text[length..].Trim().Length > 0) problem = "a truncated spec was accepted";
                if (problem is not null) failures.Add($"{Path.GetFileName(path)} cut at {length}: {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(cases > 2_000, $"only {cases} truncations");
        output.WriteLine(FormattableString.Invariant($"truncations: {cases:#,0} of {s_specs.Value.Length} specs, 0 failures"));
    }

    [Fact]
    public void Mutated_specs_never_throw_and_every_diagnostic_lies_inside_its_file()
    {
        (string Path, string Text)[] specs = s_specs.Value;
        SpecFile[] vocabularies = s_vocabularies.Value;
        var clock = Stopwatch.StartNew();
        Gen.Select(Gen.Int[0, specs.Length - 1], GenMutation.Array[1, 4]).Sample((index, mutations) =>
        {
            (string path, string text) = specs[index];
            foreach (Mutation m in mutations) text = Apply(text, m);
            string? problem = FuzzTests.Check(new SpecFile(path, text), vocabularies, out _);
            if (problem is not null) throw new InvalidOperationException(problem + "\n--- text ---\n" + (text.Length > 2_000 ? text[..2_000] + "…" : text));
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        Report("spec mutations", Cases, clock);
    }

    [Fact]
    public void Mutated_vocabularies_never_throw_and_every_diagnostic_lies_inside_their_file()
    {
        (string Path, string Text) spec = s_specs.Value.Single(s => s.Path.EndsWith("dna-sites.rnn.json", StringComparison.Ordinal));
        string vocabularyPath = Path.Combine(Models, "dna-sites.vocab.txt");
        string[] lines = File.ReadAllText(vocabularyPath).Split('\n');
        string[] extra = ["<UNK>", "", " ", "A", "a", "\uFEFF<UNK>", "A\r", "<unk>", "x y", "\t", "\0", "\uD800", new string('z', 101), "é", "\u200B"];
        Gen<string> vocabulary = Gen.Select(
            Gen.Int[0, extra.Length + lines.Length - 1].Array[0, 12], Gen.Bool, Gen.Bool, Gen.Int[0, 2],
            (picks, crlf, bom, end) =>
            {
                string body = string.Join(crlf ? "\r\n" : "\n", picks.Select(p => p < lines.Length ? lines[p] : extra[p - lines.Length]));
                return (bom ? "\uFEFF" : "") + body + (end == 0 ? "" : end == 1 ? "\n" : "\r\n");
            });
        var clock = Stopwatch.StartNew();
        vocabulary.Sample(text =>
        {
            string? problem = FuzzTests.Check(new SpecFile(spec.Path, spec.Text), [new SpecFile(vocabularyPath, text)], out _);
            if (problem is not null) throw new InvalidOperationException(problem);
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        Report("vocabulary mutations", Cases, clock);
    }

    /// <summary>A valid file of three tensors, the start of every safetensors mutation.</summary>
    private static readonly byte[] ValidWeights = SafeTensorsFile.Serialize(
    [
        new Tensor("Waa", [2, 2], [1f, 2f, 3f, 4f]),
        new Tensor("Wax", [2, 3], [0.5f, -0.5f, 1f, 0.25f, 0f, -1f]),
        new Tensor("by", [3], [float.PositiveInfinity, float.NegativeInfinity, float.NaN]),
    ], new Dictionary<string, string> { ["format"] = "pt" });

    private static readonly string[] HeaderEdits =
    [
        "{}", "", "[]", "null", "{\"a\":1}", "{\"__metadata__\":{\"k\":1}}", "{\"__metadata__\":[]}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        "{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
        "{\"t\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,18446744073709551615]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}",
        "{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}",
        "{\"\\uD800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":" + new string('[', 500) + "1" + new string(']', 500) + ",\"data_offsets\":[0,4]}}",
    ];

    private static byte[] MutateWeights(byte[] file, int kind, double at, int pick)
    {
        byte[] bytes = (byte[])file.Clone();
        // After an earlier round the declared length may be anything: the header is what of it the file holds.
        int headerLength = (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(bytes), (ulong)(bytes.Length - 8));
        if (headerLength <= 0 && kind is 2 or 5 or 6) kind = 1;
        int position = Math.Min(bytes.Length - 1, (int)(at * bytes.Length));
        int inHeader = 8 + Math.Min(headerLength - 1, (int)(at * headerLength));
        switch (kind)
        {
            case 0: // truncated anywhere (the length, the header, the data)
                return bytes[..position];
            case 1: // a bit flipped anywhere
                bytes[position] ^= (byte)(1 << (pick % 8));
                return bytes;
            case 2: // a bit flipped in the header
                bytes[inHeader] ^= (byte)(1 << (pick % 8));
                return bytes;
            case 3: // the header length: beyond the file, over the bound, huge, zero, short by a little
            {
                ulong[] lengths = [0, 1, 7, (ulong)headerLength - 1, (ulong)headerLength + 1, (ulong)bytes.Length, (ulong)bytes.Length + 1,
                    100_000_000, 100_000_001, int.MaxValue, uint.MaxValue, long.MaxValue, ulong.MaxValue];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, lengths[pick % lengths.Length]);
                return bytes;
            }
            case 4: // a header of its own (overlapping or gapped offsets, overflowing shapes, other dtypes, duplicate names …)
            {
                byte[] header = Encoding.UTF8.GetBytes(HeaderEdits[pick % HeaderEdits.Length]);
                return SafeTensorsBytes.Build(header, (pick / HeaderEdits.Length) % 3 * 8);
            }
            case 5: // invalid UTF-8 in the header
            {
                byte[][] bad = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]];
                byte[] b = bad[pick % bad.Length];
                for (int i = 0; i < b.Length && inHeader + i < 8 + headerLength; i++) bytes[inHeader + i] = b[i];
                return bytes;
            }
            case 6: // a digit of the header changed (offsets and shapes that no longer fit)
            {
                string header = Encoding.UTF8.GetString(bytes, 8, headerLength);
                MatchCollection digits = Regex.Matches(header, "[0-9]+");
                if (digits.Count == 0) return bytes;
                Match d = digits[pick % digits.Count];
                string[] numbers = ["0", "1", "4", "99999999999", "18446744073709551616", "-1", "2147483648", "12", "1e3"];
                header = header.Remove(d.Index, d.Length).Insert(d.Index, numbers[(pick / digits.Count) % numbers.Length]);
                return SafeTensorsBytes.WithLength((ulong)Encoding.UTF8.GetByteCount(header),
                    [.. Encoding.UTF8.GetBytes(header), .. bytes.AsSpan(8 + headerLength)]);
            }
            default: // data added or removed at the end
                return pick % 2 == 0 ? [.. bytes, .. new byte[1 + pick % 9]] : bytes[..Math.Max(0, bytes.Length - 1 - pick % 12)];
        }
    }

    /// <summary>Found by this fuzzing: an escaped lone surrogate in a name escaped Parse as InvalidOperationException.</summary>
    [Fact]
    public void A_header_string_that_escapes_a_lone_surrogate_is_a_WeightsException()
    {
        foreach (string name in new[] { "\\uD800", "a\\uDC00", "\\uD800\\u0041" })
        {
            byte[] bytes = SafeTensorsBytes.Build("{" + SafeTensorsBytes.Entry(name, "[1]", 0, 4) + "}", 4);
            var e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes, "lone.safetensors"));
            Assert.Contains("escapes half of a surrogate pair", e.Message, StringComparison.Ordinal);
        }
        byte[] metadata = SafeTensorsBytes.Build("{\"__metadata__\":{\"k\":\"\\uDBFF\"}}", 0);
        Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(metadata, "lone.safetensors"));
        // A pair is a character, not a fault.
        byte[] pair = SafeTensorsBytes.Build("{" + SafeTensorsBytes.Entry("\\uD83D\\uDE00", "[1]", 0, 4) + "}", 4);
        Assert.Equal("\U0001F600", Assert.Single(SafeTensorsFile.Parse(pair, "pair.safetensors").Tensors).Name);
    }

    [Fact]
    public void Mutated_safetensors_files_give_tensors_or_a_WeightsException_and_nothing_else()
    {
        SafeTensorsFile valid = SafeTensorsFile.Parse(ValidWeights, "valid.safetensors");
        Assert.True(float.IsNaN(valid.Find("by")!.Data[2]));   // non-finite values are the file's values: read as they are
        var clock = Stopwatch.StartNew();
        Gen.Select(Gen.Int[0, 7], Gen.Double[0, 1], Gen.Int[0, 1_000_000], Gen.Int[1, 3]).Sample((kind, at, pick, rounds) =>
        {
            byte[] bytes = ValidWeights;
            for (int r = 0; r < rounds && bytes.Length >= 9; r++) bytes = MutateWeights(bytes, (kind + r * 3) % 8, at, pick + r);
            try
            {
                SafeTensorsFile file = SafeTensorsFile.Parse(bytes, "fuzz.safetensors");
                // What parses is consistent: every tensor's data fits its shape, inside the file.
                foreach (Tensor t in file.Tensors) Assert.Equal(t.Shape.Aggregate(1L, (p, d) => p * d), t.Data.Length);
                Assert.True(file.Tensors.Sum(t => 4L * t.Data.Length) <= bytes.Length, "more data than bytes");
            }
            catch (WeightsException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.True(e.Message.Length < 5_000, "a long message: " + e.Message.Length);
            }
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        Report("safetensors mutations", Cases, clock);
    }

    /// <summary>The shipped DNA model's tensors with seeded values, the start of every load mutation.</summary>
    private static readonly byte[] DnaWeights = SafeTensorsFile.Serialize(
        RandomWeights.Create(RnnGen.Models.DnaSites.HiddenSize, RnnGen.Models.DnaSites.InputSize, RnnGen.Models.DnaSites.OutputSize, 3));

    [Fact]
    public void Mutated_weights_load_into_a_generated_model_or_give_a_WeightsException_and_nothing_else()
    {
        Assert.NotNull(RnnGen.Models.DnaSites.FromSafeTensors(SafeTensorsFile.Parse(DnaWeights, "dna.safetensors")));
        var clock = Stopwatch.StartNew();
        long loaded = 0;
        Gen.Select(Gen.Int[0, 7], Gen.Double[0, 1], Gen.Int[0, 1_000_000]).Sample((kind, at, pick) =>
        {
            byte[] bytes = MutateWeights(DnaWeights, kind, at, pick);
            try
            {
                RnnGen.Models.DnaSites model = RnnGen.Models.DnaSites.FromSafeTensors(SafeTensorsFile.Parse(bytes, "fuzz.safetensors"));
                model.Forward([0, 1, 2, 3, 4, 5]);   // what loads, runs
                Interlocked.Increment(ref loaded);
            }
            catch (WeightsException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        output.WriteLine(FormattableString.Invariant($"load mutations: {Cases:#,0} cases ({loaded:#,0} loaded), 0 failures, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    [Fact]
    public void Mutated_CoNLL_text_gives_sentences_or_a_ConllException_with_lines_inside_the_text()
    {
        string[] lines = ["Sam\tperson", "Li  person", "and O", "", "  \t", "# comment", "-DOCSTART- -X- O", "Tom\tperson\textra", "x", "\tO",
            "a\u0000b\tO", "\uFEFFSam\tperson", "é\tO", "\uD800\tO", new string('w', 70_000) + "\tO", "A\tB\r", "\r"];
        Gen<string> texts = Gen.Select(Gen.Int[0, lines.Length - 1].Array[0, 30], Gen.Int[0, 2], (picks, ending) =>
            string.Join(ending == 0 ? "\n" : ending == 1 ? "\r\n" : "\r", picks.Select(p => lines[p])));
        var clock = Stopwatch.StartNew();
        texts.Sample(text =>
        {
            int lineCount = text.Split('\n').Length + text.Count(c => c == '\r');
            try
            {
                foreach (ConllSentence sentence in RnnGen.Training.ConllReader.Read(new StringReader(text), "fuzz.conll"))
                {
                    Assert.Equal(sentence.Tokens.Count, sentence.Labels.Count);
                    Assert.All(sentence.Lines, line => Assert.InRange(line, 1, lineCount));
                }
            }
            catch (RnnGen.Training.ConllException e)
            {
                Assert.NotEmpty(e.Errors);
                Assert.All(e.Errors, error => Assert.InRange(error.Line, 1, lineCount));
            }
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        Report("CoNLL mutations", Cases, clock);
    }

    [Fact]
    public void Mutated_run_lines_give_a_sequence_or_one_bounded_message_naming_the_line()
    {
        string[] fields = ["0", "1", "9999", "10000", "-1", "+5", "007", "99999999999999999999", "-0", "1.5", "1e3", "NaN", "Infinity", "-Infinity",
            "Sam", "Li", "Tuesday.", "é", "\u00A0", "\u200B", "\uD800", "\0", "x" + new string('9', 200), new string('1', 500), "٣", "１", "0x1F", "3.4e38", "3.5e38"];
        string[] gaps = [" ", "\t", "  ", "\r", "\v", "\f", "\u3000", ""];
        Gen<(string Line, int Format, bool Dense)> lines = Gen.Select(Gen.Int[0, fields.Length - 1].Array[0, 20], Gen.Int[0, gaps.Length - 1].Array[20],
            Gen.Int[0, 2], Gen.Bool,
            (picks, between, format, dense) => (string.Concat(picks.Select((p, i) => fields[p] + gaps[between[i]])), format, dense));
        RnnModelInfo info = RnnGen.Models.NameTagger.Info;
        Vocabulary vocabulary = RnnGen.Models.NameTagger.Vocabulary;
        var clock = Stopwatch.StartNew();
        lines.Sample(c =>
        {
            const int LineNumber = 12_345;
            RnnGen.Cli.Failure? failure;
            if (c.Dense)
            {
                var dense = RnnGen.Cli.RunLineParser.Dense(RnnGen.Models.DnaSites.Info, c.Line, LineNumber);
                failure = dense.Failure;
                if (failure is null)
                {
                    Assert.Equal(0, dense.Value.Values.Length % RnnGen.Models.DnaSites.InputSize);
                    Assert.All(dense.Value.Values, v => Assert.True(float.IsFinite(v)));
                }
            }
            else
            {
                var oneHot = RnnGen.Cli.RunLineParser.OneHot(info, vocabulary, (RnnGen.Cli.InputFormat)c.Format, c.Line, LineNumber);
                failure = oneHot.Failure;
                if (failure is null)
                {
                    Assert.Equal(oneHot.Value.Tokens.Count, oneHot.Value.Ids.Length);
                    Assert.All(oneHot.Value.Ids, id => Assert.InRange(id, 0, info.InputSize - 1));
                }
            }
            if (failure is not null)
            {
                Assert.Equal(RnnGen.Cli.ExitCodes.BadInput, failure.ExitCode);
                Assert.StartsWith("line 12345: ", failure.Message, StringComparison.Ordinal);
                Assert.True(failure.Message.Length <= 400, "a long message: " + failure.Message);
            }
        }, iter: Cases, threads: 1, seed: Environment.GetEnvironmentVariable("RNNGEN_FUZZ_SEED"));
        Report("run lines", Cases, clock);
    }
}
