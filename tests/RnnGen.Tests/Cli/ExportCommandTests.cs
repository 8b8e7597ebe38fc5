using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RnnGen.Models;
using RnnGen.Onnx;
using RnnGen.Tests.Onnx;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// <c>rnngen export &lt;model&gt; --onnx &lt;file&gt;</c>, run as a process: the file it writes, run by ONNX Runtime, gives what
/// the model gives (the shipped model compiled into this assembly; a spec's model as <c>rnngen run</c> computes it),
/// carries the vocabulary and labels; bad arguments fail with one line and write nothing.
/// </summary>
public sealed class ExportCommandTests
{
    private const string Sentence = "Sam Li and Tom date on Tuesday.";

    private const string LstmSpec = """
        {
          "name": "Chirp",
          "a": { "size": 6, "cell": "lstm", "layers": 2, "bidirectional": true },
          "x": { "encoding": "dense", "size": 3 },
          "y": { "size": 2, "activation": "softmax", "labels": ["low", "high"] },
          "weights": "chirp.safetensors"
        }
        """;

    [Fact]
    public void Export_of_the_name_tagger_runs_in_ONNX_Runtime_as_the_compiled_model_runs()
    {
        using var temp = new TempFolder();
        CliRun export = CliProcess.Run("export", "name-tagger", "--onnx", temp.File("nt.onnx"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(
            new[]
            {
                $"{temp.File("nt.onnx")}: name-tagger as ONNX (opset 17, IR 8), {new FileInfo(temp.File("nt.onnx")).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes",
                "  inputs   tokens int64 [sequence, batch], h0 float [1, batch, 100]",
                "  outputs  y float [sequence, batch, 1], hn float [1, batch, 100]",
            },
            export.Lines);
        Assert.Equal("", export.Stderr);

        NameTagger model = NameTagger.Load(Path.Combine(CliProcess.ModelsFolder, "name-tagger.safetensors"));
        int[] tokens = NameTagger.Vocabulary.Encode(NameTagger.Tokenize(Sentence));
        var expected = new float[tokens.Length];
        ((IOneHotRnnModel)model).Forward(tokens, expected);
        using var ort = new OrtRun(File.ReadAllBytes(temp.File("nt.onnx")), NameTagger.Info);
        OrtOutputs got = ort.Run(tokens.Length, 1, tokens.Select(t => (long)t).ToArray(), null);
        for (int t = 0; t < tokens.Length; t++) Assert.True(Math.Abs(expected[t] - got.Y[t]) <= 1e-6, $"t={t}: {got.Y[t]} vs {expected[t]}");

        Assert.Equal(NameTagger.Vocabulary.Tokens, JsonSerializer.Deserialize<string[]>(ort.Metadata[OnnxNames.VocabularyKey]));
        Assert.Equal(new[] { "person" }, JsonSerializer.Deserialize<string[]>(ort.Metadata[OnnxNames.LabelsKey]));
        Assert.Equal("words", ort.Metadata[OnnxNames.TokenizerKey]);
    }

    [Fact]
    public void Export_of_a_spec_runs_in_ONNX_Runtime_as_rnngen_run_runs_it()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("chirp.rnn.json"), LstmSpec);
        Assert.Equal(0, CliProcess.Run("init", temp.File("chirp.rnn.json"), "--seed", "9", "--out", temp.File("chirp.safetensors")).ExitCode);
        CliRun export = CliProcess.Run("export", temp.File("chirp.rnn.json"), "--onnx", temp.File("chirp.onnx"));   // weights: beside the spec
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal("  inputs   x float [sequence, batch, 3], h0 float [4, batch, 6], c0 float [4, batch, 6]", export.Lines[1]);
        Assert.Equal("  outputs  y float [sequence, batch, 2], hn float [4, batch, 6], cn float [4, batch, 6]", export.Lines[2]);

        float[] xs = { 0.5f, -1f, 0.25f, 1f, 0f, -0.5f, -0.75f, 0.125f, 2f, 0.3f, 0.2f, -0.1f };
        CliRun run = CliProcess.RunWithInput(string.Join(" ", xs.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n",
            "run", temp.File("chirp.rnn.json"), "--weights", temp.File("chirp.safetensors"));
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument json = JsonDocument.Parse(Assert.Single(run.Lines));
        float[] expected = json.RootElement.GetProperty("outputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();

        var info = new RnnModelInfo("Chirp", "chirp", "Chirp", "", 6, "tanh", SpecWords.Dense, 3, "", 2, SpecWords.Softmax, new[] { "low", "high" }, "chirp.safetensors",
            Array.Empty<TensorInfo>(), SpecWords.Lstm, 2, 0, true);
        using var ort = new OrtRun(File.ReadAllBytes(temp.File("chirp.onnx")), info);
        OrtOutputs got = ort.Run(4, 1, null, xs);
        Assert.Equal(expected.Length, got.Y.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - got.Y[i]) <= 1e-6, $"output {i}: {got.Y[i]} vs {expected[i]}");
        Assert.Equal(new[] { "low", "high" }, JsonSerializer.Deserialize<string[]>(ort.Metadata[OnnxNames.LabelsKey]));
        Assert.False(ort.Metadata.ContainsKey(OnnxNames.VocabularyKey));
    }

    [Fact]
    public void An_unknown_model_is_a_usage_error_that_lists_the_models()
    {
        using var temp = new TempFolder();
        CliRun run = CliProcess.Run("export", "no-such-model", "--onnx", temp.File("x.onnx"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("rnngen: error: unknown model 'no-such-model'; the models are: dna-sites, name-tagger, or give a spec file (<key>.rnn.json)",
            Assert.Single(run.ErrorLines));
        Assert.False(File.Exists(temp.File("x.onnx")));
    }

    [Fact]
    public void Bad_paths_fail_with_one_line_that_names_them_and_write_nothing()
    {
        using var temp = new TempFolder();
        (string[] Args, string Error)[] cases =
        {
            (new[] { temp.File("missing.rnn.json"), "--onnx", temp.File("x.onnx") }, $"rnngen: error: cannot find the spec '{temp.File("missing.rnn.json")}'"),
            (new[] { "name-tagger", "--onnx", temp.Path }, $"rnngen: error: --onnx '{temp.Path}' is a directory; name the file to write"),
            (new[] { "name-tagger", "--onnx", temp.File("no/x.onnx") }, $"rnngen: error: --onnx '{temp.File("no/x.onnx")}': the folder '{temp.File("no")}' does not exist"),
            (new[] { "name-tagger", "--onnx", temp.File("x.onnx"), "--weights", temp.File("none.safetensors") }, temp.File("none.safetensors")),
            // dna-sites' weights are not of name-tagger's shapes: the model's own check names the tensor.
            (new[] { "name-tagger", "--onnx", temp.File("x.onnx"), "--weights", Path.Combine(CliProcess.ModelsFolder, "dna-sites.safetensors") }, "Waa"),
        };
        foreach ((string[] args, string error) in cases)
        {
            CliRun run = CliProcess.Run(new[] { "export" }.Concat(args).ToArray());
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains(error, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
            Assert.Equal("", run.Stdout);
        }
        Assert.False(File.Exists(temp.File("x.onnx")));
        CliRun missing = CliProcess.Run("export", "name-tagger");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--onnx", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }
}
