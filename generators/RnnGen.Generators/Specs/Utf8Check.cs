using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace RnnGen.Generators.Specs;

/// <summary>
/// A spec or vocabulary that is not valid UTF-8 (and has no byte-order mark naming another encoding) is refused where it
/// stops being UTF-8, by the build and by <c>rnngen check</c> alike. The .NET compiler (dotnet build) and <c>check</c> decode
/// such a file the same way, as UTF-8 with U+FFFD, the replacement character, for each sequence that is not UTF-8 (the
/// same .NET decoder), so both refuse the first U+FFFD (<see cref="Replacement"/>). The .NET Framework compiler of older
/// Visual Studio reads such a file in the system's code page instead; the generator sees that from the text's encoding
/// and refuses the first byte that is not UTF-8 (<see cref="InHostText"/>).
/// </summary>
internal static class Utf8Check
{
    /// <summary>The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or -1.</summary>
    public static int FirstInvalid(byte[] bytes, int count)
    {
        int i = 0;
        while (i < count)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }
            int length;
            byte low = 0x80, high = 0xBF; // the range of the second byte
            if (b >= 0xC2 && b <= 0xDF) length = 2;
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                if (b == 0xE0) low = 0xA0;
                if (b == 0xED) high = 0x9F; // no UTF-16 surrogates
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                if (b == 0xF0) low = 0x90;
                if (b == 0xF4) high = 0x8F; // nothing above U+10FFFF
            }
            else return i;
            if (i + length > count) return i;
            if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
            for (int k = 2; k < length; k++)
            {
                if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
            }
            i += length;
        }
        return -1;
    }

    /// <summary>The character decoding puts where a file's bytes are not UTF-8.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The message's detail for a U+FFFD in a file's text.</summary>
    public const string ReplacementMessage =
        "U+FFFD, the replacement character, stands here: decoding puts it where the file's bytes are not UTF-8 (a file saved "
        + "as Latin-1, Windows-1252 or another code page); save the file as UTF-8";

    /// <summary>
    /// For a text the host decoded in a code page that is not Unicode (which the compiler does only when the file is not
    /// valid UTF-8): where, in <paramref name="text"/>, the first byte that is not UTF-8 is, and that byte; else -1.
    /// </summary>
    public static int InHostText(SourceText source, string text, out byte value)
    {
        value = 0;
        Encoding? encoding = source.Encoding;
        if (encoding is null || encoding is UTF8Encoding || encoding is UnicodeEncoding || encoding is UTF32Encoding) return -1;
        byte[] bytes = encoding.GetBytes(text);
        int offset = FirstInvalid(bytes, bytes.Length);
        if (offset < 0) return -1;
        value = bytes[offset];
        return encoding.GetCharCount(bytes, 0, offset);
    }

    /// <summary>The message's detail for a byte that is not UTF-8, in a text read in a code page.</summary>
    public static string Message(byte value) =>
        "byte 0x" + value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)
        + " here is not UTF-8, and the file has no byte-order mark naming another encoding; save it as UTF-8";
}
