using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RnnGen.Data.Names;

/// <summary>The names data: every labelled, tokenised sentence of the corpus, by split, and the training vocabulary.</summary>
public sealed class NamesDataset
{
    /// <summary>The number of lines of the vocabulary, <c>&lt;UNK&gt;</c> included (the textbook's 10,000).</summary>
    public const int VocabularySize = 10_000;

    private NamesDataset(IReadOnlyDictionary<Split, IReadOnlyList<NameSentence>> sentences, IReadOnlyDictionary<string, Split> splits,
        IReadOnlyList<string> vocabulary, int droppedSentences)
    {
        Sentences = sentences;
        DocumentSplits = splits;
        Vocabulary = vocabulary;
        DroppedSentences = droppedSentences;
    }

    /// <summary>The sentences of each split, documents in file-name order, sentences in file order.</summary>
    public IReadOnlyDictionary<Split, IReadOnlyList<NameSentence>> Sentences { get; }

    /// <summary>The split of each document.</summary>
    public IReadOnlyDictionary<string, Split> DocumentSplits { get; }

    /// <summary>The vocabulary, in file order (<see cref="VocabularyFile"/>), from the training split's words.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Sentences left out because no word was left after tokenising (all punctuation).</summary>
    public int DroppedSentences { get; }

    /// <summary>Labels, tokenises and splits <paramref name="documents"/>, and builds the vocabulary from the training split.</summary>
    public static NamesDataset Build(IReadOnlyList<BrownDocument> documents, PersonNameRule rule, int vocabularySize = VocabularySize)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(rule);
        IReadOnlyDictionary<string, Split> splits = DocumentSplit.Assign(documents.Select(d => d.Id));
        var bySplit = new Dictionary<Split, List<NameSentence>> { [Split.Train] = [], [Split.Dev] = [], [Split.Test] = [] };
        int dropped = 0;
        foreach (BrownDocument document in documents.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            NameRule[][] labels = rule.Label(document);
            List<NameSentence> target = bySplit[splits[document.Id]];
            for (int s = 0; s < document.Sentences.Count; s++)
            {
                NameSentence? sentence = NameSentence.From(document.Id, s, document.Sentences[s], labels[s]);
                if (sentence is null) dropped++;
                else target.Add(sentence);
            }
        }
        IReadOnlyList<string> vocabulary = VocabularyFile.Build(bySplit[Split.Train].SelectMany(s => s.Words), vocabularySize);
        return new NamesDataset(
            bySplit.ToDictionary(p => p.Key, p => (IReadOnlyList<NameSentence>)p.Value),
            splits, vocabulary, dropped);
    }

    /// <summary>Reads every Brown file of the cache (ca01 ... cr09; the other files of the package are not documents).</summary>
    public static IReadOnlyList<BrownDocument> ReadCorpus(DataCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        DataCache.Require(cache.BrownFolder);
        var documents = Directory.EnumerateFiles(cache.BrownFolder)
            .Select(path => (Path: path, Id: Path.GetFileName(path)))
            .Where(f => BrownDocument.IsDocumentId(f.Id))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => BrownDocument.Parse(f.Id, File.ReadAllText(f.Path)))
            .ToList();
        if (documents.Count == 0) throw new FileNotFoundException($"{cache.BrownFolder} holds no Brown files; run scripts/fetch-data.sh.");
        return documents;
    }
}
