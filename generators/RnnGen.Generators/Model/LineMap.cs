using System.Collections.Generic;

namespace RnnGen.Generators.Model;

/// <summary>Turns character offsets of one text into <see cref="TextRange"/>s with lines and columns.</summary>
internal sealed class LineMap
{
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = starts.ToArray();
    }

    public int LineCount => _lineStarts.Length;

    public TextRange Range(int start, int length)
    {
        (int startLine, int startColumn) = Position(start);
        (int endLine, int endColumn) = Position(start + length);
        return new TextRange(start, length, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>The range of a whole line (0-based), without its line break.</summary>
    public TextRange LineRange(int line, string text)
    {
        int start = _lineStarts[line];
        int end = start;
        while (end < text.Length && text[end] != '\r' && text[end] != '\n') end++;
        return Range(start, end - start);
    }

    private (int Line, int Column) Position(int offset)
    {
        int lo = 0, hi = _lineStarts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return (lo, offset - _lineStarts[lo]);
    }
}
