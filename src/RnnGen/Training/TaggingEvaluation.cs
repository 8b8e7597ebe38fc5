using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace RnnGen.Training;

/// <summary>
/// How well a tagging model's outputs match the targets: token-level precision, recall and F1 per label, span-level ones
/// (a span is a maximal run of steps with the same label; a predicted span counts only if a gold span has exactly its
/// label, start and end), a confusion count of the steps' classes, the token-level scores split into steps whose token is
/// in the vocabulary and steps whose token is <c>&lt;UNK&gt;</c>, and the accuracy of the steps' classes. Every step is
/// scored (step weights weigh the loss only).
/// </summary>
public sealed class TaggingEvaluation
{
    private TaggingEvaluation(
        int sequences, int steps, int unknownSteps, long correct, ScoreTable tokens, ScoreTable spans, ConfusionTable confusion,
        ScoreTable? inVocabulary, ScoreTable? outOfVocabulary)
    {
        Sequences = sequences;
        Steps = steps;
        UnknownSteps = unknownSteps;
        Accuracy = steps == 0 ? 0 : correct / (double)steps;
        Tokens = tokens;
        Spans = spans;
        Confusion = confusion;
        InVocabulary = inVocabulary;
        OutOfVocabulary = outOfVocabulary;
    }

    /// <summary>The number of sequences scored.</summary>
    public int Sequences { get; }

    /// <summary>The number of steps scored.</summary>
    public int Steps { get; }

    /// <summary>The number of steps whose token is the vocabulary's <c>&lt;UNK&gt;</c> (0 without a vocabulary).</summary>
    public int UnknownSteps { get; }

    /// <summary>The fraction of steps whose predicted class (<see cref="LabelScheme.ClassOf"/>) is the gold one.</summary>
    public double Accuracy { get; }

    /// <summary>Per label: a step counts for a label when the label is on (<see cref="LabelScheme.IsOn"/>).</summary>
    public ScoreTable Tokens { get; }

    /// <summary>Per label: exact-match spans, each a maximal run of steps on which the label is on.</summary>
    public ScoreTable Spans { get; }

    /// <summary>Gold class against predicted class, per step.</summary>
    public ConfusionTable Confusion { get; }

    /// <summary>Token-level scores over the steps whose token is in the vocabulary, or null without a vocabulary.</summary>
    public ScoreTable? InVocabulary { get; }

    /// <summary>Token-level scores over the steps whose token is <c>&lt;UNK&gt;</c>, or null without a vocabulary.</summary>
    public ScoreTable? OutOfVocabulary { get; }

    /// <summary>Scores <paramref name="outputs"/> (one array per sequence, as <c>Forward</c> writes them) against the sequences' targets.</summary>
    /// <param name="scheme">What the outputs mean.</param>
    /// <param name="data">The sequences, with their targets (and, for the vocabulary split, their tokens).</param>
    /// <param name="outputs">Per sequence, Length × OutputSize values.</param>
    /// <param name="vocabulary">The model's vocabulary, to split the scores by <c>&lt;UNK&gt;</c>, or null.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The outputs and the data do not fit together, or the scheme has other outputs.</exception>
    public static TaggingEvaluation Evaluate(
        LabelScheme scheme, IReadOnlyList<TrainingSequence> data, IReadOnlyList<float[]> outputs, Vocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count != data.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"{outputs.Count} outputs for {data.Count} sequences."), nameof(outputs));
        }
        int labels = scheme.Labels.Count;
        int classes = scheme.Classes.Count;
        var token = new Counts(labels);
        var span = new Counts(labels);
        var known = new Counts(labels);
        var unknown = new Counts(labels);
        var confusion = new long[classes, classes];
        int steps = 0, unknownSteps = 0;
        long correct = 0;
        int unknownIndex = vocabulary?.UnknownIndex ?? -1;
        var goldSpans = new HashSet<(int Label, int Start, int End)>();
        for (int s = 0; s < data.Count; s++)
        {
            TrainingSequence sequence = data[s];
            if (sequence.OutputSize != labels)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Sequence {s} has {sequence.OutputSize} targets per step; the scheme has {labels} outputs."), nameof(data));
            }
            float[] output = outputs[s];
            if (output is null || output.Length != sequence.Targets.Length)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Sequence {s} needs {sequence.Targets.Length} outputs; it has {output?.Length ?? 0}."), nameof(outputs));
            }
            ReadOnlySpan<float> targets = sequence.Targets.Span;
            ReadOnlySpan<int> tokens = sequence.Tokens.Span;
            for (int t = 0; t < sequence.Length; t++)
            {
                ReadOnlySpan<float> gold = targets.Slice(t * labels, labels);
                ReadOnlySpan<float> predicted = output.AsSpan(t * labels, labels);
                bool isUnknown = vocabulary is not null && !tokens.IsEmpty && tokens[t] == unknownIndex;
                if (isUnknown) unknownSteps++;
                foreach (int k in scheme.Positive)
                {
                    bool g = scheme.IsOn(gold, k), p = scheme.IsOn(predicted, k);
                    token.Add(k, g, p);
                    if (vocabulary is not null) (isUnknown ? unknown : known).Add(k, g, p);
                }
                int goldClass = scheme.ClassOf(gold), predictedClass = scheme.ClassOf(predicted);
                confusion[goldClass, predictedClass]++;
                if (goldClass == predictedClass) correct++;
            }
            steps += sequence.Length;

            foreach (int k in scheme.Positive)
            {
                goldSpans.Clear();
                foreach ((int start, int end) in Runs(scheme, targets, labels, sequence.Length, k)) goldSpans.Add((k, start, end));
                int found = 0, predictedCount = 0;
                foreach ((int start, int end) in Runs(scheme, output, labels, sequence.Length, k))
                {
                    predictedCount++;
                    if (goldSpans.Contains((k, start, end))) found++;
                }
                span.TruePositives[k] += found;
                span.FalsePositives[k] += predictedCount - found;
                span.FalseNegatives[k] += goldSpans.Count - found;
            }
        }
        return new TaggingEvaluation(
            data.Count, steps, unknownSteps, correct, token.Table(scheme), span.Table(scheme),
            new ConfusionTable(scheme.Classes, confusion),
            vocabulary is null ? null : known.Table(scheme),
            vocabulary is null ? null : unknown.Table(scheme));
    }

    /// <summary>Runs <paramref name="model"/> (one-hot or dense) over every sequence and scores its outputs.</summary>
    /// <param name="model">A model with sigmoid or softmax outputs.</param>
    /// <param name="data">The sequences.</param>
    /// <param name="vocabulary">The model's vocabulary, to split the scores by <c>&lt;UNK&gt;</c>, or null.</param>
    /// <returns>The scores.</returns>
    public static TaggingEvaluation Run(IRnnModel model, IReadOnlyList<TrainingSequence> data, Vocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(LabelScheme.For(model.Info), data, Outputs(model, data, threads: 1), vocabulary);
    }

    /// <summary>ŷ&lt;1&gt; … ŷ&lt;T&gt; of every sequence, a sequence per task on up to <paramref name="threads"/> threads.</summary>
    internal static float[][] Outputs(IRnnModel model, IReadOnlyList<TrainingSequence> data, int threads)
    {
        var outputs = new float[data.Count][];
        int size = model.Info.OutputSize;
        void Run(int s)
        {
            TrainingSequence sequence = data[s];
            var output = new float[sequence.Length * size];
            switch (model)
            {
                case IOneHotRnnModel oneHot when !sequence.Tokens.IsEmpty:
                    oneHot.Forward(sequence.Tokens.Span, output);
                    break;
                case IDenseRnnModel dense when !sequence.Inputs.IsEmpty:
                    dense.Forward(sequence.Inputs.Span, output);
                    break;
                default:
                    throw new ArgumentException(
                        FormattableString.Invariant($"Sequence {s} does not have the inputs model '{model.Info.Key}' reads ({model.Info.InputEncoding})."), nameof(data));
            }
            outputs[s] = output;
        }
        if (threads <= 1) for (int s = 0; s < data.Count; s++) Run(s);
        else Parallel.For(0, data.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, Run);
        return outputs;
    }

    /// <summary>The maximal runs [start, end) of steps on which label <paramref name="label"/> is on.</summary>
    private static List<(int Start, int End)> Runs(LabelScheme scheme, ReadOnlySpan<float> values, int width, int length, int label)
    {
        var runs = new List<(int, int)>();
        int start = -1;
        for (int t = 0; t < length; t++)
        {
            bool on = scheme.IsOn(values.Slice(t * width, width), label);
            if (on && start < 0) start = t;
            if (!on && start >= 0)
            {
                runs.Add((start, t));
                start = -1;
            }
        }
        if (start >= 0) runs.Add((start, length));
        return runs;
    }

    private sealed class Counts(int labels)
    {
        public long[] TruePositives { get; } = new long[labels];

        public long[] FalsePositives { get; } = new long[labels];

        public long[] FalseNegatives { get; } = new long[labels];

        public void Add(int label, bool gold, bool predicted)
        {
            if (gold && predicted) TruePositives[label]++;
            else if (predicted) FalsePositives[label]++;
            else if (gold) FalseNegatives[label]++;
        }

        public ScoreTable Table(LabelScheme scheme)
        {
            var rows = new List<LabelScore>();
            foreach (int k in scheme.Positive) rows.Add(new LabelScore(scheme.Labels[k], TruePositives[k], FalsePositives[k], FalseNegatives[k]));
            return new ScoreTable(rows);
        }
    }
}
