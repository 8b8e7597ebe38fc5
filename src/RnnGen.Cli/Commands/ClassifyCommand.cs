using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen classify &lt;model&gt; "&lt;text&gt;"</c>: a classifier's one output after the last token, a row per class.</summary>
internal static class ClassifyCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var text = new Argument<string[]>("text")
        {
            Description = "The text to classify; several arguments are joined with spaces.",
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
            if (chosen.Value.Info.InputEncoding != SpecWords.OneHot)
            {
                return terminal.Fail(Failure.Usage($"model '{chosen.Value.Info.Key}' reads dense vectors, not text"));
            }
            var loaded = (IOneHotRnnModel)chosen.Value.Load(parsed.GetValue(weights));
            return terminal.Emit(Classify(loaded, string.Join(' ', parsed.GetRequiredValue(text))));
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
