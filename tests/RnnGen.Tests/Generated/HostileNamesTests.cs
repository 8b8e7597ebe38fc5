using System.Linq;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// Valid specs whose names, labels and descriptions collide with what generated code uses must
/// still compile warning-free, and must not break other models in the same namespace.
/// </summary>
public sealed class HostileNamesTests
{
    private static string Spec(string name, string ns = "RnnGen.TestModels", string labels = "", string description = "", int y = 1) => $$"""
        {
          "name": "{{name}}",
          "namespace": "{{ns}}",
          "description": "{{description}}",
          "a": { "size": 4, "activation": "tanh" },
          "x": { "encoding": "one-hot", "size": 5 },
          "y": { "size": {{y}}, "activation": "sigmoid"{{(labels.Length > 0 ? ", \"labels\": " + labels : "")}} },
          "weights": "m.safetensors"
        }
        """;

    [Fact]
    public void Type_names_the_generated_code_uses_do_not_break_it()
    {
        string[] names = { "Unsafe", "Vector512", "Vector256", "Vector128", "MemoryMarshal", "Span", "ReadOnlySpan", "HashCode", "AppContext", "IEquatable", "ArgumentException", "Sibling" };
        GeneratorOutput output = GeneratorHarness.Run(names.Select(n => ($"{n.ToLowerInvariant()}.rnn.json", Spec(n))).ToArray());
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void Namespaces_named_like_those_types_do_not_break_it()
    {
        GeneratorOutput output = GeneratorHarness.Run(
            ("a.rnn.json", Spec("First", "My.Vector256")),
            ("b.rnn.json", Spec("Second", "Foo.Unsafe")),
            ("c.rnn.json", Spec("Third", "System.Runtime")));
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void A_model_named_ModelCatalog_in_namespace_RnnGen_is_an_ordinary_model()
    {
        GeneratorOutput output = GeneratorHarness.Run(("catalog.rnn.json", Spec("ModelCatalog", "RnnGen")), ("other.rnn.json", Spec("Other")));
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_one_type_for_the_file_system()
    {
        GeneratorOutput output = GeneratorHarness.Run(("a.rnn.json", Spec("Foo")), ("b.rnn.json", Spec("FOO")));
        Assert.Equal("RNN0021", Assert.Single(output.Diagnostics).Id);
        Assert.DoesNotContain(output.Diagnostics, d => d.Id == "CS8785");
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void Labels_named_like_struct_or_object_members_get_no_property_but_compile()
    {
        GeneratorOutput output = GeneratorHarness.Run(("l.rnn.json", Spec("Labelled", labels: """["item", "get type", "equals", "to string", "length", "reset", "output"]""", y: 7)));
        Assert.Equal("RNN0033", Assert.Single(output.Diagnostics).Id); // a warning that names each of them
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void Descriptions_with_characters_XML_forbids_compile()
    {
        GeneratorOutput output = GeneratorHarness.Run(("d.rnn.json", Spec("Described", description: @"bell \u0007, lone \ud800, line\u2028break, </summary> & <b>")));
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
    }

    [Fact]
    public void Every_member_the_generated_class_declares_is_a_reserved_model_name()
    {
        var assembly = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(
            ("w.rnn.json", """{ "name": "Words", "a": { "size": 4, "activation": "tanh" }, "x": { "encoding": "one-hot", "vocabulary": "w.txt" }, "y": { "size": 2, "activation": "softmax" }, "weights": "w.safetensors" }"""),
            ("w.txt", "<UNK>\nhello\n"),
            ("d.rnn.json", Spec("DenseOne").Replace("\"one-hot\", \"size\": 5", "\"dense\", \"size\": 5", System.StringComparison.Ordinal))));
        var reserved = RnnGen.Generators.Model.GeneratedNames.ModelMembers.ToHashSet();
        foreach (System.Type type in new[] { assembly.GetType("RnnGen.Models.Words")!, assembly.GetType("RnnGen.TestModels.DenseOne")! })
        {
            var declared = type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static
                    | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Select(m => m.Name)
                .Where(n => !n.StartsWith('<') && !n.StartsWith('_') && !n.StartsWith("get_", System.StringComparison.Ordinal) && !n.Contains('.') && n != ".ctor" && n != ".cctor")
                .Distinct();
            Assert.All(declared, n => Assert.True(reserved.Contains(n), $"{type.Name} declares '{n}', which is missing from GeneratedNames.ModelMembers"));
        }
    }
}
