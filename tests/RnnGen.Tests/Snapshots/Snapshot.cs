using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace RnnGen.Tests.Snapshots;

/// <summary>
/// Snapshot assertions that follow Verify's file conventions (see docs/snapshots.md):
/// the expected text lives beside the test's source file as
/// <c>&lt;ClassName&gt;.&lt;Method&gt;[.&lt;name&gt;].verified.&lt;ext&gt;</c>, and a mismatch writes
/// <c>….received.&lt;ext&gt;</c> next to it for review.
/// </summary>
/// <remarks>
/// ClassName is the test source file's name without <c>.cs</c> (Verify uses the class name); the two
/// agree as long as each test file holds one test class named like the file.
/// </remarks>
public static class Snapshot
{
    /// <summary>Set to <c>1</c> or <c>true</c> to accept every received snapshot (outside CI).</summary>
    public const string AcceptVariable = "RNNGEN_ACCEPT_SNAPSHOTS";

    /// <summary>Set to <c>1</c> or <c>true</c> by CI; snapshots are then never accepted.</summary>
    public const string CiVariable = "CI";

    /// <summary>
    /// Compares <paramref name="actual"/> with the verified snapshot of the calling test, ignoring
    /// the difference between CRLF and LF. Throws <see cref="SnapshotMismatchException"/> when the
    /// verified file is missing or differs (after writing the received file), unless accepting.
    /// </summary>
    /// <param name="actual">The text the test produced.</param>
    /// <param name="extension">The snapshot's file extension, without the dot (<c>txt</c>, <c>cs</c>, <c>json</c>).</param>
    /// <param name="name">An optional extra name part, for several snapshots in one test.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling test's source file.</param>
    /// <param name="method">Filled in by the compiler: the calling test method.</param>
    public static void Verify(
        string actual,
        string extension = "txt",
        string? name = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        string resolved = SnapshotCore.ResolveSourceFile(sourceFile, AppContext.BaseDirectory, Directory.Exists);
        SnapshotResult result = SnapshotCore.Run(
            actual,
            SnapshotCore.PathsFor(resolved, method, name, extension),
            Environment.GetEnvironmentVariable(AcceptVariable),
            Environment.GetEnvironmentVariable(CiVariable));
        if (!result.Passed)
        {
            throw new SnapshotMismatchException(result.Message);
        }
    }
}

/// <summary>A snapshot that is missing or differs from what the test produced.</summary>
public sealed class SnapshotMismatchException : XunitException
{
    /// <summary>Creates the exception with the full, human-readable explanation.</summary>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }
}

/// <summary>Where one snapshot's files are.</summary>
/// <param name="Title">The snapshot's name as messages show it: <c>Class.Method[.name]</c>.</param>
/// <param name="Verified">The full path of the verified (approved) file.</param>
/// <param name="Received">The full path of the received file written on a mismatch.</param>
internal sealed record SnapshotPaths(string Title, string Verified, string Received);

/// <summary>What comparing a snapshot decided.</summary>
internal enum SnapshotAction
{
    /// <summary>The texts match: delete a stale received file and pass.</summary>
    Pass,

    /// <summary>Accept mode: write the verified file, delete a stale received file, and pass.</summary>
    Accept,

    /// <summary>Missing or different: write the received file and fail.</summary>
    Fail,
}

/// <summary>The outcome of <see cref="SnapshotCore.Run"/>.</summary>
/// <param name="Action">What was done.</param>
/// <param name="Message">For a failure, the full explanation; otherwise a short note.</param>
internal sealed record SnapshotResult(SnapshotAction Action, string Message)
{
    public bool Passed => Action != SnapshotAction.Fail;
}

/// <summary>
/// The snapshot logic: pure functions (<see cref="Decide"/>, <see cref="Describe"/> and helpers) and
/// one thin IO edge (<see cref="Run"/>) that takes the paths and environment values as arguments,
/// so tests can drive it in a temporary folder without touching the real environment.
/// </summary>
internal static class SnapshotCore
{
    private const int ContextLines = 3;
    private const int MaxShownLineLength = 200;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>CRLF and lone CR become LF.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Whether an environment variable's value switches something on: <c>1</c> or <c>true</c>, any case.</summary>
    public static bool IsOn(string? value)
    {
        string v = (value ?? string.Empty).Trim();
        return v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The snapshot files for a test: <c>&lt;dir of sourceFile&gt;/&lt;file name without .cs&gt;.&lt;method&gt;[.&lt;name&gt;].verified.&lt;ext&gt;</c>.
    /// </summary>
    public static SnapshotPaths PathsFor(string sourceFile, string method, string? name, string extension)
    {
        if (string.IsNullOrEmpty(sourceFile))
        {
            throw new ArgumentException("The test's source file is unknown (pass [CallerFilePath]).", nameof(sourceFile));
        }

        if (string.IsNullOrEmpty(method))
        {
            throw new ArgumentException("The test method's name is unknown (pass [CallerMemberName]).", nameof(method));
        }

        string ext = extension.TrimStart('.');
        if (ext.Length == 0)
        {
            throw new ArgumentException("The snapshot's extension must not be empty.", nameof(extension));
        }

        string directory = Path.GetDirectoryName(sourceFile) ?? ".";
        string title = Path.GetFileNameWithoutExtension(sourceFile) + "." + method + (string.IsNullOrEmpty(name) ? string.Empty : "." + name);
        return new SnapshotPaths(
            title,
            Path.Combine(directory, title + ".verified." + ext),
            Path.Combine(directory, title + ".received." + ext));
    }

    /// <summary>
    /// Finds the real source file when the compiler mapped its path (deterministic CI builds map the
    /// repository root to <c>/_/</c>): walks up from <paramref name="baseDirectory"/> (the test assembly's
    /// folder) until the path below the mapped root exists. Unmapped paths are returned unchanged.
    /// </summary>
    public static string ResolveSourceFile(string sourceFile, string baseDirectory, Func<string, bool> directoryExists)
    {
        string? sourceDirectory = Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(sourceDirectory) || directoryExists(sourceDirectory))
        {
            return sourceFile;
        }

        string normalized = sourceFile.Replace('\\', '/');
        if (!normalized.StartsWith("/_", StringComparison.Ordinal))
        {
            return sourceFile;
        }

        int slash = normalized.IndexOf('/', 1);
        if (slash < 0)
        {
            return sourceFile;
        }

        string relative = normalized[(slash + 1)..];
        string relativeDirectory = Path.GetDirectoryName(relative) ?? string.Empty;
        for (DirectoryInfo? dir = new(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (directoryExists(Path.Combine(dir.FullName, relativeDirectory)))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        return sourceFile;
    }

    /// <summary>
    /// Decides what to do, without touching files: <paramref name="verified"/> is the verified file's
    /// text, or <see langword="null"/> when it does not exist.
    /// </summary>
    public static SnapshotResult Decide(string actual, string? verified, SnapshotPaths paths, string? acceptValue, string? ciValue)
    {
        string received = Normalize(actual);
        if (verified is not null && Normalize(verified) == received)
        {
            return new SnapshotResult(SnapshotAction.Pass, $"{paths.Title} matches {paths.Verified}.");
        }

        bool acceptRequested = IsOn(acceptValue);
        bool onCi = IsOn(ciValue);
        if (acceptRequested && !onCi)
        {
            return new SnapshotResult(SnapshotAction.Accept, $"{paths.Title}: accepted into {paths.Verified} ({Snapshot.AcceptVariable} is set).");
        }

        return new SnapshotResult(SnapshotAction.Fail, Describe(received, verified is null ? null : Normalize(verified), paths, acceptRequested && onCi));
    }

    /// <summary>The failure message: both files, the first differing line with context, and how to accept.</summary>
    public static string Describe(string received, string? verified, SnapshotPaths paths, bool acceptBlockedByCi)
    {
        var sb = new StringBuilder();
        if (verified is null)
        {
            sb.Append("Snapshot ").Append(paths.Title).AppendLine(" has no verified file yet.");
            sb.Append("  verified: ").Append(paths.Verified).AppendLine(" (missing)");
            sb.Append("  received: ").Append(paths.Received).AppendLine(" (written now)");
            string[] lines = (received.EndsWith('\n') ? received[..^1] : received).Split('\n');
            sb.Append("Received text (").Append(lines.Length).AppendLine(lines.Length == 1 ? " line), beginning:" : " lines), beginning:");
            for (int i = 0; i < Math.Min(lines.Length, 2 * ContextLines + 1); i++)
            {
                AppendLine(sb, "+", i + 1, lines[i]);
            }
        }
        else
        {
            sb.Append("Snapshot ").Append(paths.Title).AppendLine(" differs from its verified file.");
            sb.Append("  verified: ").AppendLine(paths.Verified);
            sb.Append("  received: ").Append(paths.Received).AppendLine(" (written now)");
            AppendFirstDifference(sb, verified, received);
        }

        sb.AppendLine();
        if (acceptBlockedByCi)
        {
            sb.Append(Snapshot.AcceptVariable).Append(" is set, but ").Append(Snapshot.CiVariable)
              .AppendLine(" is true: snapshots are never accepted on CI. Accept locally, review, and commit the verified file.");
        }

        sb.AppendLine("To accept the received text after reviewing it, either:");
        sb.Append("  * set ").Append(Snapshot.AcceptVariable).AppendLine("=1 (or true) and rerun the tests (not on CI), or");
        sb.AppendLine("  * move the received file over the verified one:");
        sb.Append("      mv '").Append(paths.Received).Append("' '").Append(paths.Verified).AppendLine("'");
        sb.Append("Review: git diff --no-index '").Append(paths.Verified).Append("' '").Append(paths.Received).Append('\'');
        return sb.ToString();
    }

    /// <summary>The 1-based number of the first line where the texts differ (texts normalised to LF), or 0 when equal.</summary>
    public static int FirstDifferentLine(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            if (i >= e.Length || i >= a.Length || !string.Equals(e[i], a[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>The IO edge: reads the verified file, decides, and writes or deletes files accordingly.</summary>
    public static SnapshotResult Run(string actual, SnapshotPaths paths, string? acceptValue, string? ciValue)
    {
        string? verified = File.Exists(paths.Verified) ? File.ReadAllText(paths.Verified, Encoding.UTF8) : null;
        SnapshotResult result = Decide(actual, verified, paths, acceptValue, ciValue);
        switch (result.Action)
        {
            case SnapshotAction.Pass:
                File.Delete(paths.Received);
                break;
            case SnapshotAction.Accept:
                WriteLf(paths.Verified, actual);
                File.Delete(paths.Received);
                break;
            case SnapshotAction.Fail:
                WriteLf(paths.Received, actual);
                break;
        }

        return result;
    }

    private static void WriteLf(string path, string text)
    {
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Normalize(text), Utf8NoBom);
    }

    private static void AppendFirstDifference(StringBuilder sb, string verified, string received)
    {
        string[] e = verified.Split('\n');
        string[] a = received.Split('\n');
        int line = FirstDifferentLine(verified, received);
        sb.Append("First difference at line ").Append(line).AppendLine(" (- verified, + received):");
        int index = line - 1;
        for (int i = Math.Max(0, index - ContextLines); i < index; i++)
        {
            AppendLine(sb, " ", i + 1, e[i]);
        }

        AppendSide(sb, "-", e, index);
        AppendSide(sb, "+", a, index);
        if ((e.Length == a.Length + 1 && e[^1].Length == 0 && index == a.Length) ||
            (a.Length == e.Length + 1 && a[^1].Length == 0 && index == e.Length))
        {
            sb.AppendLine("(The texts differ only in the final newline.)");
        }
    }

    private static void AppendSide(StringBuilder sb, string marker, IReadOnlyList<string> lines, int index)
    {
        if (index >= lines.Count)
        {
            sb.Append("  ").Append(marker).Append(' ', 7).AppendLine("(end of text)");
            return;
        }

        for (int i = index; i < Math.Min(lines.Count, index + ContextLines); i++)
        {
            AppendLine(sb, marker, i + 1, lines[i]);
        }
    }

    private static void AppendLine(StringBuilder sb, string marker, int number, string text)
    {
        string shown = text.Length > MaxShownLineLength ? string.Concat(text.AsSpan(0, MaxShownLineLength), "…") : text;
        sb.Append("  ").Append(marker).Append(' ').Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5)).Append(" | ").AppendLine(shown);
    }
}
