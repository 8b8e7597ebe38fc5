using System;
using System.Globalization;
using System.Text;

namespace RnnGen;

/// <summary>Formats vectors of floats the same way on every machine: invariant culture, round-trip precision.</summary>
public static class VectorFormat
{
    /// <summary>"[0.5, -1.25]": each value in its shortest round-trip form ("R"), invariant culture.</summary>
    public static string Format(ReadOnlySpan<float> values)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }
        return sb.Append(']').ToString();
    }

    /// <summary>
    /// Each value with a fixed number of decimals ("F5" by default), invariant culture: the form
    /// numeric snapshots use, stable across SIMD widths whose sums differ in the last bits.
    /// </summary>
    public static string Fixed(ReadOnlySpan<float> values, int decimals = 5)
    {
        var sb = new StringBuilder("[");
        string format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            // Negative zero prints as "-0.00000" under "F": fold it into 0 so tiny sign flips are not diffs.
            float v = values[i];
            string s = v.ToString(format, CultureInfo.InvariantCulture);
            sb.Append(s.StartsWith('-') && double.Parse(s, CultureInfo.InvariantCulture) == 0 ? s.Substring(1) : s);
        }
        return sb.Append(']').ToString();
    }
}
