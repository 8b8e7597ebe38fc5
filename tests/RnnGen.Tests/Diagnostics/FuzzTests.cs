using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Json;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using Xunit;
using RnnGen.Tests.Infrastructure;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Seeded, deterministic fuzzing of the pure pipeline (no Roslyn driver): whatever the text, the
/// generator must never throw (RNN0099), and must produce either a model or an error that points
/// inside the file it names. A failure prints the seed's iteration and the text that caused it.
/// </summary>
public sealed class FuzzTests
{
    private const int SpecMutations = 2_000;
    private const int VocabularyMutations = 300;

    private static readonly string ModelsDirectory = RepoPaths.Models + Path.DirectorySeparatorChar;

    private static readonly Regex Token = new(
        @"""(?:[^""\\\n]|\\.)*""|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[{}\[\],:]|[A-Za-z_]+|\s+|.", RegexOptions.Compiled);

    /// <summary>Characters that matter to JSON, to the spec's checks, and to line counting.</summary>
    private const string Alphabet = "{}[]\",:\\ \n\r\t0123456789-+.eE'/abcnrtuflsxyzAT_<>\u00A0\u2028\uFEFF\u0000\uD800é";

    /// <summary>Values that reach the spec's checks rather than the parser's.</summary>
    private static readonly string[] Values =
    [
        "0", "-1", "1", "2", "1e2", "4097", "100001", "1000001", "2.5", "99999999999", "null", "true", "[]", "{}", "[\"a\", \"a\"]", "[\"\"]",
        "\"\"", "\"  \"", "\"tanh\"", "\"relu\"", "\"softmax\"", "\"linear\"", "\"sigmoid\"", "\"dense\"", "\"one-hot\"", "\"words\"", "\"characters\"",
        "\"x.safetensors\"", "\"/abs.safetensors\"", "\"../up.safetensors\"", "\"a\\\\b.safetensors\"", "\"dna-sites.vocab.txt\"", "\"name-tagger.vocab.txt\"",
        "\"missing.txt\"", "\"../dna-sites.vocab.txt\"", "\"\\u0000.txt\"", "\"class\"", "\"Forward\"", "\"lower\"", "\"A.B\"", "\"A..B\"", "\"a|b.txt\"",
    ];

    private static (string Path, string Text)[] Shipped(string pattern) =>
        Directory.GetFiles(RepoPaths.Models, pattern).Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p))).ToArray();

    [Fact]
    public void Mutated_shipped_specs_never_crash_and_errors_point_inside_their_file()
    {
        (string Path, string Text)[] specs = Shipped("*.rnn.json");
        (string Path, string Text)[] vocabularies = Shipped("*.txt");
        Assert.Equal(2, specs.Length);
        SpecFile[] textFiles = vocabularies.Select(v => new SpecFile(v.Path, v.Text)).ToArray();

        // The unmutated specs are valid.
        foreach ((string path, string text) in specs) Assert.NotNull(SpecPipeline.Check(new SpecFile(path, text), textFiles, ModelsDirectory).Value);

        var random = new DeterministicRandom(0x5EED_D1A6);
        var failures = new List<string>();
        int models = 0;
        for (int i = 0; i < SpecMutations && failures.Count < 10; i++)
        {
            (string path, string original) = specs[i % specs.Length];
            string text = original;
            int count = 1 + random.NextInt(3);
            for (int m = 0; m < count; m++) text = Mutate(text, random);
            string? problem = Check(new SpecFile(path, text), textFiles, out bool model);
            if (model) models++;
            if (problem is not null) failures.Add($"mutation {i} of {Path.GetFileName(path)}: {problem}\n--- text ---\n{text}\n------------");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.InRange(models, 1, SpecMutations - 1); // the mutations both keep and break specs
    }

    /// <summary>
    /// The mutated dna-sites specs the pipeline accepts must also compile: a spec that binds but
    /// whose code does not compile would be a silent failure of the checks.
    /// </summary>
    [Fact]
    public void Mutated_specs_that_are_accepted_compile()
    {
        (string Path, string Text) spec = Shipped("dna-sites.rnn.json").Single();
        (string Path, string Text) vocabulary = Shipped("dna-sites.vocab.txt").Single();
        SpecFile[] textFiles = { new(vocabulary.Path, vocabulary.Text) };
        var random = new DeterministicRandom(0xC0_4A11);
        var accepted = new List<string>();
        for (int i = 0; i < 3_000 && accepted.Count < 8; i++)
        {
            string text = Mutate(spec.Text, random);
            if (text != spec.Text && !accepted.Contains(text) && SpecPipeline.Check(new SpecFile(spec.Path, text), textFiles, ModelsDirectory).Value is not null)
            {
                accepted.Add(text);
            }
        }
        Assert.NotEmpty(accepted);
        foreach (string text in accepted)
        {
            GeneratorOutput output = GeneratorHarness.Run(("dna-sites.rnn.json", text), ("dna-sites.vocab.txt", vocabulary.Text));
            Assert.DoesNotContain(output.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            try
            {
                GeneratorHarness.CompileAndLoad(output);
            }
            catch (InvalidOperationException e)
            {
                Assert.Fail($"an accepted spec does not compile: {e.Message}\n--- spec ---\n{text}");
            }
        }
    }

    [Fact]
    public void Mutated_vocabularies_never_crash_and_errors_point_inside_their_file()
    {
        (string Path, string Text) spec = Shipped("dna-sites.rnn.json").Single();
        (string Path, string Text) vocabulary = Shipped("dna-sites.vocab.txt").Single();
        var random = new DeterministicRandom(0x0CAB_0A12);
        var failures = new List<string>();
        for (int i = 0; i < VocabularyMutations && failures.Count < 10; i++)
        {
            string text = vocabulary.Text;
            int count = 1 + random.NextInt(3);
            for (int m = 0; m < count; m++) text = MutateLines(text, random);
            string? problem = Check(new SpecFile(spec.Path, spec.Text), [new SpecFile(vocabulary.Path, text)], out _);
            if (problem is not null) failures.Add($"vocabulary mutation {i}: {problem}\n--- text ---\n{text}\n------------");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Null when the pipeline behaved; else what went wrong.</summary>
    internal static string? Check(SpecFile spec, IReadOnlyList<SpecFile> textFiles, out bool model)
    {
        model = false;
        StepResult<ModelSpec> result;
        try
        {
            result = SpecPipeline.Check(spec, textFiles, ModelsDirectory);
        }
        catch (Exception e)
        {
            return "threw " + e;
        }
        model = result.Value is not null;
        bool anyError = false;
        foreach (DiagnosticInfo d in result.Diagnostics)
        {
            string message;
            try
            {
                message = d.Message;
            }
            catch (FormatException e)
            {
                return $"{d.Id}'s message does not format: {e.Message}";
            }
            if (d.Id == "RNN0099") return "RNN0099: " + message;
            anyError |= d.Rule.Severity == RuleSeverity.Error;
            string? text = d.FilePath == spec.Path ? spec.Text : textFiles.FirstOrDefault(f => f.Path == d.FilePath)?.Text;
            if (text is null) return $"{d.Id} points into a file that is not among the inputs: '{d.FilePath}' ({message})";
            string? range = RangeProblem(d.Range, text);
            if (range is not null) return $"{d.Id} ({message}): {range}";
        }
        if (result.Value is null && !anyError) return "no model and no error: " + string.Join("; ", result.Diagnostics.Select(d => d.Id));
        if (result.Value is not null && anyError) return "a model despite an error: " + string.Join("; ", result.Diagnostics.Select(d => d.Id));
        return null;
    }

    /// <summary>Null when the range lies inside the text and its lines and columns agree with its offsets.</summary>
    private static string? RangeProblem(TextRange r, string text)
    {
        if (r.Start < 0 || r.Length < 0 || r.Start + r.Length > text.Length) return $"range {r} is outside the text (length {text.Length})";
        LinePosition start = DiagnosticAssert.LinePositionOf(text, r.Start);
        LinePosition end = DiagnosticAssert.LinePositionOf(text, r.Start + r.Length);
        if (start != new LinePosition(r.StartLine, r.StartColumn) || end != new LinePosition(r.EndLine, r.EndColumn))
        {
            return $"range {r} has lines/columns that do not match its offsets (expected {start}-{end})";
        }
        return null;
    }

    private static string Mutate(string text, DeterministicRandom random)
    {
        int at = random.NextInt(text.Length + 1);
        char c = Alphabet[random.NextInt(Alphabet.Length)];
        switch (random.NextInt(9))
        {
            case 0: return text.Length == 0 ? text : text.Remove(Math.Min(at, text.Length - 1), 1);
            case 1: return text.Insert(at, c.ToString());
            case 2: return text.Length == 0 ? text : text.Remove(Math.Min(at, text.Length - 1), 1).Insert(Math.Min(at, text.Length - 1), c.ToString());
            case 3: return text.Substring(0, at);
            case 4:
            {
                string[] lines = text.Split('\n');
                int line = random.NextInt(lines.Length);
                return string.Join("\n", lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1)));
            }
            case 5:
            {
                string[] lines = text.Split('\n');
                int line = random.NextInt(lines.Length);
                return string.Join("\n", lines.Where((_, i) => i != line));
            }
            case 6:
            {
                List<Match> tokens = Token.Matches(text).Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToList();
                if (tokens.Count < 2) return text;
                Match a = tokens[random.NextInt(tokens.Count)], b = tokens[random.NextInt(tokens.Count)];
                if (a.Index > b.Index) (a, b) = (b, a);
                if (a.Index == b.Index) return text;
                return text[..a.Index] + b.Value + text[(a.Index + a.Length)..b.Index] + a.Value + text[(b.Index + b.Length)..];
            }
            default:
            {
                // Replace a value (a token after ':' or inside an array) with one that reaches the spec's checks.
                List<Match> tokens = Token.Matches(text).Where(t => t.Value.Length > 0 && (t.Value[0] == '"' || char.IsDigit(t.Value[0]) || t.Value[0] == '-')).ToList();
                if (tokens.Count == 0) return text;
                Match t = tokens[random.NextInt(tokens.Count)];
                return text[..t.Index] + Values[random.NextInt(Values.Length)] + text[(t.Index + t.Length)..];
            }
        }
    }

    private static string MutateLines(string text, DeterministicRandom random)
    {
        var lines = text.Split('\n').ToList();
        int line = random.NextInt(lines.Count);
        switch (random.NextInt(6))
        {
            case 0: lines.Insert(line, lines[random.NextInt(lines.Count)]); break; // a duplicate token
            case 1: lines.RemoveAt(line); break;
            case 2: lines.Insert(line, ""); break;
            case 3: lines[line] = lines[line].Insert(random.NextInt(lines[line].Length + 1), random.NextInt(2) == 0 ? " " : "\t"); break;
            case 4: lines[line] = lines[line].Replace("<UNK>", "<unk>", StringComparison.Ordinal); break;
            default: return Mutate(text, random);
        }
        return string.Join("\n", lines);
    }

    [Fact]
    public void The_json_parser_never_throws_on_random_bytes_and_errors_point_inside_the_text()
    {
        var random = new DeterministicRandom(0xB17E5);
        var failures = new List<string>();
        for (int i = 0; i < 4_000 && failures.Count < 10; i++)
        {
            string text;
            if (i % 2 == 0)
            {
                var bytes = new byte[random.NextInt(48)];
                for (int b = 0; b < bytes.Length; b++) bytes[b] = (byte)random.NextInt(256);
                text = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                var sb = new StringBuilder();
                int length = random.NextInt(120);
                for (int c = 0; c < length; c++) sb.Append(Alphabet[random.NextInt(Alphabet.Length)]);
                text = sb.ToString();
            }
            string? problem = ParseProblem(text);
            if (problem is not null) failures.Add($"input {i} {Escape(text)}: {problem}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_json_parser_accepts_random_valid_json_and_survives_every_one_character_mutation_of_it()
    {
        var random = new DeterministicRandom(0x15_0A);
        var failures = new List<string>();
        for (int i = 0; i < 1_000 && failures.Count < 10; i++)
        {
            var sb = new StringBuilder();
            WriteValue(sb, random, 0);
            string json = sb.ToString();
            JsonParseResult parsed = JsonParser.Parse(json);
            if (parsed.Value is null) { failures.Add($"valid input {i} {Escape(json)} was rejected: {parsed.Error} at {parsed.ErrorRange}"); continue; }
            string mutated = Mutate(json, random);
            string? problem = ParseProblem(mutated);
            if (problem is not null) failures.Add($"mutated input {i} {Escape(mutated)}: {problem}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? ParseProblem(string text)
    {
        JsonParseResult result;
        try
        {
            result = JsonParser.Parse(text);
        }
        catch (Exception e)
        {
            return "threw " + e.GetType().Name + ": " + e.Message;
        }
        if (result.Value is not null) return result.Error is null ? null : "a value and an error";
        if (string.IsNullOrEmpty(result.Error)) return "neither a value nor an error";
        return RangeProblem(result.ErrorRange, text);
    }

    private static void WriteValue(StringBuilder sb, DeterministicRandom random, int depth)
    {
        string[] space = ["", " ", "\n", "\r\n", "\t", "  "];
        int kind = random.NextInt(depth > 4 ? 4 : 6);
        switch (kind)
        {
            case 0: sb.Append(random.NextInt(2) == 0 ? "true" : random.NextInt(2) == 0 ? "false" : "null"); break;
            case 1: sb.Append(new[] { "0", "-0", "12", "-3.25", "1e5", "2E-3", "0.5e+2" }[random.NextInt(7)]); break;
            case 2:
            case 3: sb.Append(new[] { "\"\"", "\"tanh\"", "\"a\\\"b\"", "\"\\u00e9\\n\"", "\"é ü\"", "\"\\/\\\\\"" }[random.NextInt(6)]); break;
            case 4:
            {
                sb.Append('[');
                int n = random.NextInt(4);
                for (int i = 0; i < n; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(space[random.NextInt(space.Length)]);
                    WriteValue(sb, random, depth + 1);
                    sb.Append(space[random.NextInt(space.Length)]);
                }
                sb.Append(']');
                break;
            }
            default:
            {
                sb.Append('{');
                int n = random.NextInt(4);
                for (int i = 0; i < n; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(space[random.NextInt(space.Length)]).Append("\"k").Append(i).Append("\"").Append(space[random.NextInt(space.Length)]).Append(':');
                    sb.Append(space[random.NextInt(space.Length)]);
                    WriteValue(sb, random, depth + 1);
                }
                sb.Append(space[random.NextInt(space.Length)]).Append('}');
                break;
            }
        }
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text) sb.Append(c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        return sb.Append('"').ToString();
    }
}
