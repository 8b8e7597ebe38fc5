using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// Generated code against PyTorch itself: each fixture in Fixtures/PyTorch was written by
/// make_fixtures.py from a seeded nn.RNN + nn.Linear (weights in RnnGen's safetensors names, and
/// PyTorch's outputs on a few sequences). The generated model loads those weights with its own
/// Load(path) and must give PyTorch's outputs.
/// </summary>
public sealed class PyTorchParityTests
{
    private const double Tolerance = 1e-5;

    private static readonly string FixtureDirectory = Path.Combine(RepoPaths.Root, "tests", "RnnGen.Tests", "Fixtures", "PyTorch");

    private sealed record Fixture(string Name, TestSpec Spec, JsonElement Cases, string WeightsPath);

    private static IReadOnlyList<Fixture> Fixtures() =>
        Directory.GetFiles(FixtureDirectory, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            JsonElement root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            string name = "Torch" + string.Concat(Path.GetFileNameWithoutExtension(path).Split('-').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            var spec = new TestSpec(name, root.GetProperty("a").GetInt32(), root.GetProperty("hiddenActivation").GetString()!,
                root.GetProperty("encoding").GetString() == "one-hot", root.GetProperty("x").GetInt32(), root.GetProperty("y").GetInt32(),
                root.GetProperty("outputActivation").GetString()!);
            return new Fixture(name, spec, root.GetProperty("cases"), Path.ChangeExtension(path, ".safetensors"));
        }).ToList();

    private static string LoaderSource(TestSpec spec)
    {
        string type = "global::RnnGen.TestModels." + spec.Name;
        string input = spec.OneHot ? "int[] tokens" : "float[] xs";
        string arg = spec.OneHot ? "tokens" : "xs";
        return $$"""
            public static class Loader_{{spec.Name}}
            {
                public static float[] Run(string weights, {{input}})
                {
                    var outputs = {{type}}.Load(weights).Forward({{arg}});
                    var flat = new float[outputs.Length * {{type}}.OutputSize];
                    for (int t = 0; t < outputs.Length; t++) outputs[t].CopyTo(new System.Span<float>(flat, t * {{type}}.OutputSize, {{type}}.OutputSize));
                    return flat;
                }
            }
            """;
    }

    [Fact]
    public void Generated_models_give_PyTorchs_outputs_on_PyTorchs_weights()
    {
        IReadOnlyList<Fixture> fixtures = Fixtures();
        Assert.True(fixtures.Count >= 3, "the fixtures are missing from " + FixtureDirectory);
        Assembly assembly = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(
            fixtures.Select(f => (f.Spec.FileName, f.Spec.Json())), fixtures.Select(f => LoaderSource(f.Spec))));

        int compared = 0;
        foreach (Fixture fixture in fixtures)
        {
            MethodInfo run = assembly.GetType("Loader_" + fixture.Name)!.GetMethod("Run")!;
            foreach (JsonElement c in fixture.Cases.EnumerateArray())
            {
                object input = fixture.Spec.OneHot
                    ? c.GetProperty("inputs").EnumerateArray().Select(v => v.GetInt32()).ToArray()
                    : c.GetProperty("inputs").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle())).ToArray();
                var got = (float[])run.Invoke(null, new[] { fixture.WeightsPath, input })!;
                double[][] expected = c.GetProperty("outputs").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
                Assert.Equal(expected.Length * fixture.Spec.Y, got.Length);
                for (int t = 0; t < expected.Length; t++)
                {
                    for (int k = 0; k < fixture.Spec.Y; k++)
                    {
                        double diff = Math.Abs(got[t * fixture.Spec.Y + k] - expected[t][k]);
                        Assert.True(diff <= Tolerance, $"{fixture.Name} t={t} k={k}: RnnGen {got[t * fixture.Spec.Y + k]}, PyTorch {expected[t][k]}");
                        compared++;
                    }
                }
            }
        }
        Assert.True(compared > 100, $"only {compared} values compared");
    }
}
