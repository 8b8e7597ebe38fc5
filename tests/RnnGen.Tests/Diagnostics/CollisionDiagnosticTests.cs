using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RnnGen.Generators.Model;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// A model whose type or namespace would collide with a type the generated code uses, or with another model's
/// namespace, is refused at its spec (RNN0009, RNN0010, RNN0035) instead of failing the build outside it.
/// </summary>
public sealed class CollisionDiagnosticTests
{
    private const string Spec = Specs.SpecFile;

    private static string Named(string name, string ns) =>
        Specs.Valid.Replace("\"name\": \"Tagger\",", $"\"name\": \"{name}\", \"namespace\": \"{ns}\",", StringComparison.Ordinal);

    [Theory]
    [Covers("RNN0009")]
    [InlineData("Tokenizer", "RnnGen", "RnnGen.Tokenizer would be the type RnnGen.Tokenizer from .NET or RnnGen, which the generated code uses")]
    [InlineData("Array", "System", "System.Array would be the type System.Array from .NET or RnnGen, which the generated code uses")]
    [InlineData("RnnModelInfo", "RnnGen", "RnnGen.RnnModelInfo would be the type RnnGen.RnnModelInfo from .NET or RnnGen, which the generated code uses")]
    [InlineData("Collections", "System", "System.Collections is the namespace of System.Collections.Generic.IReadOnlyCollection, which the generated code uses")]
    [InlineData("InlineArray", "System.Runtime.CompilerServices", "System.Runtime.CompilerServices.InlineArray would be the type System.Runtime.CompilerServices.InlineArrayAttribute from .NET or RnnGen, which the generated code uses")]
    [InlineData("Vector512", "System", "the generated code imports the namespace System and uses System.Runtime.Intrinsics.Vector512 by its name Vector512, which this type would hide or make ambiguous")]
    public void RNN0009_a_type_the_generated_code_uses(string name, string ns, string reason)
    {
        Specs.Run(Named(name, ns)).Reports(Expected.At("RNN0009", Spec, 2, 11, 13 + name.Length, $"'{name}' cannot be the model's C# type name: {reason}"))
            .GeneratesNothing();
    }

    [Theory]
    [Covers("RNN0010")]
    [InlineData("RnnGen.Tokenizer")]
    [InlineData("System.Array.Models")]
    public void RNN0010_a_namespace_named_like_a_type_the_generated_code_uses(string ns)
    {
        string type = ns.StartsWith("System", StringComparison.Ordinal) ? "System.Array" : "RnnGen.Tokenizer";
        Specs.Run(Named("Tagger", ns)).Reports(Expected.At("RNN0010", Spec, 2, 34, 36 + ns.Length,
            $"'{ns}' is not a valid C# namespace: {type} is a type from .NET or RnnGen that the generated code uses, and a namespace cannot take its name"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0035")]
    public void RNN0035_a_type_that_is_another_models_namespace_points_at_the_later_spec()
    {
        // a.rnn.json declares the type Acme.Models; b.rnn.json would put its model in the namespace Acme.Models.
        DiagnosticRun run = DiagnosticRun.Of(("a.rnn.json", Named("Models", "Acme")), ("b.rnn.json", Named("Tagger", "Acme.Models")), (Specs.VocabularyFile, Specs.Words))
            .Reports(Expected.At("RNN0035", "b.rnn.json", 2, 11, 19,
                $"'Acme.Models' is both the type of a model and a namespace of another ('{GeneratorHarness.PathOf("a.rnn.json")}'); give this spec another 'name' or 'namespace'"))
            .Generates("Acme.Models.g.cs", "Acme.Models.Vocabulary.g.cs", "RnnGenModelCatalog.g.cs");
        GeneratorHarness.CompileAndLoad(run.Output);

        // The other way round: the namespace comes first by path, the type second.
        run = DiagnosticRun.Of(("a.rnn.json", Named("Tagger", "Acme.Models")), ("b.rnn.json", Named("Models", "Acme")), (Specs.VocabularyFile, Specs.Words))
            .Reports(Expected.At("RNN0035", "b.rnn.json", 2, 11, 19,
                $"'Acme.Models' is both the type of a model and a namespace of another ('{GeneratorHarness.PathOf("a.rnn.json")}'); give this spec another 'name' or 'namespace'"));
        GeneratorHarness.CompileAndLoad(run.Output);
    }

    [Fact]
    public void Every_type_the_generated_code_refers_to_is_in_the_list_of_referenced_types()
    {
        string labels = "[" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"a label long enough to be data {i}\"")) + "]";
        (string, string)[] files =
        [
            .. Snapshots.GeneratedCodeSnapshotTests.SmallSpecs,
            .. RepoPaths.ModelFiles(),
            ("data-labels.rnn.json", $$"""{ "name": "DataLabels", "a": { "size": 4, "cell": "lstm", "layers": 2, "bidirectional": true }, "x": { "encoding": "one-hot", "vocabulary": "words.txt", "embedding": 3 }, "y": { "size": 40, "activation": "softmax", "labels": {{labels}} }, "weights": "d.safetensors" }"""),
            ("words.txt", Specs.Words),
        ];
        GeneratorOutput output = GeneratorHarness.Run(files);
        Assert.Empty(output.Diagnostics);
        var listed = GeneratedNames.ReferencedTypes.ToHashSet(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in output.Compilation.SyntaxTrees)
        {
            SemanticModel model = output.Compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes(descendIntoTrivia: true))
            {
                if (node is not (NameSyntax or ExpressionSyntax)) continue;
                foreach (ISymbol? s in new ISymbol?[] { model.GetSymbolInfo(node).Symbol, model.GetTypeInfo(node).Type, model.GetSymbolInfo(node).Symbol?.ContainingType })
                {
                    if (s is not INamedTypeSymbol t || t.TypeKind == TypeKind.Error || t.SpecialType != SpecialType.None || !t.Locations.All(l => l.IsInMetadata)) continue;
                    if (t.ContainingType is not null) t = t.ContainingType; // a nested type is found through its outer one
                    string name = t.OriginalDefinition.ContainingNamespace.ToDisplayString() + "." + t.MetadataName.Split('`')[0];
                    if (!listed.Contains(name)) missing.Add(name);
                }
            }
        }
        Assert.True(missing.Count == 0, "GeneratedNames.ReferencedTypes misses " + string.Join(", ", missing));
    }
}
