using System.Collections.Generic;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Json;

/// <summary>
/// A JSON value together with where it stands in the spec file, so that every error about a value
/// can point at that value. Only the parse and validate steps see these; they never leave the pipeline.
/// </summary>
internal abstract record JsonNode(TextRange Range)
{
    /// <summary>How the value's kind reads in a message: "a string", "a number", ...</summary>
    public abstract string KindName { get; }
}

internal sealed record JsonObject(IReadOnlyList<JsonProperty> Properties, TextRange Range) : JsonNode(Range)
{
    public override string KindName => "an object";
}

/// <summary>One "name": value pair, with the range of the quoted name.</summary>
internal sealed record JsonProperty(string Name, TextRange NameRange, JsonNode Value);

internal sealed record JsonArray(IReadOnlyList<JsonNode> Items, TextRange Range) : JsonNode(Range)
{
    public override string KindName => "an array";
}

internal sealed record JsonString(string Value, TextRange Range) : JsonNode(Range)
{
    public override string KindName => "a string";
}

/// <summary>A number, kept as its source text so that 100, 1e2 and 100.0 can be told apart.</summary>
internal sealed record JsonNumber(string Text, TextRange Range) : JsonNode(Range)
{
    public override string KindName => "a number";
}

internal sealed record JsonBoolean(bool Value, TextRange Range) : JsonNode(Range)
{
    public override string KindName => Value ? "true" : "false";
}

internal sealed record JsonNull(TextRange Range) : JsonNode(Range)
{
    public override string KindName => "null";
}
