using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RnnGen.Tests.Package;

/// <summary>
/// A temporary folder, outside the repository (so none of its Directory.Build.props applies), whose nuget.config
/// names the package feed, and whose projects restore into a private package folder (.packages), so a stale copy
/// of RnnGen in a global cache is never used.
/// </summary>
internal sealed class ConsumerFolder : IDisposable
{
    /// <param name="feed">The package feed.</param>
    /// <param name="isolated">
    /// True: the feed is the only package source (nothing else can be restored, and nothing is asked of the network).
    /// False: the machine's own sources as well, for projects that need another package; RnnGen's version exists only
    /// in the feed, and <see cref="AssertRnnGenCameFromTheFeed"/> checks that it came from there.
    /// </param>
    public ConsumerFolder(PackageFeed feed, bool isolated = true)
    {
        feed.RequirePackage();
        Feed = feed;
        Root = Directory.CreateTempSubdirectory("rnngen-consumer").FullName;
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                {(isolated ? "<clear />" : "")}
                <add key="rnngen-test-feed" value="{feed.Directory}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The restored RnnGen is the feed's file, byte for byte.</summary>
    public void AssertRnnGenCameFromTheFeed()
    {
        string restored = PathOf(".packages", "rnngen", Feed.Version.ToLowerInvariant(), $"rnngen.{Feed.Version.ToLowerInvariant()}.nupkg");
        Xunit.Assert.True(File.Exists(restored), "not restored: " + restored);
        Xunit.Assert.Equal(File.ReadAllBytes(Feed.Nupkg), File.ReadAllBytes(restored));
    }

    public PackageFeed Feed { get; }

    public string Root { get; }

    public string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>Writes a project <c>&lt;name&gt;/&lt;name&gt;.csproj</c> with warnings as errors and the given extra XML.</summary>
    public string Project(string name, string outputType, string items, string properties = "")
    {
        string dir = Directory.CreateDirectory(PathOf(name)).FullName;
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)../.packages</RestorePackagesPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);
        return dir;
    }

    /// <summary>A PackageReference to the package under test.</summary>
    public string RnnGenReference => $"""<PackageReference Include="RnnGen" Version="{Feed.Version}" />""";

    /// <summary>Writes Program.cs running each model (a block of statements each) in turn.</summary>
    public static void Program(string projectDir, IEnumerable<ConsumerModel> models) =>
        File.WriteAllText(Path.Combine(projectDir, "Program.cs"), string.Join("\n", models.Select(m => m.RunStatements())) + "\n");

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
