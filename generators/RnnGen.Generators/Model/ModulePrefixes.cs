namespace RnnGen.Generators.Model;

/// <summary>
/// Where a model's modules stand in a PyTorch <c>state_dict</c>: the paths of its nn.Embedding, its recurrent layers
/// and its nn.Linear head (<c>encoder.gru</c> for <c>encoder.gru.weight_ih_l0</c>), which prefix their tensors' names.
/// </summary>
/// <remarks>
/// Without the spec's <c>modules</c> they are the defaults (<see cref="Default"/>), and the generated <c>Load</c> also
/// finds a module under another prefix when exactly one fits (<c>SafeTensorsFile.RequireAll</c>). With it
/// (<see cref="Named"/>), the file must hold exactly the names they give (<c>SafeTensorsFile.RequireExact</c>); a
/// module the spec leaves out keeps its default.
/// </remarks>
/// <param name="Embedding">The nn.Embedding's path (<c>embedding</c>).</param>
/// <param name="Recurrent">The recurrent layers' path (<c>rnn</c>).</param>
/// <param name="Head">The head's path (<c>head</c>).</param>
/// <param name="Named">Whether the spec has <c>modules</c>: then the names are required as they are.</param>
internal sealed record ModulePrefixes(string Embedding, string Recurrent, string Head, bool Named)
{
    /// <summary>The default prefixes, the modules' own keys, with the search for other prefixes.</summary>
    public static ModulePrefixes Default { get; } = new(SpecWords.EmbeddingModule, SpecWords.RecurrentModule, SpecWords.HeadModule, false);

    /// <summary>The path of a module, by its key in the spec's <c>modules</c>.</summary>
    public string Of(string module) => module switch
    {
        SpecWords.EmbeddingModule => Embedding,
        SpecWords.RecurrentModule => Recurrent,
        SpecWords.HeadModule => Head,
        _ => throw Exhaustive.Unhandled(module),
    };
}
