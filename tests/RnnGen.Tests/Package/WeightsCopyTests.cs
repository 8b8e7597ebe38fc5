using System;
using System.IO;
using System.Runtime.InteropServices;
using RnnGen.Tests.Cli;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Package;

/// <summary>
/// The MSBuild glue copies models/**/*.safetensors beside the application; the Copy task opens what it copies, so a
/// FIFO there hung the build (waiting for a writer) and a link to /dev/zero would copy without end. A real build of a
/// small project that imports the glue shows both left out with a warning, and a regular weights file still copied.
/// </summary>
public sealed class WeightsCopyTests
{
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mkfifo(string path, uint mode);

    [Fact]
    public void A_pipe_or_a_link_to_a_device_named_safetensors_is_not_copied_and_the_build_ends_with_a_warning_for_each()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        using var temp = new TempFolder();
        string models = Path.Combine(temp.Path, "models");
        Directory.CreateDirectory(Path.Combine(models, "sub"));
        Assert.Equal(0, mkfifo(Path.Combine(models, "pipe.safetensors"), Convert.ToUInt32("644", 8)));
        File.CreateSymbolicLink(Path.Combine(models, "sub", "zero.safetensors"), "/dev/zero");
        File.WriteAllBytes(Path.Combine(models, "ok.safetensors"), [2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);
        string targets = Path.Combine(RepoPaths.Root, "generators", "RnnGen.Generators", "build", "RnnGen.Generators.targets");
        File.WriteAllText(Path.Combine(temp.Path, "Weights.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <Import Project="{targets}" />
            </Project>
            """);

        DotnetResult build = Dotnet.Run(temp.Path, ["build", "-nologo", .. Dotnet.BuildFlags]);

        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (string name in new[] { "pipe.safetensors", "sub/zero.safetensors" })
        {
            Assert.Contains($"warning RNNMSB001: RnnGen: '{Path.Combine(models, name)}' is not a regular file", build.Output, StringComparison.Ordinal);
        }
        string output = Path.Combine(temp.Path, "bin", "Debug", "net10.0", "models");
        Assert.True(File.Exists(Path.Combine(output, "ok.safetensors")), build.ToString());
        Assert.False(File.Exists(Path.Combine(output, "pipe.safetensors")));
        Assert.False(File.Exists(Path.Combine(output, "sub", "zero.safetensors")));
    }
}
