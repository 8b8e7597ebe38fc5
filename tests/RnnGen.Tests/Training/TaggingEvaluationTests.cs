using System.Collections.Generic;
using System.Linq;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

public sealed class TaggingEvaluationTests
{
    private static readonly LabelScheme Person = LabelScheme.For(TestPrograms.Info("t", 5, 1, SpecWords.Sigmoid, ["person"]));

    [Fact]
    public void Token_and_span_scores_of_a_hand_made_case()
    {
        // gold:      P P O P O P P P
        // predicted: P O O P P P P O     (outputs ≥ 0.5 are P)
        float[] gold = [1, 1, 0, 1, 0, 1, 1, 1];
        float[] predicted = [0.9f, 0.2f, 0.1f, 0.5f, 0.7f, 0.6f, 0.8f, 0.49f];
        var data = new List<TrainingSequence> { TrainingSequence.OneHot(new int[8], gold) };
        TaggingEvaluation e = TaggingEvaluation.Evaluate(Person, data, [predicted]);

        LabelScore tokens = Assert.Single(e.Tokens.Labels);
        Assert.Equal(("person", 4L, 1L, 2L), (tokens.Label, tokens.TruePositives, tokens.FalsePositives, tokens.FalseNegatives));
        Assert.Equal(0.8, tokens.Precision);
        Assert.Equal(4 / 6.0, tokens.Recall, 12);
        Assert.Equal(8 / 11.0, tokens.F1, 12);
        Assert.Equal(6, tokens.Support);

        // Gold spans [0,2) [3,4) [5,8); predicted [0,1) [3,7): none matches exactly.
        LabelScore spans = Assert.Single(e.Spans.Labels);
        Assert.Equal((0L, 2L, 3L), (spans.TruePositives, spans.FalsePositives, spans.FalseNegatives));
        Assert.Equal(0, spans.F1);

        Assert.Equal(["O", "person"], e.Confusion.Classes);
        Assert.Equal(1, e.Confusion[0, 0]);
        Assert.Equal(1, e.Confusion[0, 1]);
        Assert.Equal(2, e.Confusion[1, 0]);
        Assert.Equal(4, e.Confusion[1, 1]);
        Assert.Equal(5 / 8.0, e.Accuracy);
        Assert.Null(e.InVocabulary);
    }

    [Fact]
    public void Exact_spans_count_and_the_micro_row_sums_the_labels()
    {
        var scheme = LabelScheme.For(TestPrograms.Info("t", 5, 3, SpecWords.Softmax, ["O", "per", "loc"]));
        // gold:      per per O loc | loc
        // predicted: per per O per | loc
        float[] gold = [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1];
        float[] predicted = [0.1f, 0.8f, 0.1f, 0.2f, 0.7f, 0.1f, 0.6f, 0.3f, 0.1f, 0.3f, 0.4f, 0.3f];
        var data = new List<TrainingSequence> { TrainingSequence.OneHot(new int[4], gold), TrainingSequence.OneHot(new int[1], [0, 0, 1]) };
        TaggingEvaluation e = TaggingEvaluation.Evaluate(scheme, data, [predicted, [0.1f, 0.1f, 0.8f]]);

        Assert.Equal(["per", "loc"], e.Tokens.Labels.Select(l => l.Label));
        Assert.Equal((2L, 1L, 0L), Counts(e.Tokens.Labels[0]));
        Assert.Equal((1L, 0L, 1L), Counts(e.Tokens.Labels[1]));
        Assert.Equal((3L, 1L, 1L), Counts(e.Tokens.Micro));
        Assert.Equal(ScoreTable.MicroLabel, e.Tokens.Micro.Label);
        // Spans: per [0,2) found, a predicted per [3,4) is wrong, loc [3,4) missed, loc [0,1) of the second sequence found.
        Assert.Equal((1L, 1L, 0L), Counts(e.Spans.Labels[0]));
        Assert.Equal((1L, 0L, 1L), Counts(e.Spans.Labels[1]));
        Assert.Equal((e.Spans.Labels[0].F1 + e.Spans.Labels[1].F1) / 2, e.Spans.MacroF1);
        Assert.Equal(["O", "per", "loc"], e.Confusion.Classes);
        Assert.Equal(1, e.Confusion[2, 1]); // the loc predicted as per
        Assert.Equal(0.8, e.Accuracy);
    }

    [Fact]
    public void Scores_split_by_in_vocabulary_and_unknown_tokens()
    {
        var vocabulary = new Vocabulary(["a", "<UNK>", "b"]);
        // tokens:    a    <UNK> b    <UNK> <UNK>
        // gold:      P    P     O    P     O
        // predicted: P    O     P    P     P
        var data = new List<TrainingSequence> { TrainingSequence.OneHot([0, 1, 2, 1, 1], [1, 1, 0, 1, 0]) };
        TaggingEvaluation e = TaggingEvaluation.Evaluate(Person, data, [[0.9f, 0.1f, 0.9f, 0.9f, 0.9f]], vocabulary);
        Assert.Equal(3, e.UnknownSteps);
        Assert.Equal((1L, 1L, 0L), Counts(Assert.Single(e.InVocabulary!.Labels)));
        Assert.Equal((1L, 1L, 1L), Counts(Assert.Single(e.OutOfVocabulary!.Labels)));
        Assert.Equal((2L, 2L, 1L), Counts(e.Tokens.Micro));
    }

    [Fact]
    public void A_model_is_run_over_the_data_and_scored()
    {
        var program = SyntheticTagging.Program();
        var trainer = new Trainer(program, new TrainerOptions { Epochs = 30, LearningRate = 0.1, Threads = 1 });
        TrainingResult result = trainer.Train(SyntheticTagging.Make(200, 4));
        List<TrainingSequence> test = SyntheticTagging.Make(30, 9);
        TaggingEvaluation e = TaggingEvaluation.Run(program.CreateModel(result.Parameters), test);
        Assert.Equal(1.0, e.Tokens.Micro.F1);
        Assert.Equal(test.Sum(s => s.Length), e.Steps);
    }

    [Fact]
    public void Ratios_without_a_denominator_are_zero()
    {
        var none = new LabelScore("x", 0, 0, 0);
        Assert.Equal((0.0, 0.0, 0.0), (none.Precision, none.Recall, none.F1));
    }

    private static (long, long, long) Counts(LabelScore s) => (s.TruePositives, s.FalsePositives, s.FalseNegatives);
}
