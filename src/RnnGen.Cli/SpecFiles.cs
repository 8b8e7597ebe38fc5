using System;
using System.IO;
using System.Text;
using RnnGen.Generators.Specs;

namespace RnnGen.Cli;

/// <summary>
/// How <c>rnngen check</c> reads a spec and the vocabulary it names: as the build does (<see cref="InputFiles"/>: only
/// those two files, a directory or a file over its cap is not read, a file of length 0 is empty without being
/// opened), and never more than the cap even if the file grows while it is read.
/// </summary>
internal static class SpecFiles
{
    /// <summary>The file's text, or why it was not (RNN0031) or could not be (RNN0099) read.</summary>
    public static SpecFile Read(string path, long maxBytes, string what)
    {
        if (InputFiles.Refusal(path, maxBytes, what, out bool empty) is string refusal) return SpecFile.Refused(path, refusal);
        if (empty) return new SpecFile(path, "");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            byte[] bytes = ReadAtMost(stream, maxBytes + 1);
            if (bytes.Length > maxBytes)
            {
                return SpecFile.Refused(path, $"it grew past {Numbers.Int(maxBytes)} bytes while it was read, more than RnnGen reads of {what}");
            }
            // As File.ReadAllText: a byte-order mark names the encoding, else UTF-8.
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new SpecFile(path, reader.ReadToEnd());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SpecFile(path, "", $"cannot read the file ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Up to <paramref name="limit"/> bytes of the stream, however long it is.</summary>
    internal static byte[] ReadAtMost(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        while (buffer.Length < limit)
        {
            int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length));
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
