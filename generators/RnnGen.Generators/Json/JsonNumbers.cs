using System.Globalization;

namespace RnnGen.Generators.Json;

/// <summary>What a JSON number's text is as a whole number, exactly: never rounded, as a decimal or a double would.</summary>
internal static class JsonNumbers
{
    /// <summary>
    /// The value of <paramref name="text"/> (a number the parser accepted) when it is a whole number, whatever its
    /// notation (JSON Schema's "integer": <c>100</c>, <c>1e2</c>, <c>100.0</c> and <c>10000e-2</c> are all 100), or
    /// null when it has a fraction, however small (<c>0.99999999999999999999999999999</c>, which a decimal rounds to
    /// 1). A whole number too large for a long is <see cref="long.MaxValue"/> (or <see cref="long.MinValue"/>):
    /// outside every range that is checked.
    /// </summary>
    public static long? Whole(string text)
    {
        int i = 0;
        bool negative = text.Length > 0 && text[0] == '-';
        if (negative) i++;
        int intStart = i;
        while (i < text.Length && IsDigit(text[i])) i++;
        string intPart = text.Substring(intStart, i - intStart);
        string fracPart = "";
        if (i < text.Length && text[i] == '.')
        {
            int fracStart = ++i;
            while (i < text.Length && IsDigit(text[i])) i++;
            fracPart = text.Substring(fracStart, i - fracStart);
        }
        long exponent = 0;
        bool hugeExponent = false, negativeExponent = false;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            negativeExponent = i < text.Length && text[i] == '-';
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
            string digits = text.Substring(i).TrimStart('0');
            // A spec is at most a few MiB, so no mantissa has a billion digits: such an exponent decides alone.
            if (digits.Length > 9) hugeExponent = true;
            else exponent = digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture);
            if (negativeExponent) exponent = -exponent;
        }

        // value = mantissa × 10^scale, the mantissa without leading or trailing zeros.
        string mantissa = (intPart + fracPart).TrimStart('0');
        int trimmed = mantissa.Length;
        while (trimmed > 0 && mantissa[trimmed - 1] == '0') trimmed--;
        if (trimmed == 0) return 0;
        if (hugeExponent) return negativeExponent ? null : Huge(negative);
        long scale = exponent - fracPart.Length + (mantissa.Length - trimmed);
        mantissa = mantissa.Substring(0, trimmed);
        if (scale < 0) return null;
        if (mantissa.Length + scale > 18) return Huge(negative);
        long value = long.Parse(mantissa, CultureInfo.InvariantCulture);
        for (long k = 0; k < scale; k++) value *= 10;
        return negative ? -value : value;
    }

    private static long Huge(bool negative) => negative ? long.MinValue : long.MaxValue;

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
