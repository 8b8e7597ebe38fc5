using System.Collections.Generic;
using System.CommandLine;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen tag &lt;model&gt; "&lt;text&gt;"</c>: tokenize, encode, run, and print a row per token.</summary>
internal static class TagCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var text = new Argument<string[]>("text")
        {
            Description = "The text to tag; several arguments are joined with spaces.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<string> weights = CommonOptions.Weights(required: false);
        var command = new Command("tag", "Tag text with a one-hot model: each token with its outputs and the labels they mark.")
        {
            model, text, weights,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Then(RequireOneHot)
                .Then(m => Shapes.PerStep(m, "tag"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            var loaded = (IOneHotRnnModel)chosen.Value.Load(parsed.GetValue(weights));
            string joined = string.Join(' ', parsed.GetRequiredValue(text));
            return terminal.Emit(Tagging.Tag(loaded, joined).Map(rows => TagTable.Format(chosen.Value.Info, rows)));
        });
        return command;
    }

    private static Result<ChosenModel> RequireOneHot(ChosenModel model) =>
        model.Info.InputEncoding == SpecWords.OneHot
            ? Result<ChosenModel>.Ok(model)
            : Failure.Usage($"model '{model.Info.Key}' reads dense vectors, not text; use 'rnngen run'");
}
