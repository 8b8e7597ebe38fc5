using System;
using System.Collections.Generic;
using System.IO;
using RnnGen.Audio;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Audio;

/// <summary>WavFile on files written by the tests' own writer (<see cref="TestWav"/>): what is read, and what is refused.</summary>
public sealed class WavFileTests
{
    private static readonly short[] Some = [0, 1, -1, 32767, -32768, 12345, -2222];

    [Fact]
    public void Sixteen_bit_mono_round_trips_through_a_file()
    {
        using var temp = new TempFolder();
        string path = temp.File("clip.wav");
        File.WriteAllBytes(path, TestWav.Mono16(Some, rate: 8000));
        PcmAudio audio = WavFile.Read(path);
        Assert.Equal(8000, audio.SampleRate);
        Assert.Equal(Some.Length, audio.Samples.Length);
        for (int i = 0; i < Some.Length; i++) Assert.Equal(Some[i] / 32768f, audio.Samples.Span[i]);
        Assert.Equal(Some.Length / 8000.0, audio.Duration);

        // WavFile's own writer gives back the same samples, and the same bytes as the tests' writer.
        string copy = temp.File("copy.wav");
        WavFile.Write(copy, audio);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(copy));
    }

    [Fact]
    public void The_writer_clamps_and_rounds()
    {
        byte[] bytes = WavFile.Encode(new PcmAudio(16000, [2f, -2f, 0.5f, float.NaN, 1.5f / 32768f]));
        PcmAudio back = WavFile.Parse(bytes, "x.wav");
        Assert.Equal([32767 / 32768f, -1f, 0.5f, 0f, 2 / 32768f], back.Samples.ToArray());
    }

    [Fact]
    public void Other_chunks_odd_padding_and_extensible_PCM_are_read()
    {
        byte[] bytes = TestWav.Riff([("LIST", new byte[] { 1, 2, 3 }), ("fmt ", TestWav.Fmt(extensibleSubTag: 1)), ("fact", new byte[4]),
            ("data", TestWav.Pcm16(Some))]);
        PcmAudio audio = WavFile.Parse(bytes, "ext.wav");
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(Some[3] / 32768f, audio.Samples.Span[3]);
    }

    public static IEnumerable<object[]> Broken()
    {
        byte[] fmt = TestWav.Fmt();
        byte[] data = TestWav.Pcm16(Some);
        yield return [new byte[] { 82, 73, 70, 70 }, "4 bytes is too short for a RIFF/WAVE header (12 bytes)"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], riff: "OggS"), "not a WAV file: it starts with 'OggS', not 'RIFF'"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], riff: "RIFX"), "big-endian RIFX files are not read; convert to RIFF (sox in.wav out.wav)"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], type: "AVI "), "a RIFF file of type 'AVI ', not 'WAVE'"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(tag: 3, bits: 32)), ("data", data)]),
            "format tag 3 (IEEE float): only PCM (format tag 1) is read; convert it: sox in.wav -e signed-integer -b 16 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(tag: 7, bits: 8)), ("data", data)]), "format tag 7 (µ-law): only PCM (format tag 1) is read; convert it: sox in.wav -e signed-integer -b 16 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(extensibleSubTag: 3)), ("data", data)]), "format tag 3 (IEEE float): only PCM (format tag 1) is read; convert it: sox in.wav -e signed-integer -b 16 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(bits: 8)), ("data", data)]), "8 bits per sample: only 16-bit PCM is read; convert it: sox in.wav -b 16 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(bits: 24)), ("data", data)]), "24 bits per sample: only 16-bit PCM is read; convert it: sox in.wav -b 16 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(channels: 2)), ("data", data)]), "2 channels: only mono is read; mix it down: sox in.wav -c 1 out.wav"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(rate: 0)), ("data", data)]), "sample rate 0 Hz"];
        yield return [TestWav.Riff([("fmt ", fmt[..14]), ("data", data)]), "truncated: the 'fmt ' chunk has 14 bytes, fewer than 16"];
        yield return [TestWav.Riff([("fmt ", TestWav.Fmt(extensibleSubTag: 1)[..30]), ("data", data)]), "truncated: an extensible 'fmt ' chunk has 30 bytes, fewer than 40"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], sizes: new Dictionary<string, uint> { ["data"] = 1000 }),
            "truncated: chunk 'data' at offset 36 says 1000 bytes, only 14 follow"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], riffSize: 5000), "truncated: the RIFF header says 5008 bytes, the file has 58"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], riffSize: uint.MaxValue), "the RIFF size is 0xFFFFFFFF: a streamed file whose sizes were never written"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], sizes: new Dictionary<string, uint> { ["data"] = uint.MaxValue }),
            "chunk 'data' has size 0xFFFFFFFF: a streamed file whose sizes were never written"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data)], sizes: new Dictionary<string, uint> { ["fmt "] = 0x7FFFFFF0 }),
            "truncated: chunk 'fmt ' at offset 12 says 2147483632 bytes, only 38 follow"];
        yield return [TestWav.Riff([("fmt ", fmt)]), "no 'data' chunk"];
        yield return [TestWav.Riff([("LIST", new byte[6])]), "no 'fmt ' chunk"];
        yield return [TestWav.Riff([("data", data), ("fmt ", fmt)]), "the 'data' chunk comes before any 'fmt ' chunk"];
        yield return [TestWav.Riff([("fmt ", fmt), ("fmt ", fmt), ("data", data)]), "a second 'fmt ' chunk at offset 36"];
        yield return [TestWav.Riff([("fmt ", fmt), ("data", data[..13])]), "the 'data' chunk has 13 bytes, not a whole number of 16-bit samples"];
        byte[] cut = TestWav.Mono16(Some);
        yield return [cut[..40], "truncated: the RIFF header says 58 bytes, the file has 40"];
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_files_are_refused_with_the_file_and_the_problem(byte[] bytes, string detail)
    {
        WavFormatException e = Assert.Throws<WavFormatException>(() => WavFile.Parse(bytes, "clips/bad.wav"));
        Assert.Equal("clips/bad.wav", e.File);
        Assert.Equal(detail, e.Detail);
        Assert.Equal("clips/bad.wav: " + detail, e.Message);
    }

    [Fact]
    public void Missing_empty_and_directory_paths_are_named()
    {
        using var temp = new TempFolder();
        Assert.Equal(temp.File("none.wav") + ": no such file", Assert.Throws<WavFormatException>(() => WavFile.Read(temp.File("none.wav"))).Message);
        Assert.Equal(temp.Path + ": it is a directory, not a WAV file", Assert.Throws<WavFormatException>(() => WavFile.Read(temp.Path)).Message);
        File.WriteAllBytes(temp.File("empty.wav"), []);
        Assert.StartsWith(temp.File("empty.wav") + ": the file is empty (0 bytes)", Assert.Throws<WavFormatException>(() => WavFile.Read(temp.File("empty.wav"))).Message);
    }
}
