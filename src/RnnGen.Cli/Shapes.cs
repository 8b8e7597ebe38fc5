namespace RnnGen.Cli;

/// <summary>Which commands fit which model shape: a command that reads one output per input refuses a classifier, and so on.</summary>
internal static class Shapes
{
    /// <summary>The model, or a usage failure that names the command its shape takes.</summary>
    public static Result<ChosenModel> Require(ChosenModel model, string shape, string command)
    {
        string actual = model.Info.Shape;
        if (actual == shape) return Result<ChosenModel>.Ok(model);
        return Failure.Usage($"model '{model.Info.Key}' is {Describe(actual)}, and '{command}' needs {Describe(shape)}; use 'rnngen {CommandFor(actual)}'");
    }

    /// <summary>The model unless it is a classifier, whose one output after the last input 'tag' and 'run' cannot print per step.</summary>
    public static Result<ChosenModel> PerStep(ChosenModel model, string command) =>
        model.Info.Shape == SpecWords.ManyToOne
            ? Failure.Usage($"model '{model.Info.Key}' is {Describe(SpecWords.ManyToOne)}: it has one output after the last input, "
                + $"not one per step as '{command}' prints; use 'rnngen classify'")
            : Result<ChosenModel>.Ok(model);

    private static string Describe(string shape) => shape switch
    {
        SpecWords.ManyToOne => "a classifier (shape many-to-one)",
        SpecWords.OneToMany => "a generator (shape one-to-many)",
        _ => "a tagger (shape many-to-many)",
    };

    private static string CommandFor(string shape) => shape switch
    {
        SpecWords.ManyToOne => "classify",
        SpecWords.OneToMany => "generate",
        _ => "tag' or 'rnngen run",
    };
}
