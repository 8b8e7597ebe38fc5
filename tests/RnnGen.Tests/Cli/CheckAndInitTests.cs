using System.IO;
using RnnGen.Models;
using Xunit;

namespace RnnGen.Tests.Cli;

public sealed class CheckAndInitTests
{
    [Fact]
    public void Check_accepts_a_shipped_spec()
    {
        CliRun run = CliProcess.Run("check", Path.Combine(CliProcess.ModelsFolder, "name-tagger.rnn.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("name-tagger.rnn.json: OK — NameTagger, a 100 tanh, x one-hot 10,000, y 1 sigmoid", Assert.Single(run.Lines));
    }

    [Fact]
    public void Check_reports_a_bad_activation_at_its_line_and_column()
    {
        using var temp = new TempFolder();
        string spec = File.ReadAllText(Path.Combine(CliProcess.ModelsFolder, "name-tagger.rnn.json"))
            .Replace("\"activation\": \"tanh\"", "\"activation\": \"tanhh\"", System.StringComparison.Ordinal);
        File.WriteAllText(temp.File("name-tagger.rnn.json"), spec);

        CliRun run = CliProcess.Run("check", temp.File("name-tagger.rnn.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(temp.File("name-tagger.rnn.json") + "(5,", run.Stdout);
        Assert.Contains("): error RNN0006: 'tanhh'", run.Stdout);
        Assert.EndsWith("name-tagger.rnn.json: 1 error, 0 warnings", run.Lines[^1]);
    }

    [Fact]
    public void Check_names_the_module_paths_a_spec_gives_and_points_at_a_bad_one()
    {
        using var temp = new TempFolder();
        string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "cell": "gru" },
              "x": { "encoding": "dense", "size": 3 },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors",
              "modules": { "rnn": "encoder.gru" }
            }
            """;
        File.WriteAllText(temp.File("tagger.rnn.json"), spec);
        CliRun run = CliProcess.Run("check", temp.File("tagger.rnn.json"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("tagger.rnn.json: OK — Tagger, a 4 gru, x dense 3, y 1 sigmoid, modules rnn = encoder.gru, head = head", Assert.Single(run.Lines));

        File.WriteAllText(temp.File("tagger.rnn.json"), spec.Replace("\"encoder.gru\"", "\"encoder.gru.\"", System.StringComparison.Ordinal));
        run = CliProcess.Run("check", temp.File("tagger.rnn.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(temp.File("tagger.rnn.json") + "(7,23): error RNN0028: modules.rnn 'encoder.gru.' ends with '.'", run.Lines[0]);
    }

    [Fact]
    public void Init_is_deterministic_and_loads_back()
    {
        using var temp = new TempFolder();

        CliRun first = CliProcess.Run("init", "dna-sites", "--seed", "2", "--out", temp.File("a.safetensors"));
        CliRun second = CliProcess.Run("init", "dna-sites", "--seed", "2", "--out", temp.File("b.safetensors"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        byte[] bytes = File.ReadAllBytes(temp.File("a.safetensors"));
        Assert.Equal(bytes, File.ReadAllBytes(temp.File("b.safetensors")));
        // The shipped weights are trained now (scripts/train-models.sh), so init's seeded file is not one of them.
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(CliProcess.ModelsFolder, "dna-sites.safetensors")), bytes);

        SafeTensorsFile file = SafeTensorsFile.Read(temp.File("a.safetensors"));
        Assert.Equal("dna-sites", file.Metadata["model"]);
        Assert.Equal("2", file.Metadata["seed"]);
        Assert.Equal("seeded random weights, not trained", file.Metadata["note"]);
        DnaSites model = DnaSites.Load(temp.File("a.safetensors"));
        Assert.Equal(4, model.Forward("ACGT").Length);
    }
}
