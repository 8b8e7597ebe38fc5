using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The spec's <c>modules</c>, end to end: a state_dict saved from a model whose modules have other names
/// (<c>encoder.embed</c>, <c>encoder.gru</c>, <c>decoder.fc</c>) loads into a model compiled from a spec that names
/// them, under exactly those names, and computes what the same weights under the default names compute.
/// </summary>
public sealed class ModulePathTests
{
    private const string Namespace = "RnnGen.TestModels";

    private static string Gru(string name, string modules) => $$"""
        {
          "name": "{{name}}", "namespace": "{{Namespace}}",
          "a": { "size": 5, "cell": "gru", "layers": 2 },
          "x": { "encoding": "one-hot", "size": 6, "embedding": 4 },
          "y": { "size": 2, "activation": "softmax" },
          "weights": "{{name.ToLowerInvariant()}}.safetensors"{{modules}}
        }
        """;

    private static string Elman(string name, string modules) => $$"""
        {
          "name": "{{name}}", "namespace": "{{Namespace}}",
          "a": { "size": 3, "activation": "tanh" },
          "x": { "encoding": "one-hot", "size": 6 },
          "y": { "size": 1, "activation": "sigmoid" },
          "weights": "{{name.ToLowerInvariant()}}.safetensors"{{modules}}
        }
        """;

    private const string GruModules = """
        ,
          "modules": { "embedding": "encoder.embed", "rnn": "encoder.gru", "head": "decoder.fc" }
        """;

    private const string ElmanModules = """
        ,
          "modules": { "rnn": "encoder.rnn", "head": "decoder" }
        """;

    private static readonly (string Name, bool Bidirectional)[] Models =
        { ("DefaultGru", false), ("NamedGru", false), ("DefaultElman", false), ("NamedElman", false) };

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        var specs = new[]
        {
            ("default-gru.rnn.json", Gru("DefaultGru", "")),
            ("named-gru.rnn.json", Gru("NamedGru", GruModules)),
            ("default-elman.rnn.json", Elman("DefaultElman", "")),
            ("named-elman.rnn.json", Elman("NamedElman", ElmanModules)),
        };
        IEnumerable<string> probes = Models.Select(m => Probes.Run(m.Name, $"global::{Namespace}.{m.Name}", oneHot: true, m.Bidirectional,
            "byte[] file", $"global::{Namespace}.{m.Name}.FromSafeTensors(global::RnnGen.SafeTensorsFile.Parse(file, \"weights.safetensors\"))"));
        GeneratorOutput output = GeneratorHarness.Run(specs, probes, "ModulePaths");
        Assert.Empty(output.Diagnostics);
        return GeneratorHarness.CompileAndLoad(output);
    });

    private static RnnModelInfo Info(string model) =>
        (RnnModelInfo)s_assembly.Value.GetType($"{Namespace}.{model}", throwOnError: true)!.GetProperty("Info")!.GetValue(null)!;

    private static float[] Run(string model, byte[] file, int width = 0) =>
        (float[])s_assembly.Value.GetType("Probe_" + model, throwOnError: true)!.GetMethod("Run")!
            .Invoke(null, new object[] { width, file, Tokens })!;

    private static readonly int[] Tokens = { 0, 3, 5, 1, 1, 2, 4, 0 };

    /// <summary>The same tensors under other names: each default prefix in <paramref name="renames"/> replaced.</summary>
    private static byte[] Renamed(IReadOnlyList<Tensor> tensors, params (string From, string To)[] renames) =>
        SafeTensorsFile.Serialize(tensors.Select(t =>
        {
            (string From, string To) r = renames.FirstOrDefault(r => t.Name.StartsWith(r.From + ".", StringComparison.Ordinal));
            return r.From is null ? t : new Tensor(r.To + t.Name.Substring(r.From.Length), t.Shape.ToArray(), t.Data.ToArray());
        }));

    private static readonly (string, string)[] GruRenames = { ("embedding", "encoder.embed"), ("rnn", "encoder.gru"), ("head", "decoder.fc") };

    [Fact]
    public void The_spec_s_module_paths_are_the_names_Info_lists()
    {
        Assert.Equal(
            new[]
            {
                "encoder.embed.weight",
                "encoder.gru.weight_ih_l0", "encoder.gru.weight_hh_l0", "encoder.gru.bias_ih_l0", "encoder.gru.bias_hh_l0",
                "encoder.gru.weight_ih_l1", "encoder.gru.weight_hh_l1", "encoder.gru.bias_ih_l1", "encoder.gru.bias_hh_l1",
                "decoder.fc.weight", "decoder.fc.bias",
            },
            Info("NamedGru").Tensors.Select(t => t.Name));
        // The shapes are the model's, whatever the names.
        Assert.Equal(Info("DefaultGru").Tensors.Select(t => t.Shape.ToArray()), Info("NamedGru").Tensors.Select(t => t.Shape.ToArray()));
        // The textbook Elman keeps its own names; the spec's paths are those of the PyTorch names it also loads.
        Assert.Equal(new[] { "Waa", "Wax", "ba", "Wya", "by" }, Info("NamedElman").Tensors.Select(t => t.Name));
    }

    [Fact]
    public void A_state_dict_with_the_named_module_paths_computes_what_the_default_names_compute()
    {
        IReadOnlyList<Tensor> weights = RandomWeights.Create(Info("DefaultGru").Tensors, 5, seed: 11);
        byte[] defaults = SafeTensorsFile.Serialize(weights);
        byte[] named = Renamed(weights, GruRenames);
        Assert.Equal(Info("NamedGru").Tensors.Select(t => t.Name).Order(StringComparer.Ordinal),
            SafeTensorsFile.Parse(named, "named").Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (int width in new[] { 0, 512, 256, 128 })
        {
            float[] expected = Run("DefaultGru", defaults, width);
            Assert.Equal(expected, Run("NamedGru", named, width));
            // Without modules, the same file loads too: its prefixes are found, one per module.
            Assert.Equal(expected, Run("DefaultGru", named, width));
        }
    }

    [Fact]
    public void A_textbook_model_with_module_paths_loads_nn_RNN_names_under_them_and_its_own_names()
    {
        IReadOnlyList<Tensor> textbook = RandomWeights.Create(Info("NamedElman").Tensors, 3, seed: 5);
        float[] expected = Run("DefaultElman", SafeTensorsFile.Serialize(textbook));
        Assert.Equal(expected, Run("NamedElman", SafeTensorsFile.Serialize(textbook)));
        // nn.RNN + nn.Linear as encoder.rnn and decoder: ba = bias_ih + bias_hh, here ba + 0 (exact in float).
        Tensor T(string name) => textbook.Single(t => t.Name == name);
        var torch = new[]
        {
            new Tensor("encoder.rnn.weight_ih_l0", T("Wax").Shape.ToArray(), T("Wax").Data.ToArray()),
            new Tensor("encoder.rnn.weight_hh_l0", T("Waa").Shape.ToArray(), T("Waa").Data.ToArray()),
            new Tensor("encoder.rnn.bias_ih_l0", T("ba").Shape.ToArray(), T("ba").Data.ToArray()),
            new Tensor("encoder.rnn.bias_hh_l0", T("ba").Shape.ToArray(), new float[3]),
            new Tensor("decoder.weight", T("Wya").Shape.ToArray(), T("Wya").Data.ToArray()),
            new Tensor("decoder.bias", T("by").Shape.ToArray(), T("by").Data.ToArray()),
        };
        Assert.Equal(expected, Run("NamedElman", SafeTensorsFile.Serialize(torch)));
        // The default names are not searched for under the paths the spec names.
        byte[] defaultNames = Renamed(torch, ("encoder.rnn", "rnn"), ("decoder", "head"));
        Assert.Equal(expected, Run("DefaultElman", defaultNames));
        var e = Assert.Throws<TargetInvocationException>(() => Run("NamedElman", defaultNames)).InnerException as WeightsException;
        Assert.NotNull(e);
        Assert.Equal("encoder.rnn.weight_ih_l0", e!.TensorName);
    }

    [Fact]
    public void A_file_under_other_names_is_an_error_that_lists_what_the_file_holds_and_what_the_spec_expects()
    {
        IReadOnlyList<Tensor> weights = RandomWeights.Create(Info("DefaultGru").Tensors, 5, seed: 11);
        // The default names, and a file whose head is still called 'fc': the spec names 'decoder.fc', so neither loads.
        foreach (byte[] file in new[]
        {
            SafeTensorsFile.Serialize(weights),
            Renamed(weights, ("embedding", "encoder.embed"), ("rnn", "encoder.gru"), ("head", "fc")),
        })
        {
            var thrown = Assert.Throws<TargetInvocationException>(() => Run("NamedGru", file));
            var e = Assert.IsType<WeightsException>(thrown.InnerException);
            SafeTensorsFile held = SafeTensorsFile.Parse(file, "held");
            string expects = "the model expects " + string.Join(", ", Info("NamedGru").Tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));
            string has = "the file has " + string.Join(", ", held.Tensors.OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));
            Assert.Contains(expects, e.Detail, StringComparison.Ordinal);
            Assert.EndsWith(has, e.Detail, StringComparison.Ordinal);
            Assert.Contains("no other prefix is tried", e.Detail, StringComparison.Ordinal);
        }
        var first = Assert.Throws<TargetInvocationException>(() => Run("NamedGru", SafeTensorsFile.Serialize(weights))).InnerException as WeightsException;
        Assert.Equal("encoder.embed.weight", first!.TensorName);
        Assert.StartsWith("missing, but the file has 'embedding.weight' (the spec names the module prefixes", first.Detail, StringComparison.Ordinal);
        var head = Assert.Throws<TargetInvocationException>(() => Run("NamedGru", Renamed(weights, ("embedding", "encoder.embed"), ("rnn", "encoder.gru"), ("head", "fc"))))
            .InnerException as WeightsException;
        Assert.Equal("weights.safetensors: tensor 'decoder.fc.weight': missing, but the file has 'fc.weight'", head!.Message.Split(" (the spec")[0]);
    }
}
