using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Package;

/// <summary>
/// rnngen as a .NET tool: the RnnGen.Tool package, installed from the packed file into a temporary tool path with
/// <c>dotnet tool install --add-source</c>, then run as a user runs it.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ToolPackageTests(ITestOutputHelper log, PackageFeed feed)
{
    private DotnetResult Dotnet(string directory, params string[] arguments)
    {
        DotnetResult result = Package.Dotnet.Run(directory, arguments);
        log.WriteLine(result.Output);
        return result;
    }

    private static DotnetResult Tool(string toolPath, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(toolPath, "rnngen"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start)!;
        string output = p.StandardOutput.ReadToEndAsync().Result + p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "rnngen did not finish");
        return new DotnetResult(p.ExitCode, output);
    }

    [Fact]
    public void The_tool_package_holds_the_tool_its_dependencies_and_the_shipped_weights()
    {
        feed.RequirePackage();
        log.WriteLine($"{Path.GetFileName(feed.ToolNupkg)}: {new FileInfo(feed.ToolNupkg).Length:N0} bytes");
        using ZipArchive zip = ZipFile.OpenRead(feed.ToolNupkg);
        string[] files = zip.Entries.Select(e => e.FullName).ToArray();
        foreach (string f in files) log.WriteLine(f);
        const string Tools = "tools/net10.0/any/";
        Assert.Contains(Tools + "DotnetToolSettings.xml", files);
        Assert.Contains(Tools + "RnnGen.Cli.dll", files);
        Assert.Contains(Tools + "RnnGen.dll", files);
        Assert.Contains(Tools + "Microsoft.CodeAnalysis.CSharp.dll", files); // check and spec paths run the generator and compile
        Assert.DoesNotContain(Tools + "RnnGen.Generators.dll", files);     // its sources are compiled into the tool instead
        Assert.Contains(Tools + "models/name-tagger.safetensors", files);  // the compiled models' shipped weights
        Assert.DoesNotContain(files, f => f.StartsWith(Tools + "de/", StringComparison.Ordinal)); // English resources only
        using StreamReader settings = new(zip.GetEntry(Tools + "DotnetToolSettings.xml")!.Open());
        Assert.Contains("Command Name=\"rnngen\" EntryPoint=\"RnnGen.Cli.dll\"", settings.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void dotnet_tool_install_from_the_packed_file_gives_a_working_rnngen()
    {
        using var folder = new ConsumerFolder(feed);
        string tools = folder.PathOf("tools");
        DotnetResult install = Dotnet(folder.Root, "tool", "install", "RnnGen.Tool", "--tool-path", tools,
            "--add-source", feed.Directory, "--version", feed.Version);
        Assert.True(install.ExitCode == 0, install.ToString());

        DotnetResult version = Tool(tools, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith(feed.Version.Split('-')[0], version.Output.Trim(), StringComparison.Ordinal);

        DotnetResult models = Tool(tools, "models");
        Assert.True(models.ExitCode == 0, models.ToString());
        Assert.Contains("name-tagger", models.Output, StringComparison.Ordinal);
        Assert.Contains("dna-sites", models.Output, StringComparison.Ordinal);

        DotnetResult tag = Tool(tools, "tag", "name-tagger", "Sam Li and Tom date on Tuesday.");
        log.WriteLine(tag.Output);
        Assert.True(tag.ExitCode == 0, tag.ToString());
        Assert.Matches(@"Sam\s+0\.9878\s+person", tag.Output);                // the shipped weights, from the tool's folder

        // A spec of the user's own, compiled by the installed tool (its generator and compiler) and run.
        ConsumerModel tiny = ConsumerModel.Tiny("User.Models");
        tiny.WriteTo(folder.PathOf("models"));
        DotnetResult fromSpec = Tool(tools, "tag", folder.PathOf("models", "tiny.rnn.json"), "the cat sat on a mat");
        log.WriteLine(fromSpec.Output);
        Assert.True(fromSpec.ExitCode == 0, fromSpec.ToString());
        double[] printed = System.Text.RegularExpressions.Regex.Matches(fromSpec.Output, @"\s(\d\.\d{4})\b")   // "the  0.3657", "on → <UNK>  0.4472"
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[][] expected = tiny.Expected();
        Assert.Equal(expected.Length, printed.Length);
        for (int t = 0; t < expected.Length; t++) Assert.True(Math.Abs(printed[t] - expected[t][0]) <= 5e-5, $"t={t}: {printed[t]} vs {expected[t][0]}");
    }
}
