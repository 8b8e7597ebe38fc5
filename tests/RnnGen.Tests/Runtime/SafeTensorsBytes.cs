using System;
using System.Buffers.Binary;
using System.Text;

namespace RnnGen.Tests.Runtime;

/// <summary>Builds safetensors files by hand, malformed on purpose, for the validation tests.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The 8-byte length of <paramref name="header"/>, the header, then <paramref name="dataLength"/> zero bytes.</summary>
    public static byte[] Build(string header, int dataLength) =>
        Build(Encoding.UTF8.GetBytes(header), dataLength);

    /// <summary>The 8-byte length of <paramref name="header"/>, the header, then <paramref name="dataLength"/> zero bytes.</summary>
    public static byte[] Build(byte[] header, int dataLength) =>
        WithLength((ulong)header.Length, Concat(header, new byte[dataLength]));

    /// <summary>An 8-byte little-endian <paramref name="headerLength"/> followed by <paramref name="rest"/>.</summary>
    public static byte[] WithLength(ulong headerLength, byte[] rest)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, headerLength);
        return Concat(prefix, rest);
    }

    /// <summary>An F32 entry of the header, <c>"name":{...}</c>.</summary>
    public static string Entry(string name, string shape, long begin, long end) =>
        FormattableString.Invariant($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}");

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
