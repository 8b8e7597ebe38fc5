using System;
using System.Globalization;
using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Package;

/// <summary>
/// The application developer's path, end to end, from the packed file alone: new projects in a temporary folder
/// restore RnnGen from the local feed (never a project reference), drop specs, vocabularies and weights into their
/// models/ folder, build with warnings as errors, run, and print outputs that must equal the reference's.
/// Each test is one real build (15–30 s on two cores), so there are few of them, each checking a whole path.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConsumerTests(ITestOutputHelper log, PackageFeed feed)
{
    private DotnetResult Dotnet(string directory, string? culture, params string[] arguments)
    {
        DotnetResult result = Package.Dotnet.RunUnderCulture(culture, directory, arguments);
        log.WriteLine(result.Output);
        return result;
    }

    private DotnetResult Build(string project, string? culture = null, params string[] extra) =>
        Dotnet(project, culture, ["build", .. Package.Dotnet.BuildFlags, .. extra]);

    private static string AppDll(string project, string name) => Path.Combine(project, "bin", "Debug", "net10.0", name + ".dll");

    [Fact]
    public void An_application_with_its_own_models_builds_runs_and_matches_the_reference_even_under_a_U2212_culture()
    {
        // The build (and so the generator, inside a compiler process of its own) and the application run under Swedish,
        // whose minus sign is U+2212 and whose group separator is a no-break space: neither may reach the generated code.
        const string Swedish = "sv_SE.UTF-8";
        Assert.Equal("\u2212", CultureInfo.GetCultureInfo("sv-SE").NumberFormat.NegativeSign);
        using var folder = new ConsumerFolder(feed);
        string app = folder.Project("App", "Exe", folder.RnnGenReference);
        ConsumerModel[] models = { ConsumerModel.Tiny("App.Models"), ConsumerModel.Sensor("App.Models") };
        foreach (ConsumerModel m in models) m.WriteTo(Path.Combine(app, "models"));
        ConsumerFolder.Program(app, models);

        DotnetResult build = Build(app, Swedish);
        Assert.True(build.ExitCode == 0, build.ToString());
        DotnetResult run = Dotnet(app, Swedish, AppDll(app, "App"));
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (ConsumerModel m in models) m.AssertPrintedMatchesReference(run.Output);   // Elman one-hot, GRU dense

        // The package's schema, where the specs' "$schema": "./rnn.schema.json" finds it.
        DotnetResult schema = Dotnet(app, null, "msbuild", "-t:RnnGenCopySchema", "-nodeReuse:false");
        Assert.True(schema.ExitCode == 0, schema.ToString());
        Assert.Equal(
            File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Models, "rnn.schema.json")),
            File.ReadAllText(Path.Combine(app, "models", "rnn.schema.json")));
    }

    [Fact]
    public void A_library_that_references_the_package_passes_it_on_to_an_application_with_models_of_its_own()
    {
        // Lib references RnnGen and compiles an LSTM from its models/; App references only Lib, and compiles an Elman
        // model from its own models/: it gets the glue from buildTransitive/ (and the generator, as every package's
        // analyzers, from the SDK), and Lib's weights are copied beside it.
        using var folder = new ConsumerFolder(feed);
        string lib = folder.Project("Lib", "Library", folder.RnnGenReference);
        ConsumerModel words = ConsumerModel.Words("Lib.Models");
        words.WriteTo(Path.Combine(lib, "models"));
        string app = folder.Project("App", "Exe", """<ProjectReference Include="../Lib/Lib.csproj" />""");
        ConsumerModel pulse = ConsumerModel.Pulse("App.Models");
        pulse.WriteTo(Path.Combine(app, "models"));
        ConsumerFolder.Program(app, new[] { words, pulse });

        DotnetResult build = Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(app, "bin", "Debug", "net10.0", "models", "words.safetensors")), "Lib's weights are not beside App");
        DotnetResult run = Dotnet(app, null, AppDll(app, "App"));
        Assert.True(run.ExitCode == 0, run.ToString());
        words.AssertPrintedMatchesReference(run.Output);   // LSTM with an embedding, one-hot, compiled in Lib
        pulse.AssertPrintedMatchesReference(run.Output);   // Elman, dense, compiled in App

        // App names no RnnGen package, yet NuGet imports the package's glue into it: that is buildTransitive/ (a build/
        // file would reach Lib only, and App's models/ would compile to nothing).
        string imports = File.ReadAllText(Path.Combine(app, "obj", "App.csproj.nuget.g.targets"));
        Assert.Contains("buildTransitive/RnnGen.targets", imports.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.DoesNotContain("Include=\"RnnGen\"", File.ReadAllText(Path.Combine(app, "App.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_activation_stops_the_build_at_its_line_and_column()
    {
        using var folder = new ConsumerFolder(feed);
        string app = folder.Project("App", "Exe", folder.RnnGenReference);
        ConsumerModel tiny = ConsumerModel.Tiny("App.Models");
        (tiny with { Spec = tiny.Spec.Replace("\"tanh\"", "\"tanhh\"", StringComparison.Ordinal) }).WriteTo(Path.Combine(app, "models"));
        ConsumerFolder.Program(app, new[] { tiny });

        DotnetResult build = Build(app);
        Assert.NotEqual(0, build.ExitCode);
        string expected = Path.Combine("models", "tiny.rnn.json")
            + "(5,35): error RNN0006: 'tanhh' is not an activation RnnGen knows for the hidden state (g_a); use one of 'tanh', 'relu', 'sigmoid', did you mean 'tanh'?";
        Assert.Contains(expected, build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_oldest_compiler_the_generator_supports_Roslyn_4_14_runs_it_and_compiles_its_code()
    {
        // The generator references Microsoft.CodeAnalysis 4.14, the oldest compiler that can load it (Visual Studio 17.14,
        // .NET SDK 9.0.300); every .NET 10 SDK, which net10.0 needs, has a newer one. The compiler toolset package puts
        // that compiler in place of the SDK's; RoslynCompilerType other than Core or Framework stops the SDK from
        // replacing it again. The -v:n log shows which csc ran.
        using var folder = new ConsumerFolder(feed, isolated: false);
        string app = folder.Project("App", "Exe",
            folder.RnnGenReference + """<PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />""",
            "<RoslynCompilerType>Package</RoslynCompilerType>");
        ConsumerModel[] models = { ConsumerModel.Tiny("App.Models"), ConsumerModel.Sensor("App.Models") };
        foreach (ConsumerModel m in models) m.WriteTo(Path.Combine(app, "models"));
        ConsumerFolder.Program(app, models);

        DotnetResult build = Build(app, null, "-v:n");
        Assert.True(build.ExitCode == 0, build.ToString());
        folder.AssertRnnGenCameFromTheFeed();
        string csc = Path.Combine("microsoft.net.compilers.toolset", "4.14.0", "tasks", "netcore", "bincore", "csc.dll");
        Assert.True(build.Output.Contains(csc, StringComparison.Ordinal), "the toolset's compiler did not run:\n" + build.Output);
        DotnetResult run = Dotnet(app, null, AppDll(app, "App"));
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (ConsumerModel m in models) m.AssertPrintedMatchesReference(run.Output);
    }
}
