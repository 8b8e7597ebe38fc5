using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RnnGen.Tests.Audio;

/// <summary>
/// A WAV writer of the tests' own, independent of <c>WavFile.Encode</c>: chunks written one by one with a BinaryWriter,
/// so a test can write any format tag, bit depth, channel count, chunk order or size, right or wrong.
/// </summary>
internal static class TestWav
{
    public static byte[] Fmt(int tag = 1, int channels = 1, int rate = 16000, int bits = 16, int extensibleSubTag = -1)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        w.Write((ushort)(extensibleSubTag >= 0 ? 0xFFFE : tag));
        w.Write((ushort)channels);
        w.Write(rate);
        w.Write(rate * channels * bits / 8);
        w.Write((ushort)(channels * bits / 8));
        w.Write((ushort)bits);
        if (extensibleSubTag >= 0)
        {
            w.Write((ushort)22); // cbSize
            w.Write((ushort)bits); // valid bits
            w.Write(4); // channel mask: front centre
            w.Write((ushort)extensibleSubTag);
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }
        w.Flush();
        return body.ToArray();
    }

    public static byte[] Pcm16(IReadOnlyList<short> samples)
    {
        var bytes = new byte[2 * samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            bytes[2 * i] = (byte)(samples[i] & 0xFF);
            bytes[2 * i + 1] = (byte)((samples[i] >> 8) & 0xFF);
        }
        return bytes;
    }

    /// <summary>A RIFF/WAVE file of the chunks in order (odd bodies padded); <paramref name="sizes"/> overrides declared sizes.</summary>
    public static byte[] Riff(IReadOnlyList<(string Id, byte[] Body)> chunks, string riff = "RIFF", string type = "WAVE",
        uint? riffSize = null, IReadOnlyDictionary<string, uint>? sizes = null)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        foreach ((string id, byte[] data) in chunks)
        {
            w.Write(Encoding.ASCII.GetBytes(id));
            w.Write(sizes is not null && sizes.TryGetValue(id, out uint size) ? size : (uint)data.Length);
            w.Write(data);
            if (data.Length % 2 == 1) w.Write((byte)0);
        }
        w.Flush();
        byte[] inner = body.ToArray();
        using var file = new MemoryStream();
        using var f = new BinaryWriter(file);
        f.Write(Encoding.ASCII.GetBytes(riff));
        f.Write(riffSize ?? (uint)(4 + inner.Length));
        f.Write(Encoding.ASCII.GetBytes(type));
        f.Write(inner);
        f.Flush();
        return file.ToArray();
    }

    public static byte[] Mono16(IReadOnlyList<short> samples, int rate = 16000) =>
        Riff([("fmt ", Fmt(rate: rate)), ("data", Pcm16(samples))]);
}
