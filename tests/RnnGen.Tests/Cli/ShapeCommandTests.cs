using System;
using System.IO;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// Issue 11, part 2: <c>rnngen generate</c> for a generator and <c>rnngen classify</c> for a classifier, from spec files,
/// trained by <c>rnngen train</c> on data the test writes, and each command refusing the shapes it does not fit.
/// </summary>
public sealed class ShapeCommandTests
{
    private const string Vocabulary = "<UNK>\n<EOS>\na\nb\nc\n\\s\n\\n\n|\n";

    private const string GeneratorSpec = """
        {
          "name": "Abc",
          "shape": "one-to-many",
          "a": { "size": 12, "cell": "gru" },
          "x": { "encoding": "one-hot", "vocabulary": "abc.txt", "tokenizer": "text" },
          "y": { "size": 8, "activation": "softmax" },
          "weights": "abc.safetensors"
        }
        """;

    private const string ClassifierSpec = """
        {
          "name": "Mood",
          "shape": "many-to-one",
          "a": { "size": 8, "cell": "lstm" },
          "x": { "encoding": "one-hot", "vocabulary": "abc.txt" },
          "y": { "size": 2, "activation": "softmax", "labels": ["ends-in-a", "other"] },
          "weights": "mood.safetensors"
        }
        """;

    private static TempFolder Folder()
    {
        var temp = new TempFolder();
        File.WriteAllText(temp.File("abc.txt"), Vocabulary);
        File.WriteAllText(temp.File("abc.rnn.json"), GeneratorSpec);
        File.WriteAllText(temp.File("mood.rnn.json"), ClassifierSpec);
        return temp;
    }

    [Fact]
    public void Generate_never_writes_UNK_unless_allowed()
    {
        using TempFolder temp = Folder();
        // Untrained (seeded random) weights: ŷ is near uniform over the 8 tokens, so 2,000 draws hold <UNK> about 250 times.
        Assert.Equal(0, CliProcess.Run("init", temp.File("abc.rnn.json"), "--seed", "5", "--out", temp.File("abc.safetensors")).ExitCode);
        CliRun plain = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--seed", "1", "--length", "2000", "--no-stop");
        CliRun allowed = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--seed", "1", "--length", "2000", "--no-stop", "--allow-unknown");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.DoesNotContain("<UNK>", plain.Stdout, StringComparison.Ordinal);
        Assert.Contains("<UNK>", allowed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_trained_on_a_repeated_tune_generates_it_and_the_same_seed_the_same_text()
    {
        using TempFolder temp = Folder();
        // One "tune" of two lines, forty times: a GRU learns it well enough for greedy decoding to give it back.
        string tune = "abc|\nc ba|";
        File.WriteAllText(temp.File("tunes.txt"), string.Join("\n\n", Enumerable.Repeat(tune, 40)) + "\n");
        CliRun train = CliProcess.Run("train", temp.File("abc.rnn.json"), "--data", temp.File("tunes.txt"), "--out", temp.File("abc.safetensors"),
            "--epochs", "60", "--lr", "0.03", "--batch", "8", "--seed", "3");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("40 sequences, 440 next-token steps (0 <UNK>, each wrapped in <EOS>)", train.Stdout, StringComparison.Ordinal);

        CliRun greedy = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--temperature", "0", "--length", "50");
        Assert.True(greedy.ExitCode == 0, greedy.ToString());
        Assert.Equal(tune + "\n", greedy.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));

        CliRun a = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--seed", "7", "--length", "200", "--no-stop");
        CliRun b = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--seed", "7", "--length", "200", "--no-stop");
        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.Contains("<EOS>", a.Stdout, StringComparison.Ordinal); // --no-stop writes the end of a tune and goes on
        CliRun c = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--seed", "8", "--length", "200", "--no-stop");
        Assert.NotEqual(a.Stdout, c.Stdout);

        CliRun eval = CliProcess.Run("eval", temp.File("abc.rnn.json"), "--data", temp.File("tunes.txt"));
        Assert.True(eval.ExitCode == 0, eval.ToString());
        string perplexity = eval.Lines.Single(l => l.Contains("perplexity", StringComparison.Ordinal));
        double value = double.Parse(perplexity[(perplexity.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, 1.0, 1.5); // a memorised tune: far below the 8 of a uniform guess
    }

    [Fact]
    public void A_classifier_trained_on_labelled_lines_classifies_and_evaluates()
    {
        using TempFolder temp = Folder();
        var random = new DeterministicRandom(4);
        string Line()
        {
            string words = string.Join(' ', Enumerable.Range(0, 1 + random.NextInt(6)).Select(_ => "abc"[random.NextInt(3)].ToString()));
            return (words.EndsWith('a') ? "ends-in-a" : "other") + "\t" + words;
        }
        File.WriteAllLines(temp.File("train.tsv"), Enumerable.Range(0, 300).Select(_ => Line()));
        File.WriteAllLines(temp.File("test.tsv"), Enumerable.Range(0, 100).Select(_ => Line()));
        CliRun train = CliProcess.Run("train", temp.File("mood.rnn.json"), "--data", temp.File("train.tsv"), "--out", temp.File("mood.safetensors"),
            "--epochs", "30", "--lr", "0.03", "--seed", "1");
        Assert.True(train.ExitCode == 0, train.ToString());

        CliRun yes = CliProcess.Run("classify", temp.File("mood.rnn.json"), "b c a");
        Assert.True(yes.ExitCode == 0, yes.ToString());
        Assert.EndsWith("←", yes.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ends-in-a", yes.Lines[0], StringComparison.Ordinal);
        CliRun no = CliProcess.Run("classify", temp.File("mood.rnn.json"), "a a b");
        Assert.StartsWith("other", no.Lines.Single(l => l.EndsWith("←", StringComparison.Ordinal)), StringComparison.Ordinal);

        CliRun eval = CliProcess.Run("eval", temp.File("mood.rnn.json"), "--data", temp.File("test.tsv"));
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.StartsWith("accuracy 1.0000 (100 of 100", eval.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_command_refuses_a_shape_it_does_not_fit_and_bad_lines_are_named()
    {
        using TempFolder temp = Folder();
        Assert.Equal(0, CliProcess.Run("init", temp.File("mood.rnn.json"), "--seed", "1", "--out", temp.File("mood.safetensors")).ExitCode);
        Assert.Equal(0, CliProcess.Run("init", temp.File("abc.rnn.json"), "--seed", "1", "--out", temp.File("abc.safetensors")).ExitCode);

        CliRun tag = CliProcess.Run("tag", temp.File("mood.rnn.json"), "a b");
        Assert.Equal(2, tag.ExitCode);
        Assert.Equal("rnngen: error: model 'mood' is a classifier (shape many-to-one): it has one output after the last input, "
            + "not one per step as 'tag' prints; use 'rnngen classify'", tag.ErrorLines.Single());
        CliRun generate = CliProcess.Run("generate", temp.File("mood.rnn.json"));
        Assert.Equal("rnngen: error: model 'mood' is a classifier (shape many-to-one), and 'generate' needs a generator (shape one-to-many); "
            + "use 'rnngen classify'", generate.ErrorLines.Single());
        CliRun classify = CliProcess.Run("classify", "name-tagger", "Sam");
        Assert.Equal("rnngen: error: model 'name-tagger' is a tagger (shape many-to-many), and 'classify' needs a classifier (shape many-to-one); "
            + "use 'rnngen tag' or 'rnngen run'", classify.ErrorLines.Single());
        CliRun length = CliProcess.Run("generate", temp.File("abc.rnn.json"), "--length", "0");
        Assert.Equal("rnngen: error: --length must be from 1 to 1,000,000, but it is 0", length.ErrorLines.Single());

        File.WriteAllLines(temp.File("bad.tsv"), ["ends-in-a\ta", "a b", "maybe\tb"]);
        CliRun bad = CliProcess.Run("train", temp.File("mood.rnn.json"), "--data", temp.File("bad.tsv"), "--out", temp.File("x.safetensors"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(temp.File("bad.tsv") + ":2: expected 'label<TAB>text', but the line has no tab", bad.ErrorLines[0]);
        Assert.Equal(temp.File("bad.tsv") + ":3: 'maybe' is not a label of 'mood' (ends-in-a, other)", bad.ErrorLines[1]);
        Assert.False(File.Exists(temp.File("x.safetensors")));
    }
}
