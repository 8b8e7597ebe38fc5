using System.Collections.Generic;
using System.CommandLine;
using System.IO;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen run &lt;model&gt; --weights &lt;file&gt; [--input &lt;file&gt;|-]</c>: one JSON line per input line.</summary>
internal static class RunCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        Option<string> weights = CommonOptions.Weights(required: true);
        var input = new Option<string>("--input", "-i")
        {
            Description = "The input: one sequence per line (default, or '-': standard input).",
            HelpName = "file",
        };
        var format = new Option<string>("--format")
        {
            Description = "How a one-hot model reads a line: auto (a line of integers is ids, any other line text), ids, or text.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "ids", "text");
        var command = new Command("run", "Run a model over sequences, one per line, and write one JSON line of outputs per input line.")
        {
            model, weights, input, format,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Then(m => Shapes.PerStep(m, "run"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            IRnnModel loaded = chosen.Value.Load(parsed.GetRequiredValue(weights));
            InputFormat lineFormat = parsed.GetValue(format) switch { "ids" => InputFormat.Ids, "text" => InputFormat.Text, _ => InputFormat.Auto };
            return terminal.Emit(ReadInput(terminal, parsed.GetValue(input)).Then(lines => RunBatch.Run(loaded, lineFormat, lines)));
        });
        return command;
    }

    /// <summary>The input's lines, within <see cref="InputLines"/>' bounds.</summary>
    private static Result<IReadOnlyList<string>> ReadInput(Terminal terminal, string? path)
    {
        if (path is null or "-") return InputLines.Read(terminal.In);
        if (Directory.Exists(path)) return Failure.BadInput($"the input '{path}' is a directory, not a file");
        if (!File.Exists(path)) return Failure.BadInput($"cannot find the input file '{path}'");
        using var reader = new StreamReader(path);
        return InputLines.Read(reader);
    }
}
