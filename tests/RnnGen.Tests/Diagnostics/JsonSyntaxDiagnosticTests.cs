using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>RNN0001: the spec is not JSON. The span is the offending character (or the end of the file).</summary>
public sealed class JsonSyntaxDiagnosticTests
{
    private const string Spec = Specs.SpecFile;
    private const string Prefix = "The spec is not valid JSON: ";

    private static void AssertSyntaxError(string spec, int line, int column, int endLine, int endColumn, string message) =>
        Specs.Run(spec).Reports(new Expected("RNN0001", Spec, line, column, endLine, endColumn, Prefix + message)).GeneratesNothing();

    [Fact]
    [Covers("RNN0001")]
    public void Trailing_comma_in_an_object_points_at_the_comma()
    {
        const string spec = """
            {
              "name": "Tagger",
              "weights": "tagger.safetensors",
            }
            """;
        AssertSyntaxError(spec, 3, 34, 3, 35, "this ',' is followed by '}'; JSON does not allow a trailing comma");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Trailing_comma_in_an_array_points_at_the_comma()
    {
        const string spec = """
            {
              "y": {
                "labels": ["yes", "no",]
              }
            }
            """;
        AssertSyntaxError(spec, 3, 27, 3, 28, "this ',' is followed by ']'; JSON does not allow a trailing comma");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Missing_closing_quote_points_at_the_line_break()
    {
        const string spec = """
            {
              "name": "Tagger,
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 2, 19, 3, 1, "a string cannot span lines; a closing '\"' is missing");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Missing_opening_quote_points_at_the_first_character()
    {
        const string spec = """
            {
              "name": Tagger",
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 2, 11, 2, 12, "unexpected 'T'; a value (object, array, string, number, true, false or null) was expected");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Bare_word_spans_the_word()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": tanh },
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 3, 35, 3, 39, "unexpected word 'tanh'; strings must be in double quotes, and the only bare words are true, false and null");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Single_quoted_value_points_at_the_quote()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": 'tanh' },
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 3, 35, 3, 36, "strings must be in double quotes (\"), not single quotes");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Single_quoted_property_name_points_at_the_quote()
    {
        const string spec = """
            {
              'name': "Tagger",
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 2, 3, 2, 4, "property names must be in double quotes (\"), not single quotes");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Comment_before_the_object()
    {
        const string spec = """
            // The name tagger
            {
              "name": "Tagger"
            }
            """;
        AssertSyntaxError(spec, 1, 1, 1, 2, "comments are not allowed in JSON");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Comment_inside_the_object()
    {
        const string spec = """
            {
              // The C# class
              "name": "Tagger"
            }
            """;
        AssertSyntaxError(spec, 2, 3, 2, 4, "comments are not allowed in JSON");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Empty_file_is_a_zero_length_span_at_the_start()
    {
        AssertSyntaxError("", 1, 1, 1, 1, "the file is empty; a spec is a JSON object such as { \"name\": \"MyModel\", ... }");
    }

    [Fact]
    [Covers("RNN0001")]
    public void File_of_only_whitespace_is_empty_and_points_at_its_start()
    {
        AssertSyntaxError("\n  \n", 1, 1, 1, 1, "the file is empty; a spec is a JSON object such as { \"name\": \"MyModel\", ... }");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Truncated_file_points_at_its_end()
    {
        const string spec = """
            {
              "name": "Tagger",
            """;
        AssertSyntaxError(spec, 2, 20, 2, 20, "unexpected end of file inside an object; a '}' is missing");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Missing_comma_points_at_the_next_property()
    {
        const string spec = """
            {
              "name": "Tagger"
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 3, 3, 3, 4, "unexpected '\"'; a ',' or '}' was expected after the value of \"name\"");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Missing_colon_points_at_what_follows_the_name()
    {
        const string spec = """
            {
              "name" "Tagger",
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 2, 10, 2, 11, "unexpected '\"'; a ':' was expected after the property name \"name\"");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Invalid_escape_spans_the_backslash_and_the_letter()
    {
        const string spec = """
            {
              "name": "Tag\ger",
              "weights": "tagger.safetensors"
            }
            """;
        AssertSyntaxError(spec, 2, 15, 2, 17, """'\g' is not a JSON escape; use \" \\ \/ \b \f \n \r \t or \uXXXX""");
    }

    [Fact]
    [Covers("RNN0001")]
    public void Leading_zero_points_at_the_digit_after_it()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 04, "activation": "tanh" }
            }
            """;
        AssertSyntaxError(spec, 3, 19, 3, 20, "numbers cannot have leading zeros");
    }

    [Theory]
    [Covers("RNN0001")]
    [InlineData("{}\n{}", 2, 1, 2, 2, "unexpected '{' after the end of the top-level value")]
    [InlineData("{\"name\": \"a\tb\"}", 1, 12, 1, 13, "control character U+0009 inside a string; escape it")]
    [InlineData("{\"name\": \"\\u12\"}", 1, 11, 1, 13, "'\\u' must be followed by four hexadecimal digits")]
    [InlineData("{\"name\": \"Tagger\"", 1, 18, 1, 18, "unexpected end of file inside an object; a '}' is missing")]
    [InlineData("{\"name\": \"Tag", 1, 14, 1, 14, "unexpected end of file inside a string; a closing '\"' is missing")]
    [InlineData("{\"size\": -}", 1, 11, 1, 12, "a '-' must be followed by digits")]
    [InlineData("{\"size\": 1.}", 1, 12, 1, 13, "a '.' in a number must be followed by digits")]
    [InlineData("{\"size\": 1e}", 1, 12, 1, 13, "an exponent in a number must have digits")]
    [InlineData("{\"size\": 1 2}", 1, 12, 1, 13, "unexpected '2'; a ',' or '}' was expected after the value of \"size\"")]
    [InlineData("{\"labels\": [\"a\" \"b\"]}", 1, 17, 1, 18, "unexpected '\"'; a ',' or ']' was expected in the array")]
    [InlineData("{\"labels\": [\"a\",", 1, 17, 1, 17, "unexpected end of file; a value was expected")]
    [InlineData("{\"ok\": True}", 1, 8, 1, 9, "unexpected 'T'; a value (object, array, string, number, true, false or null) was expected")]
    [InlineData("{\"ok\": nul}", 1, 8, 1, 11, "unexpected word 'nul'; strings must be in double quotes, and the only bare words are true, false and null")]
    [InlineData("{\"a\":\uFEFF{}}", 1, 6, 1, 7, "unexpected byte-order mark U+FEFF; a value (object, array, string, number, true, false or null) was expected")]
    [InlineData("{\"a\":\u00A0{}}", 1, 6, 1, 7, "unexpected invisible character U+00A0; a value (object, array, string, number, true, false or null) was expected")]
    public void One_line_syntax_errors(string spec, int line, int column, int endLine, int endColumn, string message) =>
        AssertSyntaxError(spec, line, column, endLine, endColumn, message);

    [Fact]
    [Covers("RNN0001")]
    public void Nesting_deeper_than_64_points_at_the_first_bracket_too_deep()
    {
        string spec = new string('[', 70) + new string(']', 70);
        AssertSyntaxError(spec, 1, 66, 1, 67, "values are nested more than 64 deep");
    }
}
