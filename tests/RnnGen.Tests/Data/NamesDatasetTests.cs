using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Data.Conll;
using RnnGen.Data.Names;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>The splits (by document, deterministic), the tokenisation of the CoNLL words and the vocabulary file.</summary>
public sealed class NamesDatasetTests
{
    private static IReadOnlyList<BrownDocument> MadeUpCorpus()
    {
        var documents = new List<BrownDocument>();
        foreach (char genre in "abcm")
        {
            int files = genre == 'm' ? 6 : 12;
            for (int k = 1; k <= files; k++)
            {
                string id = FormattableString.Invariant($"c{genre}{k:D2}");
                documents.Add(BrownDocument.Parse(id, $"\tMr./np Zork{genre}{k}/np said/vbd ``/`` yes/rb ''/'' ./.\n\n\tThe/at end/nn ./.\n\n\t./.\n"));
            }
        }
        return documents;
    }

    [Fact]
    public void Documents_are_assigned_by_genre_and_position_the_same_way_in_any_order()
    {
        var ids = MadeUpCorpus().Select(d => d.Id).ToList();
        IReadOnlyDictionary<string, Split> a = DocumentSplit.Assign(ids);
        IReadOnlyDictionary<string, Split> b = DocumentSplit.Assign(Enumerable.Reverse(ids));
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
        Assert.Equal(Split.Test, a["ca05"]);
        Assert.Equal(Split.Dev, a["ca08"]);
        Assert.Equal(Split.Train, a["ca01"]);
        Assert.Equal(Split.Train, a["ca11"]);
        Assert.Equal(Split.Test, a["cm05"]);
        Assert.DoesNotContain(Split.Dev, ids.Where(id => id[1] == 'm').Select(id => a[id])); // 6 files: no dev
        Assert.Throws<ArgumentException>(() => DocumentSplit.Assign(["ca01", "ca01"]));
    }

    [Fact]
    public void Every_sentence_of_a_document_lands_in_that_documents_split_and_builds_are_identical()
    {
        PersonNameRule rule = new(new GivenNames([]));
        NamesDataset data = NamesDataset.Build(MadeUpCorpus(), rule);
        foreach ((Split split, IReadOnlyList<NameSentence> sentences) in data.Sentences)
        {
            Assert.All(sentences, s => Assert.Equal(split, data.DocumentSplits[s.DocumentId]));
        }
        Assert.Equal(42 * 2, data.Sentences.Values.Sum(s => s.Count));
        Assert.Equal(42, data.DroppedSentences); // the "./." lines: no word left
        NamesDataset again = NamesDataset.Build(MadeUpCorpus().Reverse().ToList(), rule);
        foreach (Split split in Enum.GetValues<Split>())
        {
            Assert.Equal(ConllFormat.Write(data.Sentences[split].Select(s => s.ToConll())), ConllFormat.Write(again.Sentences[split].Select(s => s.ToConll())));
        }
    }

    [Fact]
    public void Words_are_what_the_run_time_tokenizer_makes_of_the_sentence_and_keep_their_tokens_labels()
    {
        BrownDocument document = BrownDocument.Parse("ca01", "\tMr./np O'Zork's/np$ ``/`` well-known/jj ''/'' and/or/cc $3.50/nns ./.");
        NameRule[] rules = new PersonNameRule(new GivenNames([])).Label(document)[0];
        NameSentence sentence = NameSentence.From("ca01", 0, document.Sentences[0], rules)!;
        string text = string.Join(' ', document.Sentences[0].Select(t => t.Word));
        Assert.Equal(Tokenizer.Words(text), sentence.Words);
        Assert.Equal(["Mr", "O'Zork's", "well-known", "and", "or", "3", "50"], sentence.Words);
        Assert.Equal(
            "Mr\tO\nO'Zork's\tperson\nwell-known\tO\nand\tO\nor\tO\n3\tO\n50\tO\n\n",
            ConllFormat.Write([sentence.ToConll()]));
        Assert.Equal([0, 1, 3, 5, 5, 6, 6], sentence.TokenIndices);
    }

    [Fact]
    public void The_vocabulary_is_UNK_then_the_most_frequent_words_in_UTF8_byte_order_and_loads()
    {
        string[] words = ["the", "the", "the", "The", "The", "Zork", "Zork", "apple", "émile", "b", "a"];
        IReadOnlyList<string> vocabulary = VocabularyFile.Build(words, 5);
        Assert.Equal(["<UNK>", "The", "Zork", "a", "the"], vocabulary); // 2-count words, then a beats apple, b, émile on ties
        Assert.Equal("<UNK>\nThe\nZork\na\nthe\n", VocabularyFile.Write(vocabulary));
        var loaded = new Vocabulary(vocabulary);
        Assert.Equal(0, loaded.UnknownIndex);
        Assert.Equal(loaded.UnknownIndex, loaded.IndexOf("Li"));
        Assert.Equal(["<UNK>", "a", "b", "z", "é"], VocabularyFile.Build(["é", "z", "b", "a"], 10)); // é (C3 A9) after z
    }
}
