using System;
using System.Collections.Generic;
using RnnGen.Data.Names;
using RnnGen.Data.Stats;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>The hand check's file, its link to the data, and the estimates with their intervals.</summary>
public sealed class RuleCheckTests
{
    private static NameSentence Sentence(int index, string[] words, string rules, string[] tags) => new(
        "ca01", index, words, Array.ConvertAll(rules.ToCharArray(), NameRuleCodes.Parse), new int[words.Length], tags);

    private static readonly IReadOnlyList<NameSentence> Data =
    [
        Sentence(0, ["Mr", "Zork", "met", "Quibble", "in", "Paris"], "-T----", ["np", "np", "vbd", "np", "in", "np"]),
        Sentence(1, ["John", "Zork", "and", "the", "Zorks"], "GG----", ["np", "np", "cc", "at", "nps"]),
    ];

    [Fact]
    public void Spans_and_runs_are_found_as_the_sample_draws_them()
    {
        (IReadOnlyList<SampledSpan> labelled, IReadOnlyList<SampledSpan> unlabelled) = SampledSpan.All(Data);
        Assert.Equal(
            [new SampledSpan(SpanKind.Labelled, "ca01", 0, 1, 2, NameRule.Title), new SampledSpan(SpanKind.Labelled, "ca01", 1, 0, 2, NameRule.GivenName)],
            labelled);
        Assert.Equal(
            [
                new SampledSpan(SpanKind.Unlabelled, "ca01", 0, 3, 4, NameRule.None), new SampledSpan(SpanKind.Unlabelled, "ca01", 0, 5, 6, NameRule.None),
                new SampledSpan(SpanKind.Unlabelled, "ca01", 1, 4, 5, NameRule.None),
            ],
            unlabelled);
        var a = SampledSpan.Draw(unlabelled, 2, new DeterministicRandom(1));
        var b = SampledSpan.Draw(unlabelled, 2, new DeterministicRandom(1));
        Assert.Equal(a, b);
        Assert.Equal(2, a.Count);
        Assert.Equal(3, SampledSpan.Draw(unlabelled, 10, new DeterministicRandom(1)).Count);
    }

    [Fact]
    public void The_estimates_come_from_the_verdicts_and_the_datas_counts()
    {
        string[] lines =
        [
            "# a comment",
            RuleCheck.Header,
            "labelled\tca01\t0\t1\t2\ttitle\tperson",
            "labelled\tca01\t1\t0\t2\tgiven-name\tnot",
            "unlabelled\tca01\t0\t3\t4\tnone\tperson",
            "unlabelled\tca01\t0\t5\t6\tnone\tnot",
        ];
        IReadOnlyList<Judgment> judged = RuleCheck.Parse(lines, "check.tsv");
        RuleCheck.Verify(judged, Data);
        RuleCheck.Estimate e = RuleCheck.Evaluate(judged, Data);
        Assert.Equal(2, e.LabelledSpans);
        Assert.Equal(3, e.UnlabelledRuns);
        Assert.Equal(new Proportion(1, 2), e.Precision);
        Assert.Equal(new Proportion(1, 2), e.Missed);
        // recall = L f / (L f + U m) = 2 * 0.5 / (2 * 0.5 + 3 * 0.5)
        Assert.Equal(0.4, e.Recall().Value, 12);
        Assert.True(e.Recall().Low < 0.4 && e.Recall().High > 0.4);
    }

    [Theory]
    [InlineData("labelled\tca01\t0\t3\t4\tnone\tperson", "is not in the data")]        // an unlabelled run judged as labelled
    [InlineData("labelled\tca01\t0\t1\t2\ttitle\tmaybe", "verdict 'maybe'")]
    [InlineData("unlabelled\tca01\t0\t3\t4\tnone\tpartial", "verdict 'partial'")]
    [InlineData("labelled\tca01\t0\t1\t2\ttitle", "expected 7 tab-separated fields")]
    public void A_bad_line_or_a_span_the_data_does_not_hold_is_an_error(string line, string message)
    {
        FormatException e = Assert.Throws<FormatException>(() => RuleCheck.Verify(RuleCheck.Parse([line], "check.tsv"), Data));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Wilson_intervals_match_the_textbook_values()
    {
        (double low, double high) = new Proportion(5, 10).Wilson();
        Assert.Equal(0.2366, low, 4);
        Assert.Equal(0.7634, high, 4);
        (low, high) = new Proportion(0, 10).Wilson();
        Assert.Equal(0, low, 12);
        Assert.Equal(0.2775, high, 4);
    }
}
