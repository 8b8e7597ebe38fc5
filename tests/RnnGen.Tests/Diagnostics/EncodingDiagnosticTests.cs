using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Text that is not what it looks like: a file in UTF-16 or UTF-32 without a byte-order mark is named by its
/// encoding, and an invisible character in a value is named by its code point, never shown as if it were not there.
/// </summary>
public sealed class EncodingDiagnosticTests
{
    /// <summary>What the build reads when a file in UTF-16 or UTF-32 without a byte-order mark is decoded as UTF-8 (ASCII text).</summary>
    private static string AsReadAsUtf8(string text, System.Text.Encoding encoding) =>
        new(encoding.GetBytes(text).Select(b => (char)b).ToArray());

    [Theory]
    [Covers("RNN0001")]
    [InlineData("utf-16", "UTF-16 (little-endian) without a byte-order mark: every other character is U+0000")]
    [InlineData("utf-16BE", "UTF-16 (big-endian) without a byte-order mark: every other character is U+0000")]
    [InlineData("utf-32", "UTF-32 without a byte-order mark: three characters in four are U+0000")]
    public void RNN0001_a_spec_in_UTF16_or_UTF32_without_a_byte_order_mark_is_named_by_its_encoding(string encoding, string looks)
    {
        string spec = AsReadAsUtf8(Specs.Valid, System.Text.Encoding.GetEncoding(encoding));
        Specs.Run(spec).Reports(Expected.At("RNN0001", Specs.SpecFile, 1, 1, 1,
            $"The spec is not valid JSON: the file looks like {looks}; save it as UTF-8")).GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0014")]
    public void RNN0014_a_vocabulary_in_UTF16_without_a_byte_order_mark_is_named_by_its_encoding()
    {
        DiagnosticRun.Of((Specs.SpecFile, Specs.Valid), (Specs.VocabularyFile, AsReadAsUtf8(Specs.Words, System.Text.Encoding.Unicode)))
            .Reports(Expected.At("RNN0014", Specs.VocabularyFile, 1, 1, 1,
                "Line 1 of the vocabulary is not text RnnGen reads: the file looks like UTF-16 (little-endian) without a byte-order mark: "
                + "every other character is U+0000; save the file as UTF-8; write one token per line, with no blank lines and no spaces or tabs inside a token"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0006")]
    public void An_invisible_character_in_a_value_is_shown_by_its_code_point()
    {
        string spec = Specs.Valid.Replace("\"tanh\"", "\"tanh\u200B\"", StringComparison.Ordinal);
        Specs.Run(spec).Reports(Expected.At("RNN0006", Specs.SpecFile, 3, 35, 42,
            "'tanh\\u200B' is not an activation RnnGen knows for the hidden state (g_a); use one of 'tanh', 'relu', 'sigmoid', did you mean 'tanh'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0028")]
    public void An_invisible_character_in_a_module_path_is_named()
    {
        string spec = Specs.Valid.Replace("\"weights\": \"tagger.safetensors\"",
            "\"weights\": \"tagger.safetensors\", \"modules\": { \"head\": \"decoder\u200B\" }", StringComparison.Ordinal);
        var d = Assert.Single(Specs.Run(spec).Output.Diagnostics);
        Assert.Equal("RNN0028", d.Id);
        Assert.StartsWith("modules.head 'decoder\\u200B' has the invisible character U+200B (zero width space), but a path is",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
