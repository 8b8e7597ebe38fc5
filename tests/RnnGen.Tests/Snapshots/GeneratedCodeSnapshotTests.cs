using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Tests.Generated;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Snapshots;

/// <summary>
/// Pins the generated source, one snapshot file per generated file (hint name): of every spec in
/// models/, and of small specs that exercise the other shapes of generated code.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    /// <summary>
    /// Small specs for what the shipped models do not show: dense input, softmax with labels, several register chunks,
    /// module paths named in the spec (LstmStack), a classifier (WordClass) and a generator (CharGen).
    /// </summary>
    internal static readonly (string FileName, string Text)[] SmallSpecs =
    {
        ("tiny-dense.rnn.json", new TestSpec("TinyDense", 3, "relu", false, 2, 2, "linear").Json()),
        ("wide-chunks.rnn.json", new TestSpec("WideChunks", 300, "tanh", true, 10, 1, "tanh").Json()),
        ("bio-tagger.rnn.json", """
            {
              "name": "BioTagger",
              "namespace": "RnnGen.TestModels",
              "description": "Tags words as outside (O), beginning (B-PER) or inside (I-PER) a person's name.",
              "a": { "size": 20, "activation": "sigmoid" },
              "x": { "encoding": "one-hot", "vocabulary": "bio-words.txt" },
              "y": { "size": 3, "activation": "softmax", "labels": ["O", "B-PER", "I-PER"] },
              "weights": "bio-tagger.safetensors"
            }
            """),
        ("bio-words.txt", "<UNK>\nSam\nLi\nand\nTom\ndate\non\nTuesday\n\"quoted\"\nback\\slash\n"),
        ("gru-tagger.rnn.json", """
            {
              "name": "GruTagger",
              "namespace": "RnnGen.TestModels",
              "description": "A GRU over an embedding, as PyTorch's nn.Embedding -> nn.GRU -> nn.Linear.",
              "a": { "size": 20, "cell": "gru" },
              "x": { "encoding": "one-hot", "vocabulary": "bio-words.txt", "embedding": 8 },
              "y": { "size": 3, "activation": "softmax", "labels": ["O", "B-PER", "I-PER"] },
              "weights": "gru-tagger.safetensors"
            }
            """),
        ("word-class.rnn.json", """
            {
              "name": "WordClass",
              "namespace": "RnnGen.TestModels",
              "description": "A sequence classifier: one output after the last word.",
              "shape": "many-to-one",
              "a": { "size": 8, "cell": "gru" },
              "x": { "encoding": "one-hot", "vocabulary": "bio-words.txt" },
              "y": { "size": 2, "activation": "softmax", "labels": ["yes", "no"] },
              "weights": "word-class.safetensors"
            }
            """),
        ("char-gen.rnn.json", """
            {
              "name": "CharGen",
              "namespace": "RnnGen.TestModels",
              "description": "A generator over characters, spaces and line breaks included.",
              "shape": "one-to-many",
              "a": { "size": 8, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "char-gen.txt", "tokenizer": "text" },
              "y": { "size": 6, "activation": "softmax" },
              "weights": "char-gen.safetensors"
            }
            """),
        ("char-gen.txt", "<UNK>\n<EOS>\na\nb\n\\s\n\\n\n"),
        ("bi-gru.rnn.json", """
            {
              "name": "BiGru",
              "namespace": "RnnGen.TestModels",
              "a": { "size": 8, "cell": "gru", "bidirectional": true },
              "x": { "encoding": "one-hot", "size": 6 },
              "y": { "size": 2, "activation": "softmax" },
              "weights": "bi-gru.safetensors"
            }
            """),
        ("lstm-stack.rnn.json", """
            {
              "name": "LstmStack",
              "namespace": "RnnGen.TestModels",
              "a": { "size": 12, "cell": "lstm", "layers": 2 },
              "x": { "encoding": "dense", "size": 5 },
              "y": { "size": 1, "activation": "linear" },
              "weights": "lstm-stack.safetensors",
              "modules": { "rnn": "encoder.lstm", "head": "decoder" }
            }
            """),
        // Four 512-bit pieces of four sums: the 512-bit kernel runs its gates staged (a loop over the pieces).
        ("staged-lstm.rnn.json", """
            {
              "name": "StagedLstm",
              "namespace": "RnnGen.TestModels",
              "a": { "size": 64, "cell": "lstm" },
              "x": { "encoding": "dense", "size": 3 },
              "y": { "size": 2, "activation": "softmax" },
              "weights": "staged-lstm.safetensors"
            }
            """),
        // More rows than one 512-bit chunk holds (112): the gate tables come in tiles of 16 rows, one stream each.
        ("tiled-gru.rnn.json", """
            {
              "name": "TiledGru",
              "namespace": "RnnGen.TestModels",
              "a": { "size": 128, "cell": "gru" },
              "x": { "encoding": "dense", "size": 2 },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tiled-gru.safetensors"
            }
            """),
    };

    [Fact]
    public void Shipped_models() => VerifyAll(RepoPaths.ModelFiles());

    [Fact]
    public void Small_specs() => VerifyAll(SmallSpecs);

    private static void VerifyAll((string FileName, string Text)[] files, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        GeneratorOutput output = GeneratorHarness.Run(files);
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
        var failures = new List<string>();
        foreach ((string hint, string source) in output.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            try
            {
                // One snapshot per generated file, named after its hint name (without .g.cs).
                Snapshot.Verify(source, "cs", hint.Substring(0, hint.Length - ".g.cs".Length), method: method);
            }
            catch (SnapshotMismatchException e)
            {
                failures.Add(e.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
