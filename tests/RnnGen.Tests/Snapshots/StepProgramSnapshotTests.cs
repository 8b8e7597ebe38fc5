using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Generators.Emit;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Snapshots;

/// <summary>
/// Pins the step program (and the plan per vector width) of every spec, shipped and small: what the
/// kernels compute, for a reviewer to read before the C# it becomes.
/// </summary>
public sealed class StepProgramSnapshotTests
{
    [Fact]
    public void Shipped_models() => VerifyAll(RepoPaths.ModelFiles());

    [Fact]
    public void Small_specs() => VerifyAll(GeneratedCodeSnapshotTests.SmallSpecs);

    /// <summary>The bound models of every spec among the files, by the pure pipeline the CLI's check uses.</summary>
    internal static IReadOnlyList<ModelSpec> Models((string FileName, string Text)[] files)
    {
        SpecFile[] all = files.Select(f => new SpecFile(GeneratorHarness.PathOf(f.FileName), f.Text)).ToArray();
        return all.Where(f => f.Path.EndsWith(SpecWords.SpecExtension, StringComparison.Ordinal))
            .Select(spec => SpecPipeline.Check(spec, all, GeneratorHarness.ModelsDirectory).Value
                ?? throw new InvalidOperationException(Path.GetFileName(spec.Path) + " does not bind"))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static void VerifyAll((string FileName, string Text)[] files, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        var failures = new List<string>();
        foreach (ModelSpec model in Models(files))
        {
            try
            {
                Snapshot.Verify(ModelEmitter.ProgramText(model), "txt", model.Key, method: method);
            }
            catch (SnapshotMismatchException e)
            {
                failures.Add(e.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
