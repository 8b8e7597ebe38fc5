using System;
using System.Globalization;

namespace RnnGen.Cli;

/// <summary>Every number rnngen prints, in the invariant culture.</summary>
internal static class Numbers
{
    /// <summary>A size with thousands separators: 10,000.</summary>
    public static string Size(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Size(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An output as the tag table shows it: four decimals, 0.5123; Infinity, -Infinity or NaN when it is not finite.</summary>
    public static string Fixed4(float value)
    {
        Span<char> text = stackalloc char[Fixed4Length];
        return new string(text[..Fixed4(value, text)]);
    }

    /// <summary>The most characters <see cref="Fixed4(float, Span{char})"/> writes (-3.4E38 in full, and four decimals).</summary>
    public const int Fixed4Length = 48;

    /// <summary><see cref="Fixed4(float)"/> into <paramref name="destination"/> (at least <see cref="Fixed4Length"/> long), without allocating.</summary>
    /// <returns>The number of characters written.</returns>
    public static int Fixed4(float value, Span<char> destination)
    {
        if (!float.IsFinite(value))
        {
            string name = NonFinite(value);
            name.CopyTo(destination);
            return name.Length;
        }
        if (MathF.Abs(value) < Fixed4FastLimit) return Fixed4Small(value, destination);
        if (!value.TryFormat(destination, out int written, "F4", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is shorter than Fixed4Length.", nameof(destination));
        }
        if (destination[..written] is "-0.0000")
        {
            "0.0000".CopyTo(destination);
            return 6;
        }
        return written;
    }

    /// <summary>Below this magnitude <see cref="Fixed4(float, Span{char})"/> takes <see cref="Fixed4Small"/>: value · 10⁴ rounds to a whole number under 2³¹.</summary>
    private const float Fixed4FastLimit = 200_000f;

    /// <summary>
    /// "F4" of a finite value under <see cref="Fixed4FastLimit"/> in magnitude, without the general formatter: a float has
    /// 24 significant bits and 10⁴ needs 14, so value · 10⁴ in double is exact, and rounding it to the nearest whole number
    /// gives the same four decimals as the formatter, which rounds the exact decimal expansion the same way, ties to even (ties are
    /// the odd multiples of 1/32: 0.03125 → 0.0312, 0.09375 → 0.0938; FixedFormatTests compares the two).
    /// A value that rounds to zero prints 0.0000, never -0.0000.
    /// </summary>
    private static int Fixed4Small(float value, Span<char> destination)
    {
        long scaled = (long)Math.Round(value * 10_000.0, MidpointRounding.ToEven);
        int at = 0;
        if (scaled < 0)
        {
            destination[at++] = '-';
            scaled = -scaled;
        }
        long whole = Math.DivRem(scaled, 10_000, out long fraction);
        if (!whole.TryFormat(destination[at..], out int digits, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is shorter than Fixed4Length.", nameof(destination));
        }
        at += digits;
        destination[at] = '.';
        destination[at + 1] = (char)('0' + fraction / 1000);
        destination[at + 2] = (char)('0' + fraction / 100 % 10);
        destination[at + 3] = (char)('0' + fraction / 10 % 10);
        destination[at + 4] = (char)('0' + fraction % 10);
        return at + 5;
    }

    /// <summary>A float in its shortest round-trip form, for machine-read output (JSON).</summary>
    public static string RoundTrip(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value that is not finite as every rnngen output names it: "Infinity", "-Infinity", "NaN" (the invariant
    /// culture's symbols, and System.Text.Json's named floating-point literals).
    /// </summary>
    public static string NonFinite(float value) =>
        float.IsNaN(value) ? "NaN" : float.IsPositiveInfinity(value) ? "Infinity" : float.IsNegativeInfinity(value) ? "-Infinity"
        : throw new ArgumentOutOfRangeException(nameof(value), value, "the value is finite");

    /// <summary>An integer, invariant.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer (a seed), invariant.</summary>
    public static string Int(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text from the input as a message shows it: at most 80 characters, then "… (12,345 characters)".</summary>
    public static string Clip(string value) =>
        value.Length <= 80 ? value : string.Concat(value.AsSpan(0, char.IsHighSurrogate(value[79]) ? 79 : 80), "… (", value.Length.ToString("#,0", CultureInfo.InvariantCulture), " characters)");

    /// <summary>A double in at most 6 significant digits, invariant: 0.001, 2.5E-05.</summary>
    public static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Seconds with one decimal: 12.3 s.</summary>
    public static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    /// <summary>A duration as m:ss, or h:mm:ss from an hour on.</summary>
    public static string Duration(TimeSpan span)
    {
        long total = (long)Math.Round(Math.Max(0, span.TotalSeconds));
        long hours = total / 3600, minutes = total / 60 % 60, seconds = total % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{seconds:00}");
    }
}
