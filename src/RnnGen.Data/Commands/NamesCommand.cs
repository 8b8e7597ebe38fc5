using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Data.Conll;
using RnnGen.Data.Names;

namespace RnnGen.Data.Commands;

/// <summary><c>names --cache data/cache --out data/names</c>: the Brown corpus, labelled by the person-name rule, as CoNLL splits and a vocabulary.</summary>
internal static class NamesCommand
{
    public static Command Create()
    {
        Option<string> cache = Options.Cache();
        Option<string> output = Options.Out("data/names");
        var noSameDocument = new Option<bool>("--no-same-document")
        {
            Description = "Leave out the rule's same-document step (surnames alone), to measure what it adds.",
        };
        var command = new Command("names", "Label the Brown corpus's person names by the written rule and write train/dev/test.conll (by document), their .source.tsv and vocab.txt.")
        {
            cache, output, noSameDocument,
        };
        command.SetAction(parsed => Run(new DataCache(parsed.GetRequiredValue(cache)), parsed.GetRequiredValue(output), !parsed.GetValue(noSameDocument)));
        return command;
    }

    private static int Run(DataCache cache, string outFolder, bool sameDocument)
    {
        DataCache.Require(cache.FemaleNames);
        DataCache.Require(cache.MaleNames);
        GivenNames givenNames = GivenNames.Load(cache);
        var rule = new PersonNameRule(givenNames, sameDocument);
        NamesDataset data = NamesDataset.Build(NamesDataset.ReadCorpus(cache), rule);

        Directory.CreateDirectory(outFolder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var vocabulary = new Vocabulary(data.Vocabulary);
        File.WriteAllText(Path.Combine(outFolder, "vocab.txt"), VocabularyFile.Write(data.Vocabulary), utf8);
        File.WriteAllText(Path.Combine(outFolder, "splits.tsv"),
            string.Concat(data.DocumentSplits.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\t" + DocumentSplit.FileStem(p.Value) + "\n")), utf8);

        Console.WriteLine(FormattableString.Invariant(
            $"given names: {givenNames.Count:N0} ({givenNames.Count + givenNames.Removed:N0} in the lists, less {givenNames.Removed} of the {NotPersonNames.All.Count} month, weekday and place names); same-document step: {(sameDocument ? "on" : "off")}"));
        Console.WriteLine(FormattableString.Invariant($"sentences dropped (no word left after tokenising): {data.DroppedSentences:N0}"));
        Console.WriteLine("split  documents  sentences     tokens  person tokens   spans  (title / given-name / initials / same-document)  in-vocabulary tokens  in-vocabulary person tokens");
        foreach (Split split in new[] { Split.Train, Split.Dev, Split.Test })
        {
            string stem = DocumentSplit.FileStem(split);
            var sentences = data.Sentences[split];
            string conll = Path.Combine(outFolder, stem + ".conll");
            ConllFormat.WriteFile(conll, sentences.Select(s => s.ToConll()));
            File.WriteAllText(SourceIndex.PathFor(conll), SourceIndex.Write(sentences), utf8);
            NamesCounts c = NamesCounts.Of(sentences, vocabulary);
            int By(NameRule r) => c.SpansByRule.GetValueOrDefault(r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stem,-5}  {c.Documents,9:N0}  {c.Sentences,9:N0}  {c.Tokens,9:N0}  {c.PersonTokens,13:N0}  {c.Spans,6:N0}  ({By(NameRule.Title):N0} / {By(NameRule.GivenName):N0} / {By(NameRule.Initials):N0} / {By(NameRule.SameDocument):N0})  {Percent(c.InVocabularyTokens, c.Tokens),20}  {Percent(c.InVocabularyPersonTokens, c.PersonTokens),27}"));
        }
        Console.WriteLine(FormattableString.Invariant($"wrote {outFolder}/train.conll, dev.conll, test.conll (+ .source.tsv), vocab.txt ({data.Vocabulary.Count:N0} lines), splits.tsv"));
        return 0;
    }

    private static string Percent(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{part:N0} ({(whole == 0 ? 0 : 100.0 * part / whole):F1} %)");
}
