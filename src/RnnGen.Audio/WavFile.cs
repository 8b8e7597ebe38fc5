using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace RnnGen.Audio;

/// <summary>
/// Reads and writes WAV files of 16-bit PCM mono: a RIFF/WAVE file with a <c>fmt </c> chunk of format tag 1 (PCM), or
/// 0xFFFE (extensible) whose sub-format is PCM, one channel and 16 bits per sample, then a <c>data</c> chunk; other
/// chunks (<c>LIST</c>, <c>fact</c>, …) are skipped.
/// </summary>
/// <remarks>
/// Refused, each with a <see cref="WavFormatException"/> that names the file and what is wrong: a file that is not
/// RIFF/WAVE (or is big-endian RIFX, or RF64), a format tag other than PCM (IEEE float, A-law, µ-law, ADPCM, MP3, …),
/// another bit depth than 16, more than one channel, a sample rate of 0, a chunk that runs past the end of the file
/// (truncated), a streamed file whose sizes were never written (0xFFFFFFFF), a file over
/// <see cref="MaxFileBytes"/>, a missing <c>fmt </c> or <c>data</c> chunk, or data that is not a whole number of samples.
/// </remarks>
public static class WavFile
{
    /// <summary>The largest file read: 256 MiB, more than two hours of 16 kHz audio.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private const int PcmTag = 1;
    private const int ExtensibleTag = 0xFFFE;

    /// <summary>Reads a file (<see cref="Parse"/>).</summary>
    /// <param name="path">The WAV file.</param>
    /// <returns>The clip.</returns>
    /// <exception cref="WavFormatException">The file is missing, unreadable, too large or not 16-bit PCM mono.</exception>
    public static PcmAudio Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new WavFormatException(path, "cannot read the file: " + e.Message, e);
        }
        return Parse(bytes, path);
    }

    /// <summary>
    /// The whole file, read only when it is a regular file of at most <see cref="MaxFileBytes"/>: a directory, a pipe or
    /// a device (which report 0 bytes; a FIFO would block) or a longer file is refused before anything is read.
    /// </summary>
    private static byte[] ReadBounded(string path)
    {
        if (Directory.Exists(path)) throw new WavFormatException(path, "it is a directory, not a WAV file");
        var info = new FileInfo(path);
        if (!info.Exists) throw new WavFormatException(path, "no such file");
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        if (info.Length == 0)
        {
            throw new WavFormatException(path, "the file is empty (0 bytes), or is not a regular file (a pipe or a device reports 0 bytes, and is not read)");
        }
        if (info.Length > MaxFileBytes) throw TooLarge(path, info.Length);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > MaxFileBytes) throw TooLarge(path, length);
        var bytes = new byte[length];
        int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static WavFormatException TooLarge(string path, long length) =>
        new(path, Invariant($"the file has {length} bytes, more than the {MaxFileBytes} (256 MiB) a WAV file may have here"));

    /// <summary>Parses the bytes of a WAV file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">The file's name, for the messages.</param>
    /// <returns>The clip, its samples s / 32768.</returns>
    /// <exception cref="WavFormatException">The bytes are not a 16-bit PCM mono WAV file.</exception>
    public static PcmAudio Parse(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length > MaxFileBytes) throw TooLarge(source, bytes.Length);
        if (bytes.Length < 12) throw new WavFormatException(source, Invariant($"{bytes.Length} bytes is too short for a RIFF/WAVE header (12 bytes)"));
        string riff = FourCc(bytes[..4]);
        if (riff == "RIFX") throw new WavFormatException(source, "big-endian RIFX files are not read; convert to RIFF (sox in.wav out.wav)");
        if (riff == "RF64") throw new WavFormatException(source, "RF64 (64-bit sizes) files are not read");
        if (riff != "RIFF") throw new WavFormatException(source, $"not a WAV file: it starts with '{riff}', not 'RIFF'");
        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (FourCc(bytes[8..12]) != "WAVE") throw new WavFormatException(source, $"a RIFF file of type '{FourCc(bytes[8..12])}', not 'WAVE'");
        if (riffSize == uint.MaxValue) throw new WavFormatException(source, "the RIFF size is 0xFFFFFFFF: a streamed file whose sizes were never written");
        if (riffSize + 8L > bytes.Length)
        {
            throw new WavFormatException(source, Invariant($"truncated: the RIFF header says {riffSize + 8L} bytes, the file has {bytes.Length}"));
        }

        Format? format = null;
        int offset = 12;
        int end = (int)(riffSize + 8L);
        while (offset < end)
        {
            if (end - offset < 8) throw new WavFormatException(source, Invariant($"truncated: {end - offset} bytes at offset {offset} are too few for a chunk header (8 bytes)"));
            string id = FourCc(bytes.Slice(offset, 4));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            int body = offset + 8;
            if (size == uint.MaxValue) throw new WavFormatException(source, $"chunk '{id}' has size 0xFFFFFFFF: a streamed file whose sizes were never written");
            if (size > end - body)
            {
                throw new WavFormatException(source, Invariant($"truncated: chunk '{id}' at offset {offset} says {size} bytes, only {end - body} follow"));
            }
            ReadOnlySpan<byte> chunk = bytes.Slice(body, (int)size);
            if (id == "fmt ")
            {
                if (format is not null) throw new WavFormatException(source, Invariant($"a second 'fmt ' chunk at offset {offset}"));
                format = ReadFormat(chunk, source);
            }
            else if (id == "data")
            {
                if (format is null) throw new WavFormatException(source, "the 'data' chunk comes before any 'fmt ' chunk");
                return Samples(chunk, format.Value, source);
            }
            offset = body + (int)size + (int)(size & 1);
        }
        throw new WavFormatException(source, format is null ? "no 'fmt ' chunk" : "no 'data' chunk");
    }

    /// <summary>Writes a clip as 16-bit PCM mono: each sample clamped to [−1, 1] and rounded to the nearest s / 32768.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="audio">The clip.</param>
    public static void Write(string path, PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(audio);
        File.WriteAllBytes(path, Encode(audio));
    }

    /// <summary>The bytes <see cref="Write"/> writes: a 44-byte header and the samples.</summary>
    /// <param name="audio">The clip.</param>
    /// <returns>The whole file.</returns>
    public static byte[] Encode(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ReadOnlySpan<float> samples = audio.Samples.Span;
        long dataBytes = 2L * samples.Length;
        if (dataBytes + 44 > MaxFileBytes) throw new ArgumentException(Invariant($"{samples.Length} samples do not fit in {MaxFileBytes} bytes"), nameof(audio));
        var bytes = new byte[44 + dataBytes];
        Span<byte> span = bytes;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], PcmTag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)audio.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (int i = 0; i < samples.Length; i++)
        {
            float s = float.IsNaN(samples[i]) ? 0 : Math.Clamp(samples[i], -1f, 1f);
            int value = Math.Clamp((int)MathF.Round(s * 32768f), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], (short)value);
        }
        return bytes;
    }

    private readonly record struct Format(int SampleRate);

    private static Format ReadFormat(ReadOnlySpan<byte> chunk, string source)
    {
        if (chunk.Length < 16) throw new WavFormatException(source, Invariant($"truncated: the 'fmt ' chunk has {chunk.Length} bytes, fewer than 16"));
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == ExtensibleTag)
        {
            if (chunk.Length < 40) throw new WavFormatException(source, Invariant($"truncated: an extensible 'fmt ' chunk has {chunk.Length} bytes, fewer than 40"));
            // The sub-format GUID's first two bytes are the format tag; the rest is the same for every standard one.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }
        if (tag != PcmTag)
        {
            throw new WavFormatException(source, Invariant($"format tag {tag} ({TagName(tag)}): only PCM (format tag 1) is read; convert it: sox in.wav -e signed-integer -b 16 out.wav"));
        }
        if (bits != 16) throw new WavFormatException(source, Invariant($"{bits} bits per sample: only 16-bit PCM is read; convert it: sox in.wav -b 16 out.wav"));
        if (channels != 1) throw new WavFormatException(source, Invariant($"{channels} channels: only mono is read; mix it down: sox in.wav -c 1 out.wav"));
        if (rate == 0 || rate > int.MaxValue) throw new WavFormatException(source, Invariant($"sample rate {rate} Hz"));
        return new Format((int)rate);
    }

    private static PcmAudio Samples(ReadOnlySpan<byte> data, Format format, string source)
    {
        if (data.Length % 2 != 0) throw new WavFormatException(source, Invariant($"the 'data' chunk has {data.Length} bytes, not a whole number of 16-bit samples"));
        var samples = new float[data.Length / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]) / 32768f;
        return new PcmAudio(format.SampleRate, samples);
    }

    private static string TagName(int tag) => tag switch
    {
        2 => "Microsoft ADPCM",
        3 => "IEEE float",
        6 => "A-law",
        7 => "µ-law",
        0x11 => "IMA ADPCM",
        0x55 => "MP3",
        _ => "not PCM",
    };

    private static string FourCc(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++) chars[i] = bytes[i] is >= 32 and < 127 ? (char)bytes[i] : '?';
        return new string(chars);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
