using System;

namespace RnnGen.Data.Music;

/// <summary>
/// How much of a generated tune is copied: the longest run of characters (UTF-16 code units) that it shares, in one
/// piece, with the training text. A generator that recites its training tunes shows runs as long as its tunes.
/// </summary>
public static class CopiedRun
{
    /// <summary>
    /// The length of the longest common substring of <paramref name="text"/> and <paramref name="corpus"/>, and where it
    /// starts in <paramref name="text"/> (−1 when there is none): dynamic programming over one row, O(|text| · |corpus|).
    /// </summary>
    public static (int Length, int Start) Longest(string text, string corpus)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(corpus);
        // run[j + 1]: the length of the common run ending at text[i] and corpus[j].
        var run = new int[corpus.Length + 1];
        int best = 0, start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            for (int j = corpus.Length - 1; j >= 0; j--)
            {
                run[j + 1] = text[i] == corpus[j] ? run[j] + 1 : 0;
                if (run[j + 1] > best)
                {
                    best = run[j + 1];
                    start = i - best + 1;
                }
            }
        }
        return (best, start);
    }
}
