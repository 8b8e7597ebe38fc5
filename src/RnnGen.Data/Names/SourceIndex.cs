using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Data.Conll;

namespace RnnGen.Data.Names;

/// <summary>
/// The file beside each names CoNLL file (<c>train.source.tsv</c> beside <c>train.conll</c>) that says where each of
/// its sentences comes from, for the hand check: one line per sentence, in the same order, with five tab-separated
/// fields: the Brown file, the sentence's index in it, each word's Brown token index (comma-separated), each word's
/// Brown tag (space-separated) and each word's rule code (<see cref="NameRuleCodes"/>, one letter a word).
/// It holds no corpus text.
/// </summary>
public static class SourceIndex
{
    /// <summary>The source file's path for a CoNLL file's path (<c>x/train.conll</c> gives <c>x/train.source.tsv</c>).</summary>
    public static string PathFor(string conllPath)
    {
        ArgumentNullException.ThrowIfNull(conllPath);
        string stem = conllPath.EndsWith(".conll", StringComparison.Ordinal) ? conllPath[..^".conll".Length] : conllPath;
        return stem + ".source.tsv";
    }

    /// <summary>The text of the source file of <paramref name="sentences"/>.</summary>
    public static string Write(IEnumerable<NameSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var text = new StringBuilder();
        foreach (NameSentence s in sentences)
        {
            text.Append(s.DocumentId).Append('\t')
                .Append(s.SentenceIndex.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .AppendJoin(',', s.TokenIndices.Select(i => i.ToString(CultureInfo.InvariantCulture))).Append('\t')
                .AppendJoin(' ', s.Tags).Append('\t')
                .Append(s.Rules.Select(NameRuleCodes.Code).ToArray())
                .Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a CoNLL file of the names data and its source file back into sentences.</summary>
    /// <exception cref="FormatException">The two files do not match line for line, or a line is malformed.</exception>
    public static IReadOnlyList<NameSentence> ReadFiles(string conllPath)
    {
        IReadOnlyList<ConllSentence> conll = ConllFormat.ReadFile(conllPath);
        string sourcePath = PathFor(conllPath);
        DataCache.Require(sourcePath);
        return Read(conll, File.ReadAllLines(sourcePath), sourcePath);
    }

    /// <summary>Joins CoNLL sentences with the lines of their source file.</summary>
    /// <exception cref="FormatException">They do not match, or a line is malformed.</exception>
    public static IReadOnlyList<NameSentence> Read(IReadOnlyList<ConllSentence> conll, IReadOnlyList<string> lines, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(conll);
        ArgumentNullException.ThrowIfNull(lines);
        var nonEmpty = lines.Where(l => l.Length > 0).ToList();
        if (nonEmpty.Count != conll.Count)
        {
            throw new FormatException($"{sourcePath} has {nonEmpty.Count} lines for {conll.Count} sentences; write both with the names command.");
        }
        var result = new List<NameSentence>(conll.Count);
        for (int i = 0; i < conll.Count; i++)
        {
            string[] f = nonEmpty[i].Split('\t');
            string where = FormattableString.Invariant($"{sourcePath}({i + 1})");
            if (f.Length != 5) throw new FormatException($"{where}: expected 5 tab-separated fields.");
            int n = conll[i].Count;
            int[] indices = f[2].Split(',').Select(x => int.Parse(x, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            string[] tags = f[3].Split(' ');
            if (indices.Length != n || tags.Length != n || f[4].Length != n)
            {
                throw new FormatException(FormattableString.Invariant($"{where}: the fields do not have one entry for each of the sentence's {n} words."));
            }
            NameRule[] rules = f[4].Select(NameRuleCodes.Parse).ToArray();
            for (int w = 0; w < n; w++)
            {
                bool person = conll[i].Labels[w] == Labels.Person;
                if (person != (rules[w] != NameRule.None))
                {
                    throw new FormatException(FormattableString.Invariant($"{where}: word {w}'s rule code does not match its CoNLL label."));
                }
            }
            result.Add(new NameSentence(f[0], int.Parse(f[1], NumberStyles.None, CultureInfo.InvariantCulture), conll[i].Tokens, rules, indices, tags));
        }
        return result;
    }
}
