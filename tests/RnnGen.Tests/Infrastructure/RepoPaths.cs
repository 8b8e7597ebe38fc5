using System;
using System.IO;
using System.Linq;

namespace RnnGen.Tests.Infrastructure;

/// <summary>Paths inside the repository, found by walking up from the test assembly to RnnGen.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "RnnGen.sln"))) return dir;
        }
        throw new InvalidOperationException("RnnGen.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Models => Path.Combine(Root, "models");

    /// <summary>The project's public home as Directory.Build.props writes it (<c>RnnGenProjectUrl</c>), the one place it is written.</summary>
    public static string ProjectUrl() =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("RnnGenProjectUrl").Single().Value;

    /// <summary>Every spec and text file of models/, as (file name, text), the way the build hands them to the generator.</summary>
    public static (string FileName, string Text)[] ModelFiles()
    {
        var files = new System.Collections.Generic.List<(string, string)>();
        foreach (string path in Directory.GetFiles(Models))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(".rnn.json", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal))
            {
                files.Add((name, File.ReadAllText(path)));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files.ToArray();
    }
}
