using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen classify &lt;model&gt; "&lt;text&gt;"</c>: a classifier's one output after the last token, a row per class;
/// <c>rnngen classify &lt;model&gt; &lt;file.wav&gt;…</c>: the same after the last log-mel frame of each clip
/// (<see cref="AudioClassification"/>), for a classifier over dense audio frames.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var text = new Argument<string[]>("input")
        {
            Description = "The text to classify (several arguments are joined with spaces), or WAV files (16-bit PCM mono) for a classifier over audio.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<string> weights = CommonOptions.Weights(required: false);
        var command = new Command("classify", "Classify text with a classifier (shape many-to-one): its output after the last token, one row per class.")
        {
            model, text, weights,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model))
                .Then(m => Shapes.Require(m, SpecWords.ManyToOne, "classify"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            string[] inputs = parsed.GetRequiredValue(text);
            if (inputs.Any(AudioClassification.IsWav))
            {
                return terminal.Emit(ClassifyAudio(chosen.Value, inputs, parsed.GetValue(weights)));
            }
            if (chosen.Value.Info.InputEncoding != SpecWords.OneHot)
            {
                return terminal.Fail(Failure.Usage($"model '{chosen.Value.Info.Key}' reads dense vectors, not text; give it WAV files (file.wav)"));
            }
            var loaded = (IOneHotRnnModel)chosen.Value.Load(parsed.GetValue(weights));
            return terminal.Emit(Classify(loaded, string.Join(' ', inputs)));
        });
        return command;
    }

    /// <summary>ŷ after the last token of <paramref name="text"/>, formatted.</summary>
    internal static Result<IReadOnlyList<string>> Classify(IOneHotRnnModel model, string text)
    {
        RnnModelInfo info = model.Info;
        if (model.Vocabulary is not Vocabulary vocabulary)
        {
            return Failure.Usage($"model '{info.Key}' has no vocabulary and reads bare token ids");
        }
        IReadOnlyList<string> tokens = Tokenizer.Tokenize(text, info.Tokenizer);
        if (tokens.Count == 0) return Failure.BadInput($"the text holds no tokens for the '{info.Tokenizer}' tokenizer");
        var outputs = new float[info.OutputSize];
        model.Forward(vocabulary.Encode(tokens), outputs);
        return Result<IReadOnlyList<string>>.Ok(Rows(info, outputs));
    }

    /// <summary>
    /// ŷ after the last frame of each WAV clip: with one clip, one row per output as for text; with several, one line per
    /// clip, its file, the label of its largest output and that output.
    /// </summary>
    private static Result<IReadOnlyList<string>> ClassifyAudio(ChosenModel model, string[] files, string? weights)
    {
        string? notWav = files.FirstOrDefault(f => !AudioClassification.IsWav(f));
        if (notWav is not null) return Failure.Usage($"'{Numbers.Clip(notWav)}' is not a .wav file; give only WAV files, or only text");
        string weightsPath = weights ?? model.DefaultWeightsPath;
        return AudioClassification.FrontEnd(model.Info, weightsPath).Then(frontEnd =>
        {
            var loaded = (IDenseRnnModel)model.Load(weightsPath);
            var lines = new List<string>();
            int width = files.Max(f => f.Length);
            foreach (string file in files)
            {
                Result<float[]> frames = AudioClassification.Frames(file, frontEnd);
                if (frames.Failure is not null) return frames.Failure;
                float[] outputs = AudioClassification.Classify(loaded, frames.Value);
                if (files.Length == 1) return Result<IReadOnlyList<string>>.Ok(Rows(model.Info, outputs));
                int best = 0;
                for (int k = 1; k < outputs.Length; k++) if (outputs[k] > outputs[best]) best = k;
                lines.Add($"{file.PadRight(width)}  {OutputMarks.Label(model.Info, best)}  {Numbers.Fixed4(outputs[best])}");
            }
            return Result<IReadOnlyList<string>>.Ok(lines);
        });
    }

    /// <summary>One row per output: its label, its value (F4) and, for the chosen class (or a sigmoid's yes), a mark.</summary>
    internal static IReadOnlyList<string> Rows(RnnModelInfo info, float[] outputs)
    {
        string chosen = OutputMarks.Mark(info, outputs);
        var marked = new HashSet<string>(chosen.Split(", ").Where(s => s.Length > 0));
        string[][] rows = outputs.Select((v, k) =>
        {
            string label = OutputMarks.Label(info, k);
            return new[] { label, Numbers.Fixed4(v), marked.Contains(label) ? "←" : "" };
        }).ToArray();
        return TextTable.Format(rows, new HashSet<int> { 1 });
    }
}
