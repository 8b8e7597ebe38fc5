using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Generators.Specs;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>Training data as a model's shape reads it, with the one line that says what was read.</summary>
/// <param name="Sequences">The sequences, ready for the trainer.</param>
/// <param name="Summary">What was read: sequences, steps, unknown tokens.</param>
internal sealed record ShapeCorpus(IReadOnlyList<TrainingSequence> Sequences, string Summary);

/// <summary>
/// What <c>rnngen train</c> reads for the shapes other than a tagger: a generator's text (sequences separated by blank
/// lines, each wrapped in &lt;EOS&gt; when the vocabulary has it, trained on the next token) and a classifier's
/// labelled lines (<c>label&lt;TAB&gt;text</c>, trained on the output after the last token).
/// </summary>
internal static class ShapeData
{
    /// <summary>The data of <paramref name="path"/> for the model's shape: CoNLL for a tagger, as <see cref="TaggingData"/> reads it.</summary>
    public static Result<ShapeCorpus> Read(string path, string option, RnnModelInfo info, Vocabulary vocabulary)
    {
        if (info.Shape == SpecWords.ManyToMany)
        {
            return TaggingData.Read(path, option, info, vocabulary).Map(c => new ShapeCorpus(c.Sequences, TaggingData.Summary(path, c)));
        }
        switch (InputFiles.Probe(Path.GetFullPath(path)).State)
        {
            case FileState.Directory: return Failure.BadInput($"{option} '{path}' is a directory, not a file");
            case FileState.NotOnDisk: return Failure.BadInput($"cannot find the {option} file '{path}'");
        }
        string text = File.ReadAllText(path);
        return info.Shape == SpecWords.OneToMany ? Generator(path, option, text, info, vocabulary) : Classifier(path, option, text, info, vocabulary);
    }

    /// <summary>The pieces of <paramref name="text"/> between blank lines (lines of only white space), line breaks kept inside.</summary>
    internal static IReadOnlyList<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var current = new List<string>();
        foreach (string line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) pieces.Add(string.Join('\n', current));
                current.Clear();
            }
            else current.Add(line);
        }
        if (current.Count > 0) pieces.Add(string.Join('\n', current));
        return pieces;
    }

    private static Result<ShapeCorpus> Generator(string path, string option, string text, RnnModelInfo info, Vocabulary vocabulary)
    {
        bool wrap = vocabulary.Contains(SpecWords.EndOfSequence);
        int end = wrap ? vocabulary.IndexOf(SpecWords.EndOfSequence) : -1;
        var sequences = new List<TrainingSequence>();
        long steps = 0, unknown = 0;
        foreach (string piece in Pieces(text))
        {
            IReadOnlyList<string> words = Tokenizer.Tokenize(piece, info.Tokenizer);
            int[] ids = vocabulary.Encode(words);
            unknown += ids.Count(id => id == vocabulary.UnknownIndex) - words.Count(w => w == Vocabulary.Unknown);
            int[] tokens = wrap ? [end, .. ids, end] : ids;
            if (tokens.Length < 2) continue;
            sequences.Add(TrainingSequence.NextTokens(tokens, vocabulary.Count));
            steps += tokens.Length - 1;
        }
        if (sequences.Count == 0) return Failure.BadInput($"{path} holds no sequence of two or more tokens ({option})");
        return Result<ShapeCorpus>.Ok(new ShapeCorpus(sequences,
            $"{path}: {Numbers.Size(sequences.Count)} sequence{(sequences.Count == 1 ? "" : "s")}, {Numbers.Size(steps)} next-token steps "
            + $"({Numbers.Size(unknown)} {Vocabulary.Unknown}{(wrap ? $", each wrapped in {SpecWords.EndOfSequence}" : "")})"));
    }

    private static Result<ShapeCorpus> Classifier(string path, string option, string text, RnnModelInfo info, Vocabulary vocabulary)
    {
        if (info.Labels.Count == 0) return Failure.Usage($"model '{info.Key}' has no y.labels, so labelled lines cannot name its classes");
        var sequences = new List<TrainingSequence>();
        var errors = new List<string>();
        long steps = 0;
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int n = 0; n < lines.Length && errors.Count < ConllReader.MaxErrors; n++)
        {
            string line = lines[n];
            if (line.Trim().Length == 0) continue;
            string where = $"{path}:{Numbers.Int(n + 1)}";
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0) { errors.Add($"{where}: expected 'label<TAB>text', but the line has no tab"); continue; }
            Result<float[]> target = Target(info, line[..tab], where);
            if (target.Failure is not null) { errors.Add(target.Failure.Message); continue; }
            IReadOnlyList<string> words = Tokenizer.Tokenize(line[(tab + 1)..], info.Tokenizer);
            if (words.Count == 0) { errors.Add($"{where}: the text holds no token for the '{info.Tokenizer}' tokenizer"); continue; }
            sequences.Add(TrainingSequence.OneHotLastStep(vocabulary.Encode(words), target.Value));
            steps += words.Count;
        }
        if (errors.Count == 1) return Failure.BadInput(errors[0]);
        if (errors.Count > 1) return new Failure(ExitCodes.BadInput, $"{path} has {Numbers.Int(errors.Count)} malformed lines (above)", errors);
        if (sequences.Count == 0) return Failure.BadInput($"{path} holds no labelled line ({option})");
        return Result<ShapeCorpus>.Ok(new ShapeCorpus(sequences,
            $"{path}: {Numbers.Size(sequences.Count)} labelled sequence{(sequences.Count == 1 ? "" : "s")}, {Numbers.Size(steps)} steps"));
    }

    /// <summary>
    /// The target of a label field: softmax, the one-hot of one label; sigmoid, the labels named (comma-separated, or
    /// '-' for none) at 1 and the rest at 0.
    /// </summary>
    private static Result<float[]> Target(RnnModelInfo info, string field, string where)
    {
        var target = new float[info.OutputSize];
        string[] names = field.Trim() == "-" ? [] : field.Split(',').Select(s => s.Trim()).ToArray();
        if (info.OutputActivation == SpecWords.Softmax && names.Length != 1)
        {
            return Failure.BadInput($"{where}: a softmax classifier takes exactly one label, but the line has '{Numbers.Clip(field)}'");
        }
        foreach (string name in names)
        {
            int k = IndexOf(info.Labels, name);
            if (k < 0)
            {
                return Failure.BadInput($"{where}: '{Numbers.Clip(name)}' is not a label of '{info.Key}' ({string.Join(", ", info.Labels.Take(20))})");
            }
            target[k] = 1f;
        }
        return Result<float[]>.Ok(target);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string name)
    {
        for (int k = 0; k < labels.Count; k++) if (string.Equals(labels[k], name, StringComparison.Ordinal)) return k;
        return -1;
    }
}
