// RS1035 bans file access in analyzers because a generator must take its inputs from the compiler. This file
// only asks the file system *about* a file the compiler is about to read for us (is it a directory, how long is
// it), never opens one: the compiler's own read of a FIFO blocks forever, and of /dev/zero never ends.
#pragma warning disable RS1035

using System;
using System.Globalization;
using System.IO;
using System.Reflection;

namespace RnnGen.Generators.Specs;

/// <summary>What is at a path on disk, as far as reading it is concerned.</summary>
internal enum FileState
{
    /// <summary>Nothing, or a file the host holds in memory only (a test, an unsaved editor buffer): the host's text is used.</summary>
    NotOnDisk,

    /// <summary>A directory (or a link to one).</summary>
    Directory,

    /// <summary>A file (or a link to one) whose length the file system reports.</summary>
    File,
}

/// <summary>
/// The files RnnGen reads, and how much of them: only the specs and the vocabularies a spec names (the build passes
/// every <c>*.txt</c> under the models folder, and none of the others is ever read), each only when its length on disk
/// is known and within a cap, before anything is read.
/// </summary>
/// <remarks>
/// A FIFO, a socket or a device (<c>/dev/zero</c>, <c>/dev/random</c>) reports a length of 0, as does a file in
/// <c>/proc</c>: a file of length 0 is read as empty, without being opened, so reading it can neither block nor run
/// forever. A link is followed to what it finally names (on hosts that run on .NET 6 or later, where the API exists;
/// the .NET Framework compiler of older Visual Studio versions reads a link through the host). A file that is not
/// on disk at all is one the host holds in memory, and its text is used, within the same cap in characters.
/// </remarks>
internal static class InputFiles
{
    /// <summary>The largest spec file read: 4 MiB (the shipped specs are under 1 KB).</summary>
    public const long MaxSpecBytes = 4L * 1024 * 1024;

    /// <summary>
    /// The largest vocabulary file read: 16 MiB (1,000,000 tokens of 16 bytes, line breaks included). It bounds the generated
    /// vocabulary (its lines are the file's) and with it the build: the largest generates in about 4 s and 420 MB and compiles
    /// in memory in about 12 s (LargestSpecTests, docs/reliability.md).
    /// </summary>
    public const long MaxVocabularyBytes = 16L * 1024 * 1024;

    private static readonly MethodInfo? s_resolveLinkTarget =
        typeof(File).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(bool) }, null);

    /// <summary>What is at <paramref name="path"/>, following links; <see cref="FileState.NotOnDisk"/> when the file system cannot say.</summary>
    public static (FileState State, long Length) Probe(string path)
    {
        try
        {
            string target = FinalTarget(path);
            if (Directory.Exists(target)) return (FileState.Directory, 0);
            var info = new FileInfo(target);
            return info.Exists ? (FileState.File, info.Length) : (FileState.NotOnDisk, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or System.Security.SecurityException or TargetInvocationException)
        {
            return (FileState.NotOnDisk, 0);
        }
    }

    /// <summary>
    /// Why the file at <paramref name="path"/> must not be read (for RNN0031: "it is a directory", "it is … bytes long, …"),
    /// or null when it may be; <paramref name="empty"/> is true when it is on disk with length 0, so that it is empty
    /// text without being read.
    /// </summary>
    public static string? Refusal(string path, long maxBytes, string what, out bool empty)
    {
        empty = false;
        (FileState state, long length) = Probe(path);
        switch (state)
        {
            case FileState.Directory:
                return "it is a directory";
            case FileState.File when length > maxBytes:
                return TooLong(length, maxBytes, "bytes", what);
            case FileState.File when length == 0:
                empty = true;
                return null;
            default:
                return null;
        }
    }

    /// <summary>"it is 5,000,000 bytes long, more than the 4,194,304 (4 MiB) RnnGen reads of a spec".</summary>
    public static string TooLong(long length, long max, string unit, string what) =>
        $"it is {length.ToString("#,0", CultureInfo.InvariantCulture)} {unit} long, more than the {max.ToString("#,0", CultureInfo.InvariantCulture)} "
        + $"({(max / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB) RnnGen reads of {what}";

    private static string FinalTarget(string path)
    {
        if (s_resolveLinkTarget is null || (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0) return path;
        return s_resolveLinkTarget.Invoke(null, new object[] { path, true }) is FileSystemInfo target ? target.FullName : path;
    }
}
