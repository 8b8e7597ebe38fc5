using System.Collections.Generic;
using System.CommandLine;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen run &lt;model&gt; --weights &lt;file&gt; [--input &lt;file&gt;|-] [--threads n]</c>: one JSON line per input line,
/// written as the input comes (<see cref="LineStream"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        Option<string> weights = CommonOptions.Weights(required: true);
        Option<string> input = CommonOptions.Input();
        var format = new Option<string>("--format")
        {
            Description = "How a one-hot model reads a line: auto (a line of integers is ids, any other line text), ids, or text.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "ids", "text");
        Option<int> threads = CommonOptions.Threads();
        var command = new Command("run", "Run a model over sequences, one per line, and write one JSON line of outputs per input line.")
        {
            model, weights, input, format, threads,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Then(m => Shapes.PerStep(m, "run"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            IRnnModel loaded = chosen.Value.Load(parsed.GetRequiredValue(weights));
            InputFormat lineFormat = parsed.GetValue(format) switch { "ids" => InputFormat.Ids, "text" => InputFormat.Text, _ => InputFormat.Auto };
            return StreamCommand.Run(terminal, "run", parsed.GetValue(input), parsed.GetValue(threads), () => new RunWorker(loaded, lineFormat));
        });
        return command;
    }
}
