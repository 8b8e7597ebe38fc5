using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// Issue 9, part 4: outputs that are not finite are printed so that +∞, −∞ and NaN stay distinguishable.
/// A spec of three linear outputs whose weights file (written here) holds Wya = 0 and by = [+∞, −∞, NaN].
/// </summary>
public sealed class NonFiniteOutputTests
{
    private const string Spec = """
        {
          "name": "Blowup",
          "a": { "size": 2, "activation": "tanh" },
          "x": { "encoding": "one-hot", "vocabulary": "blowup.vocab.txt", "tokenizer": "words" },
          "y": { "size": 3, "activation": "linear", "labels": ["up", "down", "nan"] },
          "weights": "blowup.safetensors"
        }
        """;

    private static TempFolder Model()
    {
        var temp = new TempFolder();
        File.WriteAllText(temp.File("blowup.rnn.json"), Spec);
        File.WriteAllText(temp.File("blowup.vocab.txt"), "<UNK>\nhello\nworld\n");
        // The shapes as the runtime's table names them: Waa [2, 2], Wax [2, 3], ba [2], Wya [3, 2], by [3].
        SafeTensorsFile.Write(temp.File("blowup.safetensors"),
        [
            new Tensor("Waa", [2, 2], new float[4]),
            new Tensor("Wax", [2, 3], [0.5f, -0.5f, 1f, 0.25f, 0f, -1f]),
            new Tensor("ba", [2], new float[2]),
            new Tensor("Wya", [3, 2], new float[6]),
            new Tensor("by", [3], [float.PositiveInfinity, float.NegativeInfinity, float.NaN]),
        ]);
        return temp;
    }

    [Fact]
    public void Run_writes_Infinity_minus_Infinity_and_NaN_as_named_literals_that_read_back_as_floats()
    {
        using TempFolder temp = Model();
        CliRun run = CliProcess.RunWithInput("hello world\n\n", "run", temp.File("blowup.rnn.json"), "--weights", temp.File("blowup.safetensors"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
        [
            """{"tokens":["hello","world"],"ids":[1,2],"outputs":[["Infinity","-Infinity","NaN"],["Infinity","-Infinity","NaN"]]}""",
            """{"tokens":[],"ids":[],"outputs":[]}""",
        ], run.Lines);

        // .NET reads them back as the three values, so nothing is lost on the way.
        using JsonDocument json = JsonDocument.Parse(run.Lines[0]);
        var named = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        float[][] outputs = json.RootElement.GetProperty("outputs").Deserialize<float[][]>(named)!;
        Assert.All(outputs, row =>
        {
            Assert.Equal(float.PositiveInfinity, row[0]);
            Assert.Equal(float.NegativeInfinity, row[1]);
            Assert.True(float.IsNaN(row[2]));
        });
    }

    [Fact]
    public void Tag_prints_Infinity_minus_Infinity_and_NaN()
    {
        using TempFolder temp = Model();
        CliRun tag = CliProcess.Run("tag", temp.File("blowup.rnn.json"), "hello", "there");
        Assert.True(tag.ExitCode == 0, tag.ToString());
        string[][] cells = tag.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["hello", "Infinity", "-Infinity", "NaN"], cells[0]);
        Assert.Equal(["there", "→", "<UNK>", "Infinity", "-Infinity", "NaN"], cells[1]);
        Assert.Equal(2, cells.Length);
    }
}
