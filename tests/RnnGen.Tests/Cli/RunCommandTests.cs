using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RnnGen.Models;
using Xunit;

namespace RnnGen.Tests.Cli;

public sealed class RunCommandTests
{
    private static string NameTaggerWeights => Path.Combine(CliProcess.ModelsFolder, "name-tagger.safetensors");

    [Fact]
    public void Run_gives_the_same_outputs_as_the_generated_model_for_words_ids_and_empty_lines()
    {
        int sam = NameTagger.Encode("Sam");
        string input = $"Sam Li and Tom date on Tuesday.\n\n{sam} 0 0 9999\n";

        CliRun run = CliProcess.RunWithInput(input, "run", "name-tagger", "--weights", NameTaggerWeights);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Equal(3, run.Lines.Length);
        NameTagger model = NameTagger.Load(NameTaggerWeights);

        using JsonDocument words = JsonDocument.Parse(run.Lines[0]);
        Assert.Equal(["Sam", "Li", "and", "Tom", "date", "on", "Tuesday"], Strings(words, "tokens"));
        int[] wordIds = Ints(words, "ids");
        Assert.Equal(NameTagger.Vocabulary.Encode(NameTagger.Tokenize("Sam Li and Tom date on Tuesday.")), wordIds);
        AssertOutputs(model.Forward(wordIds), words);

        Assert.Equal("""{"tokens":[],"ids":[],"outputs":[]}""", run.Lines[1]);

        using JsonDocument ids = JsonDocument.Parse(run.Lines[2]);
        Assert.Equal([sam, 0, 0, 9999], Ints(ids, "ids"));
        Assert.Equal(["Sam", "<UNK>", "<UNK>", NameTagger.Vocabulary[9999]], Strings(ids, "tokens"));
        AssertOutputs(model.Forward(new[] { sam, 0, 0, 9999 }), ids);
    }

    [Fact]
    public void An_id_out_of_range_fails_with_the_line_number_after_the_output_of_the_lines_before_it()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("input.txt"), "1 2 3\n1 10000\n");

        CliRun run = CliProcess.Run("run", "name-tagger", "--weights", NameTaggerWeights, "--input", temp.File("input.txt"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("""{"tokens":[""", Assert.Single(run.Lines));
        string error = Assert.Single(run.ErrorLines);
        Assert.StartsWith("rnngen: error: line 2: token id 10000", error);
    }

    [Fact]
    public void Weights_of_the_wrong_shape_fail_with_one_line_naming_the_file_and_tensor()
    {
        string dnaWeights = Path.Combine(CliProcess.ModelsFolder, "dna-sites.safetensors");

        CliRun run = CliProcess.RunWithInput("Sam\n", "run", "name-tagger", "--weights", dnaWeights);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        string error = Assert.Single(run.ErrorLines);
        Assert.Equal($"rnngen: error: {dnaWeights}: tensor 'Waa': shape [16, 16] but the model needs [100, 100]", error);
    }

    private static void AssertOutputs(NameTagger.Output[] expected, JsonDocument line)
    {
        float[][] actual = line.RootElement.GetProperty("outputs").EnumerateArray()
            .Select(step => step.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Length, actual[t].Length);
            for (int k = 0; k < expected[t].Length; k++) Assert.Equal(expected[t][k], actual[t][k], 1e-6f);
        }
    }

    private static string[] Strings(JsonDocument line, string property) =>
        line.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException()).ToArray();

    private static int[] Ints(JsonDocument line, string property) =>
        line.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
