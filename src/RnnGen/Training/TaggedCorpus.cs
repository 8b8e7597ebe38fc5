using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Training;

/// <summary>
/// CoNLL sequences turned into a one-hot tagging model's training data. Each token goes through the model's tokenizer,
/// exactly as <c>rnngen tag</c> turns text into steps (<see cref="Tokenizer.Tokenize"/>; a sentence's tokens joined by
/// spaces give the same steps): a token the tokenizer drops entirely (punctuation such as <c>.</c> for <c>words</c>) is
/// no step, and a token it splits (<c>U.S.</c> gives <c>U</c>, <c>S</c>) is several steps with the token's label. Each
/// step's word becomes an index as <see cref="Vocabulary.IndexOf"/> finds it (exact, else lower-case, else
/// <c>&lt;UNK&gt;</c>). Each label becomes a target as <see cref="LabelScheme.TryEncode"/> says (sigmoid: one output per
/// label, <c>O</c> all 0; softmax: the label's one-hot).
/// </summary>
/// <remarks>Dense-input models read vectors, not tokens, and are not read from CoNLL files.</remarks>
public sealed class TaggedCorpus
{
    private TaggedCorpus(
        LabelScheme labels, IReadOnlyList<TrainingSequence> sequences, IReadOnlyList<IReadOnlyList<string>> words,
        int tokens, int unknownSteps, int droppedTokens, int droppedSentences)
    {
        Labels = labels;
        Sequences = sequences;
        Words = words;
        Tokens = tokens;
        UnknownSteps = unknownSteps;
        DroppedTokens = droppedTokens;
        DroppedSentences = droppedSentences;
        Steps = sequences.Sum(s => s.Length);
    }

    /// <summary>What the model's outputs mean.</summary>
    public LabelScheme Labels { get; }

    /// <summary>One sequence per CoNLL sentence that has a step, in file order.</summary>
    public IReadOnlyList<TrainingSequence> Sequences { get; }

    /// <summary>The tokenizer's word of each step, per sequence.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Words { get; }

    /// <summary>The number of token lines read.</summary>
    public int Tokens { get; }

    /// <summary>The number of steps.</summary>
    public int Steps { get; }

    /// <summary>The number of steps whose word the vocabulary does not hold (they read <c>&lt;UNK&gt;</c>).</summary>
    public int UnknownSteps { get; }

    /// <summary>The number of tokens the tokenizer dropped (punctuation, for <c>words</c>).</summary>
    public int DroppedTokens { get; }

    /// <summary>The number of sentences with no step left, which are left out.</summary>
    public int DroppedSentences { get; }

    /// <summary>Reads the CoNLL file at <paramref name="path"/> for <paramref name="info"/>'s model.</summary>
    /// <param name="path">The file.</param>
    /// <param name="info">A one-hot model with sigmoid or softmax outputs.</param>
    /// <param name="vocabulary">The model's vocabulary.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ConllException">A line is malformed, or a label is not one of the model's.</exception>
    /// <exception cref="ArgumentException">The model is dense, or its outputs are not labels.</exception>
    public static TaggedCorpus Read(string path, RnnModelInfo info, Vocabulary vocabulary) =>
        Encode(ConllReader.ReadFile(path), info, vocabulary, path);

    /// <summary>Turns CoNLL sentences into <paramref name="info"/>'s training data.</summary>
    /// <param name="sentences">The sentences, as <see cref="ConllReader"/> read them.</param>
    /// <param name="info">A one-hot model with sigmoid or softmax outputs.</param>
    /// <param name="vocabulary">The model's vocabulary.</param>
    /// <param name="source">The file the sentences are from, for errors.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ConllException">A label is not one of the model's (each such line, up to <see cref="ConllReader.MaxErrors"/>).</exception>
    /// <exception cref="ArgumentException">The model is dense, or its outputs are not labels.</exception>
    public static TaggedCorpus Encode(IReadOnlyList<ConllSentence> sentences, RnnModelInfo info, Vocabulary vocabulary, string source)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(source);
        if (info.InputEncoding != SpecWords.OneHot)
        {
            throw new ArgumentException(
                $"Model '{info.Key}' reads dense vectors; CoNLL files hold tokens, which only one-hot models read.", nameof(info));
        }
        LabelScheme scheme = LabelScheme.For(info);
        int outputs = scheme.Labels.Count;
        var sequences = new List<TrainingSequence>(sentences.Count);
        var words = new List<IReadOnlyList<string>>(sentences.Count);
        var errors = new List<ConllError>();
        int tokenCount = 0, unknown = 0, dropped = 0, droppedSentences = 0;
        var stepWords = new List<string>();
        var target = new float[outputs];
        foreach (ConllSentence sentence in sentences)
        {
            stepWords.Clear();
            var targets = new List<float>();
            for (int i = 0; i < sentence.Tokens.Count; i++)
            {
                tokenCount++;
                if (!scheme.TryEncode(sentence.Labels[i], target))
                {
                    if (errors.Count < ConllReader.MaxErrors) errors.Add(new ConllError(source, sentence.Lines[i], UnknownLabel(info, scheme, sentence.Labels[i])));
                    continue;
                }
                IReadOnlyList<string> pieces = Tokenizer.Tokenize(sentence.Tokens[i], info.Tokenizer);
                if (pieces.Count == 0) dropped++;
                foreach (string piece in pieces)
                {
                    stepWords.Add(piece);
                    targets.AddRange(target);
                }
            }
            if (errors.Count > 0) continue;
            if (stepWords.Count == 0)
            {
                droppedSentences++;
                continue;
            }
            int[] ids = vocabulary.Encode(stepWords);
            foreach (int id in ids) if (id == vocabulary.UnknownIndex) unknown++;
            sequences.Add(TrainingSequence.OneHot(ids, targets.ToArray()));
            words.Add(stepWords.ToArray());
        }
        if (errors.Count > 0) throw new ConllException(errors);
        return new TaggedCorpus(scheme, sequences, words, tokenCount, unknown, dropped, droppedSentences);
    }

    private static string UnknownLabel(RnnModelInfo info, LabelScheme scheme, string label)
    {
        var known = new List<string>(scheme.Labels);
        if (!scheme.Exclusive && !known.Contains(LabelScheme.Outside)) known.Add(LabelScheme.Outside);
        string? near = known.FirstOrDefault(k => string.Equals(k, label, StringComparison.OrdinalIgnoreCase));
        string clipped = label.Length <= 40 ? label : string.Concat(label.AsSpan(0, 40), "…");
        return $"'{clipped}' is not a label of model '{info.Key}'; expected {string.Join(", ", known.Select(k => "'" + k + "'"))}"
            + (scheme.Exclusive ? "" : $" ('{LabelScheme.Outside}': none)")
            + (near is null ? "" : $", did you mean '{near}'?");
    }
}
