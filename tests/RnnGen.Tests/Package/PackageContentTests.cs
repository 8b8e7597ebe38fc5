using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Package;

/// <summary>What the packed .nupkg and .snupkg hold, read from the files (no build).</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PackageContentTests(ITestOutputHelper log, PackageFeed feed)
{
    /// <summary>Parts of every package that NuGet itself writes (the Open Packaging Conventions' files and the nuspec).</summary>
    private static bool IsPackagingPart(string name) =>
        name is "_rels/.rels" or "[Content_Types].xml" or "RnnGen.nuspec" || name.StartsWith("package/services/metadata/", StringComparison.Ordinal);

    private static byte[] Read(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException("the package has no " + name);
        using Stream s = entry.Open();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    private ZipArchive Open(string path)
    {
        feed.RequirePackage();
        log.WriteLine($"{Path.GetFileName(path)}: {new FileInfo(path).Length:N0} bytes");
        return ZipFile.OpenRead(path);
    }

    [Fact]
    public void The_package_holds_the_library_the_generator_the_glue_the_schema_and_the_readme_and_nothing_else()
    {
        using ZipArchive zip = Open(feed.Nupkg);
        foreach (ZipArchiveEntry e in zip.Entries) log.WriteLine($"{e.Length,9:N0}  {e.FullName}");
        string[] files = zip.Entries.Select(e => e.FullName).Where(n => !IsPackagingPart(n)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[]
        {
            "README.md",
            "analyzers/dotnet/cs/RnnGen.Generators.dll",
            "buildTransitive/RnnGen.targets",
            "lib/net10.0/RnnGen.dll",
            "lib/net10.0/RnnGen.xml",
            "schema/rnn.schema.json",
        }, files);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "generators", "RnnGen.Generators", "build", "RnnGen.Generators.targets")),
            Read(zip, "buildTransitive/RnnGen.targets"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Models, "rnn.schema.json")), Read(zip, "schema/rnn.schema.json"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "src", "RnnGen", "README.md")), Read(zip, "README.md"));
    }

    [Fact]
    public void The_nuspec_names_the_package_its_licence_readme_and_repository_and_no_dependency()
    {
        using ZipArchive zip = Open(feed.Nupkg);
        XDocument nuspec = XDocument.Load(new MemoryStream(Read(zip, "RnnGen.nuspec")));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        string Get(string name) => metadata.Element(ns + name)?.Value ?? "";
        log.WriteLine(metadata.ToString());

        Assert.Equal("RnnGen", Get("id"));
        Assert.Equal(feed.Version, Get("version"));
        Assert.Equal("The RnnGen authors", Get("authors"));
        XElement license = metadata.Element(ns + "license")!;
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Get("readme"));
        Assert.Contains("source generator", Get("description"), StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "rnn", "gru", "lstm", "source-generator" }, Get("tags").Split(' ').ToHashSet());
        // The project's home, written once (Directory.Build.props), as the diagnostics' help links name it.
        Assert.Equal(RepoPaths.ProjectUrl(), Get("projectUrl"));
        XElement repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", (string?)repository.Attribute("type"));
        if (Directory.Exists(Path.Combine(RepoPaths.Root, ".git")) || File.Exists(Path.Combine(RepoPaths.Root, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
        }
        // The generator runs inside the compiler and brings no assembly of its own; the library needs none either.
        XElement dependencies = metadata.Element(ns + "dependencies")!;
        Assert.Empty(dependencies.Descendants(ns + "dependency"));
    }

    [Fact]
    public void The_library_ships_only_what_applications_use_and_the_generator_references_only_the_compiler()
    {
        using ZipArchive zip = Open(feed.Nupkg);
        using (var pe = new PEReader(new MemoryStream(Read(zip, "lib/net10.0/RnnGen.dll"))))
        {
            MetadataReader md = pe.GetMetadataReader();
            string[] types = md.TypeDefinitions.Select(h => md.GetString(md.GetTypeDefinition(h).Name)).ToArray();
            Assert.Contains("SafeTensorsFile", types);
            Assert.DoesNotContain("RandomWeights", types);          // seeded weights are RnnGen.Seeding's, for tests and tools
            Assert.DoesNotContain("DeterministicRandom", types);
        }
        using (var pe = new PEReader(new MemoryStream(Read(zip, "analyzers/dotnet/cs/RnnGen.Generators.dll"))))
        {
            MetadataReader md = pe.GetMetadataReader();
            var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(new HashSet<string>(StringComparer.Ordinal) { "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable" },
                references);
        }
    }

    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    [Fact]
    public void The_symbols_package_has_the_library_s_PDB_with_every_source_file_embedded()
    {
        using ZipArchive nupkg = Open(feed.Nupkg);
        using ZipArchive snupkg = Open(feed.Snupkg);
        string[] files = snupkg.Entries.Select(e => e.FullName).Where(n => !IsPackagingPart(n)).ToArray();
        Assert.Equal(new[] { "lib/net10.0/RnnGen.pdb" }, files);

        using var pe = new PEReader(new MemoryStream(Read(nupkg, "lib/net10.0/RnnGen.dll")));
        DebugDirectoryEntry codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        Guid dllPdbId = pe.ReadCodeViewDebugDirectoryData(codeView).Guid;

        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(snupkg, "lib/net10.0/RnnGen.pdb")));
        MetadataReader pdb = provider.GetMetadataReader();
        Assert.Equal(dllPdbId, new Guid(pdb.DebugMetadataHeader!.Id.Take(16).ToArray()));   // the PDB of this very DLL

        var embedded = new HashSet<string>(StringComparer.Ordinal);
        foreach (DocumentHandle h in pdb.Documents)
        {
            string name = pdb.GetString(pdb.GetDocument(h).Name);
            bool hasSource = pdb.GetCustomDebugInformation(h).Any(c => pdb.GetGuid(pdb.GetCustomDebugInformation(c).Kind) == EmbeddedSource);
            if (hasSource) embedded.Add(Path.GetFileName(name.Replace('\\', '/')));
        }
        string source = Path.Combine(RepoPaths.Root, "src", "RnnGen");
        string[] sources = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !Regex.IsMatch(Path.GetRelativePath(source, p), @"^(bin|obj)[\\/]"))
            .Select(Path.GetFileName).Select(n => n!).ToArray();
        Assert.NotEmpty(sources);
        string[] missing = sources.Where(s => !embedded.Contains(s)).ToArray();
        Assert.True(missing.Length == 0, "not embedded in the PDB: " + string.Join(", ", missing));
    }
}
