using System.Globalization;
using System.Text;

namespace RnnGen.Generators.Emit;

/// <summary>C# literals and XML-doc text, formatted with the invariant culture whatever the build machine's culture.</summary>
internal static class Literals
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An int with thousands separators for prose ("10,000"), invariant.</summary>
    public static string Grouped(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A C# string literal: quoted, with every character that needs it escaped.</summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="value"/> as C# string literals of at most about <paramref name="width"/> characters
    /// each, to be joined with +, cut between characters (never inside an escape or a surrogate pair).
    /// </summary>
    public static System.Collections.Generic.IReadOnlyList<string> StringPieces(string value, int width = 100)
    {
        var pieces = new System.Collections.Generic.List<string>();
        int start = 0;
        while (start < value.Length || pieces.Count == 0)
        {
            int length = System.Math.Min(width, value.Length - start);
            if (length > 0 && start + length < value.Length && char.IsHighSurrogate(value[start + length - 1])) length--;
            pieces.Add(String(value.Substring(start, length)));
            start += length;
            if (length == 0) break;
        }
        return pieces;
    }

    /// <summary>
    /// The delimiter of a raw string literal whose content lines are <paramref name="lines"/>: three quotes, or one more
    /// than the longest run of quotes in any line, so that no line can end the literal.
    /// </summary>
    public static string RawDelimiter(System.Collections.Generic.IEnumerable<string> lines)
    {
        int longest = 0;
        foreach (string line in lines)
        {
            int run = 0;
            foreach (char c in line)
            {
                run = c == '"' ? run + 1 : 0;
                if (run > longest) longest = run;
            }
        }
        return new string('"', System.Math.Max(3, longest + 1));
    }

    /// <summary>
    /// Text made safe inside an XML doc comment (or a // comment): markup escaped, every C# line break
    /// turned into a space, and characters XML 1.0 does not allow (controls, lone surrogates) written as \uXXXX.
    /// </summary>
    public static string Xml(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': case '\n': case '\u2028': case '\u2029': case '\u0085': sb.Append(' '); break;
                default:
                    bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                    if (pair)
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if ((c < ' ' && c != '\t') || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }
}
