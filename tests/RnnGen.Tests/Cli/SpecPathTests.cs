using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RnnGen.Generators.Model;
using RnnGen.Reference;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// Every command that takes a model also takes a spec file: rnngen runs it through the generator, compiles the
/// result in memory and runs it, so a model author needs no C# project.
/// </summary>
public sealed class SpecPathTests
{
    private const string Sentence = "Sam Li and Tom date on Tuesday.";

    private const string GruSpec = """
        {
          "name": "Pulse",
          "a": { "size": 5, "cell": "gru" },
          "x": { "encoding": "dense", "size": 3 },
          "y": { "size": 2, "activation": "softmax" },
          "weights": "pulse.safetensors"
        }
        """;

    [Fact]
    public void Tag_with_a_copy_of_the_shipped_spec_prints_what_the_compiled_in_model_prints()
    {
        using var temp = new TempFolder();
        foreach (string f in new[] { "name-tagger.rnn.json", "name-tagger.vocab.txt", "name-tagger.safetensors" })
        {
            File.Copy(Path.Combine(CliProcess.ModelsFolder, f), temp.File(f));
        }

        CliRun compiled = CliProcess.Run("tag", "name-tagger", Sentence);
        CliRun fromSpec = CliProcess.Run("tag", temp.File("name-tagger.rnn.json"), Sentence);   // weights: beside the spec

        Assert.True(compiled.ExitCode == 0, compiled.ToString());
        Assert.True(fromSpec.ExitCode == 0, fromSpec.ToString());
        Assert.Equal(compiled.Stdout, fromSpec.Stdout);
        Assert.Equal("", fromSpec.Stderr);
    }

    [Fact]
    public void Init_then_run_on_a_GRU_spec_matches_the_reference_of_PyTorch_s_equations()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("pulse.rnn.json"), GruSpec);

        CliRun init = CliProcess.Run("init", temp.File("pulse.rnn.json"), "--seed", "5", "--out", temp.File("pulse.safetensors"));
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.StartsWith(temp.File("pulse.safetensors") + ": pulse, seed 5", init.Stdout, StringComparison.Ordinal);

        float[][] xs = { new[] { 0.5f, -1f, 0.25f }, new[] { 1f, 0f, -0.5f }, new[] { -0.75f, 0.125f, 2f } };
        string line = string.Join(" ", xs.SelectMany(x => x).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        CliRun run = CliProcess.RunWithInput(line + "\n", "run", temp.File("pulse.rnn.json"), "--weights", temp.File("pulse.safetensors"));
        Assert.True(run.ExitCode == 0, run.ToString());

        // init wrote RandomWeights over the tensors the model lists; the reference computes PyTorch's GRU from them.
        IReadOnlyList<Tensor> weights = RandomWeights.Create(
            ModelTensors.For(CellKind.Gru, 5, 3, 2).Select(t => new TensorInfo(t.Name, t.Shape.Select(d => d.Size).ToArray())).ToList(), 5, 5);
        double[][] expected = new ReferenceStack(ReferenceStack.Gru, 3, 5, 1, false, "tanh", "softmax", weights.ToDictionary(t => t.Name, t => t.Data))
            .ForwardDense(xs);
        using JsonDocument json = JsonDocument.Parse(Assert.Single(run.Lines));
        double[][] printed = json.RootElement.GetProperty("outputs").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(expected.Length, printed.Length);
        for (int t = 0; t < expected.Length; t++)
        {
            for (int j = 0; j < 2; j++) Assert.True(Math.Abs(expected[t][j] - printed[t][j]) <= 1e-5, $"t={t} j={j}: {printed[t][j]} vs {expected[t][j]}");
        }
    }

    [Fact]
    public void A_spec_with_an_error_fails_with_its_diagnostic_at_the_line_and_column_and_one_error_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("pulse.rnn.json"), GruSpec.Replace("\"softmax\"", "\"softmaxx\"", StringComparison.Ordinal));

        CliRun run = CliProcess.RunWithInput("1 2 3\n", "run", temp.File("pulse.rnn.json"), "--weights", temp.File("pulse.safetensors"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith(temp.File("pulse.rnn.json") + "(5,35): error RNN0006: 'softmaxx'", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal($"rnngen: error: the spec '{temp.File("pulse.rnn.json")}' has 1 error (above; 'rnngen check' shows warnings too)", run.ErrorLines[1]);
    }

    [Fact]
    public void A_missing_spec_a_directory_and_a_dense_spec_for_tag_fail_with_one_clear_line()
    {
        using var temp = new TempFolder();
        CliRun missing = CliProcess.Run("tag", temp.File("absent.rnn.json"), "word");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"rnngen: error: cannot find the spec '{temp.File("absent.rnn.json")}'", Assert.Single(missing.ErrorLines));

        Directory.CreateDirectory(temp.File("folder.rnn.json"));
        CliRun folder = CliProcess.Run("init", temp.File("folder.rnn.json"), "--seed", "1", "--out", temp.File("w.safetensors"));
        Assert.Equal(1, folder.ExitCode);
        Assert.Equal($"rnngen: error: the spec '{temp.File("folder.rnn.json")}' is a directory, not a file", Assert.Single(folder.ErrorLines));

        File.WriteAllText(temp.File("pulse.rnn.json"), GruSpec);
        CliRun dense = CliProcess.Run("tag", temp.File("pulse.rnn.json"), "word");
        Assert.Equal(2, dense.ExitCode);
        Assert.Equal("rnngen: error: model 'pulse' reads dense vectors, not text; use 'rnngen run'", Assert.Single(dense.ErrorLines));
    }
}
