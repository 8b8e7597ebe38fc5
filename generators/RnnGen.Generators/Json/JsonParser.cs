using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Json;

/// <summary>The outcome of parsing: a value, or the first syntax error and where it is.</summary>
internal sealed record JsonParseResult(JsonNode? Value, string? Error, TextRange ErrorRange);

/// <summary>
/// A strict JSON (RFC 8259) parser that remembers where each value is. Written here because a
/// source generator must not depend on System.Text.Json (it breaks on some compiler hosts).
/// Pure: text in, tree or error out.
/// </summary>
internal static class JsonParser
{
    private const int MaxDepth = 64;

    public static JsonParseResult Parse(string text)
    {
        var state = new State(text);
        try
        {
            state.SkipByteOrderMark();
            state.SkipWhitespace();
            if (state.AtEnd) throw new JsonSyntaxException("the file is empty; a spec is a JSON object such as { \"name\": \"MyModel\", ... }", TextRange.FileStart);
            JsonNode value = state.ParseValue(0);
            state.SkipWhitespace();
            if (!state.AtEnd) throw state.Fail($"unexpected {Describe(text, state.Position)} after the end of the top-level value", 1);
            return new JsonParseResult(value, null, default);
        }
        catch (JsonSyntaxException e)
        {
            return new JsonParseResult(null, e.Message, e.Range);
        }
    }

    private static string Describe(string text, int position) =>
        position >= text.Length ? "end of file" : text[position] switch
        {
            '\n' or '\r' => "line break",
            char c when char.IsControl(c) => $"control character U+{(int)c:X4}",
            '\uFEFF' => "byte-order mark U+FEFF",
            char c when char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format => $"invisible character U+{(int)c:X4}",
            char c => $"'{c}'",
        };

    private sealed class JsonSyntaxException : System.Exception
    {
        public JsonSyntaxException(string message, TextRange range) : base(message) => Range = range;

        public TextRange Range { get; }
    }

    private sealed class State
    {
        private readonly string _text;
        private readonly LineMap _lines;

        public State(string text)
        {
            _text = text;
            _lines = new LineMap(text);
        }

        public int Position { get; private set; }

        /// <summary>Where the last ',' was, so that a trailing comma is reported where it stands.</summary>
        private int _lastComma;

        private JsonSyntaxException TrailingComma(char close) =>
            new($"this ',' is followed by '{close}'; JSON does not allow a trailing comma", _lines.Range(_lastComma, 1));

        public bool AtEnd => Position >= _text.Length;

        private char Current => _text[Position];

        public JsonSyntaxException Fail(string message, int length) =>
            new(message, _lines.Range(Position, AtEnd ? 0 : length));

        /// <summary>RFC 8259 lets a parser ignore a byte-order mark at the start; editors on Windows write one.</summary>
        public void SkipByteOrderMark()
        {
            if (!AtEnd && Current == '\uFEFF') Position++;
        }

        public void SkipWhitespace()
        {
            while (!AtEnd && (Current == ' ' || Current == '\t' || Current == '\n' || Current == '\r')) Position++;
        }

        public JsonNode ParseValue(int depth)
        {
            if (depth > MaxDepth) throw Fail($"values are nested more than {MaxDepth} deep", 1);
            if (AtEnd) throw Fail("unexpected end of file; a value was expected", 0);
            char c = Current;
            switch (c)
            {
                case '{': return ParseObject(depth);
                case '[': return ParseArray(depth);
                case '"': { int start = Position; string s = ParseString(); return new JsonString(s, _lines.Range(start, Position - start)); }
                case 't': return ParseLiteral("true", r => new JsonBoolean(true, r));
                case 'f': return ParseLiteral("false", r => new JsonBoolean(false, r));
                case 'n': return ParseLiteral("null", r => new JsonNull(r));
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                    if (c == '\'') throw Fail("strings must be in double quotes (\"), not single quotes", 1);
                    if (c == '/') throw Fail("comments are not allowed in JSON", 1);
                    throw Fail($"unexpected {Describe(_text, Position)}; a value (object, array, string, number, true, false or null) was expected", 1);
            }
        }

        private JsonNode ParseLiteral(string word, System.Func<TextRange, JsonNode> make)
        {
            int start = Position;
            if (string.CompareOrdinal(_text, Position, word, 0, word.Length) != 0)
            {
                int end = Position;
                while (end < _text.Length && char.IsLetterOrDigit(_text[end])) end++;
                string found = _text.Substring(Position, end - Position);
                throw new JsonSyntaxException(
                    $"unexpected word '{Diagnostics.DiagnosticText.Clip(found)}'; strings must be in double quotes, and the only bare words are true, false and null",
                    _lines.Range(Position, System.Math.Max(1, end - Position)));
            }
            Position += word.Length;
            return make(_lines.Range(start, word.Length));
        }

        private JsonObject ParseObject(int depth)
        {
            int start = Position;
            Position++; // {
            var properties = new List<JsonProperty>();
            SkipWhitespace();
            if (!AtEnd && Current == '}')
            {
                Position++;
                return new JsonObject(properties, _lines.Range(start, Position - start));
            }
            while (true)
            {
                SkipWhitespace();
                if (AtEnd) throw Fail("unexpected end of file inside an object; a '}' is missing", 0);
                if (Current == '}') throw TrailingComma('}');
                if (Current == '/') throw Fail("comments are not allowed in JSON", 1);
                if (Current == '\'') throw Fail("property names must be in double quotes (\"), not single quotes", 1);
                if (Current != '"') throw Fail($"unexpected {Describe(_text, Position)}; a property name in double quotes was expected", 1);
                int nameStart = Position;
                string name = ParseString();
                TextRange nameRange = _lines.Range(nameStart, Position - nameStart);
                SkipWhitespace();
                if (AtEnd || Current != ':') throw Fail($"unexpected {Describe(_text, Position)}; a ':' was expected after the property name \"{Diagnostics.DiagnosticText.Clip(name)}\"", 1);
                Position++;
                SkipWhitespace();
                JsonNode value = ParseValue(depth + 1);
                properties.Add(new JsonProperty(name, nameRange, value));
                SkipWhitespace();
                if (AtEnd) throw Fail("unexpected end of file inside an object; a '}' is missing", 0);
                if (Current == ',') { _lastComma = Position; Position++; continue; }
                if (Current == '}') { Position++; return new JsonObject(properties, _lines.Range(start, Position - start)); }
                if (Current == '/') throw Fail("comments are not allowed in JSON", 1);
                throw Fail($"unexpected {Describe(_text, Position)}; a ',' or '}}' was expected after the value of \"{Diagnostics.DiagnosticText.Clip(name)}\"", 1);
            }
        }

        private JsonArray ParseArray(int depth)
        {
            int start = Position;
            Position++; // [
            var items = new List<JsonNode>();
            SkipWhitespace();
            if (!AtEnd && Current == ']')
            {
                Position++;
                return new JsonArray(items, _lines.Range(start, Position - start));
            }
            while (true)
            {
                SkipWhitespace();
                if (!AtEnd && Current == ']') throw TrailingComma(']');
                items.Add(ParseValue(depth + 1));
                SkipWhitespace();
                if (AtEnd) throw Fail("unexpected end of file inside an array; a ']' is missing", 0);
                if (Current == ',') { _lastComma = Position; Position++; continue; }
                if (Current == '/') throw Fail("comments are not allowed in JSON", 1);
                if (Current == ']') { Position++; return new JsonArray(items, _lines.Range(start, Position - start)); }
                throw Fail($"unexpected {Describe(_text, Position)}; a ',' or ']' was expected in the array", 1);
            }
        }

        private string ParseString()
        {
            Position++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Fail("unexpected end of file inside a string; a closing '\"' is missing", 0);
                char c = Current;
                if (c == '"') { Position++; return sb.ToString(); }
                if (c == '\\')
                {
                    Position++;
                    if (AtEnd) throw Fail("unexpected end of file after '\\' in a string", 0);
                    char e = Current;
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (Position + 4 >= _text.Length || !int.TryParse(_text.Substring(Position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            {
                                Position--;
                                throw Fail("'\\u' must be followed by four hexadecimal digits", 2);
                            }
                            sb.Append((char)code);
                            Position += 4;
                            break;
                        default:
                            Position--;
                            throw Fail($"'\\{e}' is not a JSON escape; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX", 2);
                    }
                    Position++;
                    continue;
                }
                if (c < ' ')
                {
                    throw Fail(c == '\n' || c == '\r'
                        ? "a string cannot span lines; a closing '\"' is missing"
                        : $"control character U+{(int)c:X4} inside a string; escape it", 1);
                }
                sb.Append(c);
                Position++;
            }
        }

        private JsonNumber ParseNumber()
        {
            int start = Position;
            if (Current == '-') Position++;
            if (AtEnd || !IsDigit(Current)) throw Fail("a '-' must be followed by digits", 1);
            if (Current == '0')
            {
                Position++;
                if (!AtEnd && IsDigit(Current)) throw Fail("numbers cannot have leading zeros", 1);
            }
            else
            {
                while (!AtEnd && IsDigit(Current)) Position++;
            }
            if (!AtEnd && Current == '.')
            {
                Position++;
                if (AtEnd || !IsDigit(Current)) throw Fail("a '.' in a number must be followed by digits", 1);
                while (!AtEnd && IsDigit(Current)) Position++;
            }
            if (!AtEnd && (Current == 'e' || Current == 'E'))
            {
                Position++;
                if (!AtEnd && (Current == '+' || Current == '-')) Position++;
                if (AtEnd || !IsDigit(Current)) throw Fail("an exponent in a number must have digits", 1);
                while (!AtEnd && IsDigit(Current)) Position++;
            }
            return new JsonNumber(_text.Substring(start, Position - start), _lines.Range(start, Position - start));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
