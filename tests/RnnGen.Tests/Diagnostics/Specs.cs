namespace RnnGen.Tests.Diagnostics;

/// <summary>The valid spec and vocabulary the tests start from; each test breaks one thing on a known line.</summary>
internal static class Specs
{
    public const string SpecFile = "tagger.rnn.json";

    public const string VocabularyFile = "words.txt";

    /// <summary>Valid. Line 2: name, 3: a, 4: x, 5: y, 6: weights.</summary>
    public const string Valid = """
        {
          "name": "Tagger",
          "a": { "size": 4, "activation": "tanh" },
          "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
          "y": { "size": 1, "activation": "sigmoid" },
          "weights": "tagger.safetensors"
        }
        """;

    /// <summary>Three tokens: index 0 is &lt;UNK&gt;.</summary>
    public const string Words = "<UNK>\nthe\ncat\n";

    /// <summary>What a valid one-hot spec named Tagger generates.</summary>
    public static readonly string[] TaggerSources =
        ["RnnGen.Models.Tagger.g.cs", "RnnGen.Models.Tagger.Vocabulary.g.cs", "RnnGenModelCatalog.g.cs"];

    /// <summary>Runs the generator over a spec (as tagger.rnn.json) and the valid vocabulary (as words.txt).</summary>
    public static DiagnosticRun Run(string spec) => DiagnosticRun.Of((SpecFile, spec), (VocabularyFile, Words));
}
