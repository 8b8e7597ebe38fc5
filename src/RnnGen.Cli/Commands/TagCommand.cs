using System.Collections.Generic;
using System.CommandLine;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen tag &lt;model&gt; "&lt;text&gt;"</c>: tokenize, encode, run, and print a row per token; without text, the same for
/// every line of <c>--input</c> or standard input, as it comes (<see cref="LineStream"/>), each line's table ending in an empty line.
/// </summary>
internal static class TagCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var text = new Argument<string[]>("text")
        {
            Description = "The text to tag; several arguments are joined with spaces. Without it, every line of --input or standard input is tagged.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<string> weights = CommonOptions.Weights(required: false);
        Option<string> input = CommonOptions.Input();
        Option<int> threads = CommonOptions.Threads();
        var command = new Command("tag", "Tag text with a one-hot model: each token with its outputs and the labels they mark.")
        {
            model, text, weights, input, threads,
        };
        command.SetAction(parsed =>
        {
            string[] words = parsed.GetValue(text) ?? [];
            string? inputPath = parsed.GetValue(input);
            if (words.Length > 0 && inputPath is not null)
            {
                return terminal.Fail(Failure.Usage("give either the text to tag or --input, not both"));
            }
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Then(RequireOneHot)
                .Then(m => Shapes.PerStep(m, "tag"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            var loaded = (IOneHotRnnModel)chosen.Value.Load(parsed.GetValue(weights));
            if (loaded.Vocabulary is not Vocabulary vocabulary)
            {
                return terminal.Fail(Failure.Usage($"model '{loaded.Info.Key}' has no vocabulary and reads bare token ids; use 'rnngen run' instead"));
            }
            if (words.Length == 0)
            {
                return StreamCommand.Run(terminal, "tag", inputPath, parsed.GetValue(threads), () => new TagWorker(loaded, vocabulary, blankLineAfter: true));
            }
            string joined = string.Join(' ', words);
            if (!TagWorker.HasTokens(joined, loaded.Info.Tokenizer))
            {
                return terminal.Fail(Failure.BadInput($"the text holds no tokens for the '{loaded.Info.Tokenizer}' tokenizer"));
            }
            var table = new CharBuffer();
            new TagWorker(loaded, vocabulary, blankLineAfter: false).Write(joined, 1, table);
            terminal.Out.Write(table.Written);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Result<ChosenModel> RequireOneHot(ChosenModel model) =>
        model.Info.InputEncoding == SpecWords.OneHot
            ? Result<ChosenModel>.Ok(model)
            : Failure.Usage($"model '{model.Info.Key}' reads dense vectors, not text; use 'rnngen run'");
}
