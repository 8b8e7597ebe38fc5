using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Package;

/// <summary>
/// The application developer's path, end to end: pack RnnGen, reference the package from a new
/// project, drop a spec, vocabulary and weights into its models/ folder, build and run it, with
/// nothing else. A bad spec must stop that build with the error at the spec's line and column.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageTests : IClassFixture<PackageTests.Feed>
{
    /// <summary>Packs src/RnnGen once for all tests of this class, into a temporary folder.</summary>
    public sealed class Feed : IDisposable
    {
        public Feed()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("rnngen-feed").FullName;
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            Pack = Dotnet(RepoPaths.Root, $"pack src/RnnGen -c {configuration} -o \"{Directory}\" -p:Version={Version}");
        }

        public const string Version = "0.1.0-test";

        public string Directory { get; }

        public (int ExitCode, string Output) Pack { get; }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }

    private readonly ITestOutputHelper _log;
    private readonly Feed _feed;

    private const string Spec = """
        {
          "name": "Tiny",
          "a": { "size": 4, "activation": "tanh" },
          "x": { "encoding": "one-hot", "vocabulary": "tiny.vocab.txt" },
          "y": { "size": 1, "activation": "sigmoid" },
          "weights": "tiny.safetensors"
        }
        """;

    public PackageTests(ITestOutputHelper log, Feed feed)
    {
        _log = log;
        _feed = feed;
    }

    private string Consumer(string spec)
    {
        Assert.True(_feed.Pack.ExitCode == 0, _feed.Pack.Output);
        string dir = Directory.CreateTempSubdirectory("rnngen-consumer").FullName;
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="rnngen-test-feed" value="{_feed.Directory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- A private package folder, so a stale copy of the package is never used. -->
                <RestorePackagesPath>$(MSBuildThisFileDirectory).packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RnnGen" Version="{Feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), """
            using System;
            using RnnGen.Models;

            Tiny model = Tiny.Load();
            foreach (Tiny.Output y in model.Forward("the cat sat on a mat"))
            {
                Console.WriteLine(y[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            """);
        string models = Directory.CreateDirectory(Path.Combine(dir, "models")).FullName;
        File.WriteAllText(Path.Combine(models, "tiny.rnn.json"), spec);
        File.WriteAllText(Path.Combine(models, "tiny.vocab.txt"), "<UNK>\nthe\ncat\nsat\n");
        SafeTensorsFile.Write(Path.Combine(models, "tiny.safetensors"), RandomWeights.Create(4, 4, 1, 11));
        return dir;
    }

    [Fact]
    public void A_project_that_references_the_package_gets_a_working_typed_model_even_built_under_a_U2212_culture()
    {
        // The build (and so the generator, inside an unshared compiler process) runs under Swedish, whose
        // minus sign is U+2212 and whose group separator is a no-break space: neither may reach the code.
        Assert.Equal("\u2212", CultureInfo.GetCultureInfo("sv-SE").NumberFormat.NegativeSign);
        string dir = Consumer(Spec);
        (int exit, string output) = Dotnet(dir, "run -p:UseSharedCompilation=false", culture: "sv_SE.UTF-8");
        _log.WriteLine(output);
        Assert.True(exit == 0, output);

        // The same weights through the reference: the package's generated code computes the textbook RNN.
        var weights = RandomWeights.Create(4, 4, 1, 11);
        float[] W(string n) => weights.Single(t => t.Name == n).Data;
        var reference = new RnnGen.Reference.ReferenceRnn(W("Waa"), W("Wax"), W("ba"), W("Wya"), W("by"), "tanh", "sigmoid");
        double[][] expected = reference.ForwardOneHot(new[] { 1, 2, 3, 0, 0, 0 }); // on, a, mat are <UNK> = 0
        float[] printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => float.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? (float?)v : null)
            .Where(v => v is not null).Select(v => v!.Value).ToArray();
        Assert.Equal(6, printed.Length);
        for (int t = 0; t < 6; t++) Assert.True(Math.Abs(printed[t] - expected[t][0]) <= 1e-5, $"t={t}: {printed[t]} vs {expected[t][0]}");
    }

    [Fact]
    public void A_mistyped_activation_stops_the_build_at_its_line_and_column()
    {
        string dir = Consumer(Spec.Replace("\"tanh\"", "\"tanhh\"", StringComparison.Ordinal));
        (int exit, string output) = Dotnet(dir, "build");
        _log.WriteLine(output);
        Assert.NotEqual(0, exit);
        string expected = Path.Combine("models", "tiny.rnn.json") + "(3,35): error RNN0006: 'tanhh' is not an activation RnnGen knows for the hidden state (g_a)";
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Dotnet(string directory, string arguments, string? culture = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (culture is not null)
        {
            start.Environment["LANG"] = culture;
            start.Environment["LC_ALL"] = culture;
        }
        // Run as a user would, not inside this test host's MSBuild environment.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" }) start.Environment.Remove(name);
        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out: dotnet " + arguments);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
