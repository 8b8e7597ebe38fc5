using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using RnnGen.Models;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// SafeTensorsFile.Read (and with it every generated Load) reads only a file whose length is known, at most
/// <see cref="SafeTensorsFile.MaxFileLength"/>, and checks the header length before it reads the rest: a directory,
/// a device, a pipe, a huge or a random file is a WeightsException at once, never an OutOfMemoryException or a hang.
/// </summary>
public sealed class SafeTensorsBoundsTests
{
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mkfifo(string path, uint mode);

    private static bool Unix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private const string Empty =
        "the file is empty (0 bytes), or is not a regular file (a pipe or a device reports 0 bytes, and is not read); a safetensors file starts with its 8-byte header length";

    [Fact]
    public void A_directory_is_named_as_one()
    {
        using var temp = new TempFolder();
        WeightsException read = Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(temp.Path));
        Assert.Equal($"{temp.Path}: it is a directory, not a safetensors file", read.Message);
        WeightsException write = Assert.Throws<WeightsException>(() => SafeTensorsFile.Write(temp.Path, []));
        Assert.Equal($"{temp.Path}: it is a directory; name the file to write", write.Message);
    }

    [Fact]
    public void Devices_pipes_and_links_to_them_are_not_read()
    {
        if (!Unix) return;
        using var temp = new TempFolder();
        Assert.Equal(0, mkfifo(temp.File("fifo.safetensors"), Convert.ToUInt32("644", 8)));
        File.CreateSymbolicLink(temp.File("zero.safetensors"), "/dev/zero");
        File.WriteAllBytes(temp.File("empty.safetensors"), []);
        var watch = Stopwatch.StartNew();
        foreach (string path in new[] { "/dev/zero", "/dev/urandom", temp.File("fifo.safetensors"), temp.File("zero.safetensors"), temp.File("empty.safetensors") })
        {
            WeightsException e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(path));
            Assert.Equal($"{path}: {Empty}", e.Message);
        }
        // The generated Load goes through the same reader: a WeightsException, not an OutOfMemoryException.
        Assert.Equal($"/dev/zero: {Empty}", Assert.Throws<WeightsException>(() => NameTagger.Load("/dev/zero")).Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        using var temp = new TempFolder();
        string path = temp.File("huge.safetensors");
        using (FileStream huge = File.Create(path)) huge.SetLength(SafeTensorsFile.MaxFileLength + 1); // sparse: no disk, no time
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        WeightsException e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(path));
        Assert.Equal($"{path}: the file is 2,147,483,592 bytes long, more than the 2,147,483,591 bytes (2 GiB) RnnGen reads of a weights file", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20);
        Assert.Equal(SafeTensorsFile.MaxFileLength, Array.MaxLength);
    }

    [Fact]
    public void The_header_length_is_checked_before_the_rest_is_allocated()
    {
        using var temp = new TempFolder();
        string zeros = temp.File("zeros.safetensors");
        using (FileStream file = File.Create(zeros)) file.SetLength(1L << 30); // 1 GiB of zeros: header length 0
        string random = temp.File("random.safetensors");
        using (FileStream file = File.Create(random))
        {
            file.Write([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
            file.SetLength(1L << 30);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal($"{zeros}: the header length is 0", Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(zeros)).Message);
        Assert.Equal($"{random}: the header length 9223372036854775807 exceeds the limit of 100000000 bytes",
            Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(random)).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20);
    }

    [Fact]
    public void Messages_about_a_file_stay_short_however_many_or_long_its_names()
    {
        string longName = new('n', 100_000);
        var tensors = new System.Collections.Generic.List<Tensor> { new(longName, [1], [0f]) };
        for (int i = 0; i < 5000; i++) tensors.Add(new Tensor("t" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), [1], [0f]));
        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(tensors), "many.safetensors");

        WeightsException missing = Assert.Throws<WeightsException>(() => file.Require("Waa", 1));
        Assert.True(missing.Message.Length < 2000, missing.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith(", … and 4,981 more", missing.Message, StringComparison.Ordinal);
        Assert.Contains(new string('n', 80) + "… (100,000 characters)", missing.Message, StringComparison.Ordinal);

        WeightsException unexpected = Assert.Throws<WeightsException>(() => file.RejectUnexpected("t0000"));
        Assert.Equal("many.safetensors: tensor '" + new string('n', 80) + "… (100,000 characters)': unexpected; the model reads only t0000", unexpected.Message);
        Assert.Equal(longName, unexpected.TensorName);

        WeightsException load = Assert.Throws<WeightsException>(() => NameTagger.FromSafeTensors(file));
        Assert.True(load.Message.Length < 4000, load.Message);

        int[] shape = new int[20_000];
        Array.Fill(shape, 1);
        SafeTensorsFile deep = SafeTensorsFile.Parse(SafeTensorsFile.Serialize([new Tensor("Waa", shape, [0f])]), "deep.safetensors");
        Assert.Equal("deep.safetensors: tensor 'Waa': shape [1, 1, 1, 1, 1, 1, 1, 1, … of 20,000 dimensions] but the model needs [100, 100]",
            Assert.Throws<WeightsException>(() => deep.Require("Waa", 100, 100)).Message);
    }
}
