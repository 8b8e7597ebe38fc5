using System;
using System.IO;

namespace RnnGen.Tests.Diagnostics;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds RnnGen.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RnnGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " holds RnnGen.sln.");
    });

    public static string Root => s_path.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
