using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen classify &lt;model&gt; &lt;file.wav&gt;…</c>: a classifier's answer for each clip, the label of its output after
/// the last frame and that output's value; the frames are the log-mel frames the weights file's front end names.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var inputs = new Argument<string[]>("input")
        {
            Description = "WAV files (16-bit PCM mono at the model's sample rate) to classify; with several, each line starts with its file.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<string> weights = CommonOptions.Weights(required: false);
        var command = new Command("classify", "Classify clips with a sequence classifier: the label of its output after the last input, and that output.")
        {
            model, inputs, weights,
        };
        command.SetAction(parsed =>
        {
            string[] files = parsed.GetRequiredValue(inputs);
            string? notWav = files.FirstOrDefault(f => !AudioClassification.IsWav(f));
            if (notWav is not null) return terminal.Fail(Failure.Usage($"'{Numbers.Clip(notWav)}' is not a .wav file; rnngen classify reads WAV clips"));
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            string weightsPath = parsed.GetValue(weights) ?? chosen.Value.DefaultWeightsPath;
            return terminal.Emit(AudioClassification.FrontEnd(chosen.Value.Info, weightsPath).Then(frontEnd =>
            {
                var loaded = (IDenseRnnModel)chosen.Value.Load(weightsPath);
                var lines = new List<string>();
                int width = files.Max(f => f.Length);
                foreach (string file in files)
                {
                    Result<float[]> frames = AudioClassification.Frames(file, frontEnd);
                    if (frames.Failure is not null) return frames.Failure;
                    ClipAnswer answer = AudioClassification.Classify(loaded, frames.Value);
                    string text = answer.Label + "  " + answer.Probability.ToString("0.0000", CultureInfo.InvariantCulture);
                    lines.Add(files.Length == 1 ? text : file.PadRight(width) + "  " + text);
                }
                return Result<IReadOnlyList<string>>.Ok(lines);
            }));
        });
        return command;
    }
}
