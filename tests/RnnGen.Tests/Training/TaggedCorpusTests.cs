using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

public sealed class TaggedCorpusTests
{
    private static readonly Vocabulary Words = new(["<UNK>", "sam", "and", "tom", "u", "s", "o'brien"]);

    private static RnnModelInfo Model(string activation, int outputs, IReadOnlyList<string> labels, string encoding = SpecWords.OneHot, string tokenizer = SpecWords.Words) =>
        TestPrograms.Info("tagger", Words.Count, outputs, activation, labels) with { InputEncoding = encoding, Tokenizer = tokenizer };

    private static TaggedCorpus Encode(string text, RnnModelInfo info, Vocabulary? vocabulary = null) =>
        TaggedCorpus.Encode(ConllReader.Read(new StringReader(text), "data.conll"), info, vocabulary ?? Words, "data.conll");

    [Fact]
    public void Tokens_go_through_the_models_tokenizer_and_vocabulary_as_rnngen_tag_does()
    {
        // "Sam" is found lower-cased, "Li" is unknown, "." is no word (dropped), "U.S." is two words, "'O'Brien'" loses its quotes.
        TaggedCorpus corpus = Encode("Sam\tperson\nLi\tperson\n.\tO\nand\tO\nU.S.\tO\n'O'Brien'\tperson\n", Model(SpecWords.Sigmoid, 1, ["person"]));
        Assert.Equal(["Sam", "Li", "and", "U", "S", "O'Brien"], corpus.Words[0]);
        TrainingSequence sequence = Assert.Single(corpus.Sequences);
        Assert.Equal([1, 0, 2, 4, 5, 6], sequence.Tokens.ToArray());
        Assert.Equal([1f, 1f, 0f, 0f, 0f, 1f], sequence.Targets.ToArray());
        Assert.Equal(6, corpus.Tokens);
        Assert.Equal(6, corpus.Steps);
        Assert.Equal(1, corpus.DroppedTokens);
        Assert.Equal(1, corpus.UnknownSteps); // Li; O'Brien is found lower-cased
    }

    [Fact]
    public void Sigmoid_labels_are_one_output_each_and_O_is_all_zero()
    {
        TaggedCorpus corpus = Encode("Sam\tperson\nand\tO\ntom\tplace\n", Model(SpecWords.Sigmoid, 2, ["person", "place"]));
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], corpus.Sequences[0].Targets.ToArray());
        Assert.False(corpus.Labels.Exclusive);
    }

    [Fact]
    public void Softmax_labels_are_one_hot_and_O_must_be_a_class()
    {
        RnnModelInfo info = Model(SpecWords.Softmax, 3, ["O", "person", "place"]);
        TaggedCorpus corpus = Encode("Sam\tperson\nand\tO\ntom\tplace\n", info);
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f, 0f, 0f, 1f], corpus.Sequences[0].Targets.ToArray());
        Assert.Equal(0, corpus.Labels.OutsideIndex);
        Assert.Equal([1, 2], corpus.Labels.Positive);

        ConllException e = Assert.Throws<ConllException>(() => Encode("Sam\tperson\nand\tO\n", Model(SpecWords.Softmax, 2, ["person", "place"])));
        Assert.Equal("data.conll:2: 'O' is not a label of model 'tagger'; expected 'person', 'place'", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void A_label_the_model_does_not_have_is_an_error_at_its_line()
    {
        ConllException e = Assert.Throws<ConllException>(() => Encode("Sam\tperson\n\nand\tPerson\ntom\tpersn\n", Model(SpecWords.Sigmoid, 1, ["person"])));
        Assert.Equal(
            [
                "data.conll:3: 'Person' is not a label of model 'tagger'; expected 'person', 'O' ('O': none), did you mean 'person'?",
                "data.conll:4: 'persn' is not a label of model 'tagger'; expected 'person', 'O' ('O': none)",
            ],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Characters_models_take_each_character_as_a_step()
    {
        var bases = new Vocabulary(["<UNK>", "A", "C", "G", "T"]);
        RnnModelInfo info = Model(SpecWords.Sigmoid, 1, ["site"], tokenizer: SpecWords.Characters) with { InputSize = bases.Count };
        TaggedCorpus corpus = Encode("a\tsite\nCG\tO\nn\tO\n", info, bases);
        Assert.Equal(["A", "C", "G", "N"], corpus.Words[0]);
        Assert.Equal([1, 2, 3, 0], corpus.Sequences[0].Tokens.ToArray());
        Assert.Equal([1f, 0f, 0f, 0f], corpus.Sequences[0].Targets.ToArray());
    }

    [Fact]
    public void A_sentence_of_punctuation_only_is_left_out()
    {
        TaggedCorpus corpus = Encode(".\tO\n,\tO\n\nSam\tperson\n", Model(SpecWords.Sigmoid, 1, ["person"]));
        Assert.Single(corpus.Sequences);
        Assert.Equal(1, corpus.DroppedSentences);
        Assert.Equal(2, corpus.DroppedTokens);
    }

    [Fact]
    public void Dense_models_and_value_outputs_are_not_read_from_conll()
    {
        ArgumentException dense = Assert.Throws<ArgumentException>(() => Encode("Sam\tperson\n", Model(SpecWords.Sigmoid, 1, ["person"], encoding: SpecWords.Dense)));
        Assert.StartsWith("Model 'tagger' reads dense vectors; CoNLL files hold tokens, which only one-hot models read.", dense.Message, StringComparison.Ordinal);
        ArgumentException linear = Assert.Throws<ArgumentException>(() => Encode("Sam\tperson\n", Model(SpecWords.Linear, 1, [])));
        Assert.StartsWith("Model 'tagger' has linear outputs, which are values, not labels", linear.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_without_labels_are_named_y0_y1()
    {
        TaggedCorpus corpus = Encode("Sam\ty1\nand\ty0\n", Model(SpecWords.Softmax, 2, []));
        Assert.Equal(["y0", "y1"], corpus.Labels.Labels);
        Assert.Equal([0f, 1f, 1f, 0f], corpus.Sequences[0].Targets.ToArray());
    }

    [Fact]
    public void A_holdout_split_is_seeded_and_keeps_the_order()
    {
        int[] items = Enumerable.Range(0, 50).ToArray();
        (IReadOnlyList<int> train, IReadOnlyList<int> valid) = Holdout.Split(items, 0.1, seed: 3);
        Assert.Equal(5, valid.Count);
        Assert.Equal(45, train.Count);
        Assert.Equal(items, train.Concat(valid).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(valid.Order(), valid);
        Assert.Equal(valid, Holdout.Split(items, 0.1, seed: 3).Validation);
        Assert.NotEqual(valid, Holdout.Split(items, 0.1, seed: 4).Validation);
        Assert.Single(Holdout.Split([1, 2], 0.01, 0).Validation);
        Assert.Throws<ArgumentOutOfRangeException>(() => Holdout.Split(items, 1.0, 0));
        Assert.Throws<ArgumentException>(() => Holdout.Split([1], 0.5, 0));
    }
}
