using System;
using System.Text;

namespace RnnGen.Generators.Emit;

/// <summary>
/// A small indented text writer for generated C# (after System.Text.Json's SourceWriter): four
/// spaces per level, '\n' line endings on every platform so the output is byte-identical everywhere.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
    }

    /// <summary>
    /// Writes a line of code, broken after commas (outside string literals) into lines of at most about
    /// <paramref name="width"/> characters when it is longer, the continuation lines indented one more level.
    /// </summary>
    public void Code(string line, int width = 120)
    {
        if (_indent * 4 + line.Length <= width)
        {
            Line(line);
            return;
        }
        var pieces = new System.Collections.Generic.List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < line.Length - 1; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (!quoted && line[i] == ',' && line[i + 1] == ' ')
            {
                pieces.Add(line.Substring(start, i + 1 - start));
                start = i + 2;
            }
        }
        pieces.Add(line.Substring(start));
        var current = new StringBuilder();
        bool first = true;
        foreach (string piece in pieces)
        {
            int indent = (_indent + (first ? 0 : 1)) * 4;
            if (current.Length > 0 && indent + current.Length + 1 + piece.Length > width)
            {
                _text.Append(' ', indent).Append(current).Append('\n');
                current.Clear();
                first = false;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(piece);
        }
        _text.Append(' ', (_indent + (first ? 0 : 1)) * 4).Append(current).Append('\n');
    }

    /// <summary>Writes a line as it is, without indentation: a line of a raw string literal's content.</summary>
    public void Raw(string line) => _text.Append(line).Append('\n');

    /// <summary>Writes several lines, each indented at the current level.</summary>
    public void Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
    }

    /// <summary>
    /// Writes <paramref name="text"/> (already XML-escaped) as doc-comment lines of at most about
    /// <paramref name="width"/> characters, broken at spaces. A no-break space (U+00A0, <see cref="Unbroken"/>) is
    /// never a place to break, and is written as a plain space.
    /// </summary>
    public void Doc(string text, int width = 110)
    {
        string[] words = text.Split(' ');
        var line = new StringBuilder();
        foreach (string word in words)
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                Line("/// " + line.Replace(NoBreak, ' '));
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) Line("/// " + line.Replace(NoBreak, ' '));
    }

    private const char NoBreak = '\u00A0';

    /// <summary><paramref name="text"/> (a formula) with its spaces made ones <see cref="Doc"/> does not break at.</summary>
    public static string Unbroken(string text) => text.Replace(' ', NoBreak);

    /// <summary>Writes <paramref name="header"/> (if any), an opening brace, and indents until the result is disposed.</summary>
    public IDisposable Block(string header)
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _indent++;
        return new Closer(this, "}");
    }

    /// <summary>As <see cref="Block"/>, closing with "};" (for initialisers).</summary>
    public IDisposable Initializer(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Closer(this, "};");
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;
        private bool _closed;

        public Closer(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
