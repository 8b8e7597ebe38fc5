using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The JSON Schema editors use (models/rnn.schema.json) and the generator must accept the same
/// options and limits, and every shipped spec must point at the schema.
/// </summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Models, "rnn.schema.json"))).RootElement;

    private static JsonElement Property(params string[] path)
    {
        JsonElement e = Schema;
        foreach (string name in path) e = e.GetProperty("properties").GetProperty(name);
        return e;
    }

    private static string[] Enum(params string[] path) => Property(path).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();

    [Fact]
    public void Enumerations_match_what_the_generator_accepts()
    {
        Assert.Equal(SpecWords.HiddenActivations.OrderBy(s => s), Enum("a", "activation").OrderBy(s => s));
        Assert.Equal(SpecWords.OutputActivations.OrderBy(s => s), Enum("y", "activation").OrderBy(s => s));
        Assert.Equal(SpecWords.Encodings.OrderBy(s => s), Enum("x", "encoding").OrderBy(s => s));
        Assert.Equal(SpecWords.Tokenizers.OrderBy(s => s), Enum("x", "tokenizer").OrderBy(s => s));
        Assert.Equal(SpecWords.Cells.OrderBy(s => s), Enum("a", "cell").OrderBy(s => s));
        Assert.Equal(SpecWords.Shapes.OrderBy(s => s), Enum("shape").OrderBy(s => s));
    }

    [Fact]
    public void Size_limits_match_the_generators()
    {
        Assert.Equal(SpecReader.MaxHiddenSize, Property("a", "size").GetProperty("maximum").GetInt32());
        Assert.Equal(SpecReader.MaxInputSize, Property("x", "size").GetProperty("maximum").GetInt32());
        Assert.Equal(SpecReader.MaxOutputSize, Property("y", "size").GetProperty("maximum").GetInt32());
        Assert.All(new[] { "a", "x", "y" }, layer => Assert.Equal(1, Property(layer, "size").GetProperty("minimum").GetInt32()));
        Assert.Equal(SpecReader.MaxLayers, Property("a", "layers").GetProperty("maximum").GetInt32());
        Assert.Equal(SpecReader.MaxEmbeddingSize, Property("x", "embedding").GetProperty("maximum").GetInt32());
        Assert.Equal(SpecReader.MaxPathLength, Property("x", "vocabulary").GetProperty("maxLength").GetInt32());
        Assert.Equal(SpecReader.MaxLabelLength, Property("y", "labels").GetProperty("items").GetProperty("maxLength").GetInt32());
        Assert.Equal(SpecReader.MaxNameLength, Property("name").GetProperty("maxLength").GetInt32());
        Assert.Equal(SpecReader.MaxNamespaceLength, Property("namespace").GetProperty("maxLength").GetInt32());
        Assert.Equal(SpecReader.MaxDescriptionLength, Property("description").GetProperty("maxLength").GetInt32());
        Assert.Equal(SpecReader.MaxPathLength, Property("weights").GetProperty("maxLength").GetInt32());
        Assert.All(new[] { "embedding", "rnn", "head" },
            m => Assert.Equal(SpecReader.MaxModulePathLength, Property("modules", m).GetProperty("maxLength").GetInt32()));
    }

    [Fact]
    public void Properties_match_what_the_generator_reads()
    {
        Assert.Equal(new[] { "$schema", "a", "description", "modules", "name", "namespace", "shape", "weights", "x", "y" },
            Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(SpecReader.RootProperties.OrderBy(n => n, StringComparer.Ordinal),
            Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
        Assert.False(Property("modules").GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(SpecWords.Modules, SpecReader.ModuleProperties);
        foreach ((string name, string[] read) in new[]
        {
            ("a", SpecReader.HiddenProperties), ("x", SpecReader.InputProperties), ("y", SpecReader.OutputProperties), ("modules", SpecReader.ModuleProperties),
        })
        {
            Assert.Equal(read.OrderBy(n => n, StringComparer.Ordinal),
                Property(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("encoder.gru", true)]
    [InlineData("rnn", true)]
    [InlineData("layers.0.cell_1", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData(".gru", false)]
    [InlineData("gru.", false)]
    [InlineData("a..b", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("a-b", false)]
    [InlineData("é", false)]
    public void A_module_path_the_schema_allows_is_one_the_generator_allows(string path, bool valid)
    {
        // The generator also refuses a path that ends with a tensor's own name (encoder.gru.weight_ih_l0), which the pattern leaves to it.
        foreach (string module in SpecWords.Modules)
        {
            string pattern = Property("modules", module).GetProperty("pattern").GetString()!;
            Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(path, pattern));
            Assert.Equal(valid, SpecReader.ModulePathProblem(module, path) is null);
        }
    }

    [Fact]
    public void Every_shipped_spec_names_the_schema()
    {
        string[] specs = Directory.GetFiles(RepoPaths.Models, "*.rnn.json");
        Assert.NotEmpty(specs);
        Assert.All(specs, spec =>
            Assert.Equal("./rnn.schema.json", JsonDocument.Parse(File.ReadAllText(spec)).RootElement.GetProperty("$schema").GetString()));
    }
}
