using System;
using System.IO;
using System.Linq;
using System.Reflection;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Package;

/// <summary>
/// A local folder feed holding the RnnGen package and the rnngen tool's package (RnnGen.Tool), made once per test
/// run and shared by every test of the <see cref="PackageCollection"/>. By default it packs src/RnnGen and
/// src/RnnGen.Cli from this run's build (<c>dotnet pack --no-build</c>, in the test assembly's configuration) at the
/// repository's version with a <c>-test</c> suffix. With <c>RNNGEN_PACKAGE_FEED</c> set to a folder that holds one
/// <c>RnnGen.&lt;version&gt;.nupkg</c> (with its .snupkg, and <c>RnnGen.Tool.&lt;version&gt;.nupkg</c>), the tests
/// use those files instead: scripts/release-check.sh runs them against the files it will publish.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public const string FeedVariable = "RNNGEN_PACKAGE_FEED";

    private readonly bool _owned;

    public PackageFeed()
    {
        string? given = Environment.GetEnvironmentVariable(FeedVariable);
        if (!string.IsNullOrEmpty(given))
        {
            Directory = Path.GetFullPath(given);
            // RnnGen.<version>.nupkg, a version starting with a digit: not RnnGen.Tool.<version>.nupkg.
            string[] packages = System.IO.Directory.Exists(Directory)
                ? System.IO.Directory.GetFiles(Directory, "RnnGen.*.nupkg")
                    .Where(p => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(p), @"^RnnGen\.[0-9][^/]*\.nupkg$")).ToArray()
                : Array.Empty<string>();
            if (packages.Length != 1)
            {
                Error = $"{FeedVariable}='{given}' must be a folder with exactly one RnnGen.<version>.nupkg; it has {packages.Length}.";
                return;
            }
            Version = Path.GetFileNameWithoutExtension(packages[0])["RnnGen.".Length..];
            Log = $"using the package {packages[0]} ({FeedVariable})";
            return;
        }

        _owned = true;
        Directory = System.IO.Directory.CreateTempSubdirectory("rnngen-feed").FullName;
        string informational = typeof(Tensor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Version = informational.Split('+')[0] + "-test";
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        // --no-build: the package is made of the very assemblies this run built and tests (the test project references
        // both the library and the generator), and packing does not rebuild them under another version.
        // The test project references the tool's project too (ReferenceOutputAssembly=false), so it is built as well.
        foreach (string project in new[] { "src/RnnGen", "src/RnnGen.Cli" })
        {
            DotnetResult pack = Dotnet.Run(RepoPaths.Root, "pack", project, "--no-build", "-c", configuration, "-o", Directory, $"-p:Version={Version}");
            Log += pack.Output;
            if (pack.ExitCode != 0)
            {
                Error = $"dotnet pack {project} failed:\n" + pack.Output;
                return;
            }
        }
    }

    /// <summary>The feed folder.</summary>
    public string Directory { get; } = "";

    /// <summary>The package's version, as a consumer's PackageReference names it.</summary>
    public string Version { get; } = "";

    /// <summary>Why there is no package, or null.</summary>
    public string? Error { get; }

    public string Log { get; private set; } = "";

    public string Nupkg => Path.Combine(Directory, $"RnnGen.{Version}.nupkg");

    public string Snupkg => Path.Combine(Directory, $"RnnGen.{Version}.snupkg");

    /// <summary>The rnngen tool's package.</summary>
    public string ToolNupkg => Path.Combine(Directory, $"RnnGen.Tool.{Version}.nupkg");

    /// <summary>Fails the calling test when packing failed.</summary>
    public void RequirePackage() => Assert.True(Error is null, Error);

    public void Dispose()
    {
        if (!_owned) return;
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The tests that use the packed file: one pack per run, and their consumer builds one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "RnnGen package";
}
