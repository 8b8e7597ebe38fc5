using System.Collections.Generic;
using System.CommandLine;
using RnnGen.Generated;

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
            Result<RnnModelInfo> info = ModelLookup.Find(models, parsed.GetRequiredValue(model)).Then(RequireOneHot);
            if (info.Failure is not null) return terminal.Fail(info.Failure);
            var loaded = (IOneHotRnnModel)ModelCatalog.Load(info.Value.Key, parsed.GetValue(weights));
            string joined = string.Join(' ', parsed.GetRequiredValue(text));
            return terminal.Emit(Tagging.Tag(loaded, joined).Map(rows => TagTable.Format(info.Value, rows)));
        });
        return command;
    }

    private static Result<RnnModelInfo> RequireOneHot(RnnModelInfo info) =>
        info.InputEncoding == SpecWords.OneHot
            ? Result<RnnModelInfo>.Ok(info)
            : Failure.Usage($"model '{info.Key}' reads dense vectors, not text; use 'rnngen run'");
}
