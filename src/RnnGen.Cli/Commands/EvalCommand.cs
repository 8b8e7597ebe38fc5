using System.Collections.Generic;
using System.CommandLine;
using RnnGen.Training;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen eval &lt;model&gt; [--weights &lt;file&gt;] --data &lt;file&gt;</c>: score a tagging model on CoNLL data.</summary>
internal static class EvalCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        Option<string> weights = CommonOptions.Weights(required: false);
        var data = new Option<string>("--data")
        {
            Description = "The test data, as 'rnngen train --data' reads it for the model's shape (CoNLL for a tagger).",
            HelpName = "file",
            Required = true,
        };
        var command = new Command(
            "eval", "Score a one-hot model: a tagger's precision, recall and F1 per label for tokens and spans, a confusion count, and in-vocabulary against <UNK> tokens; a classifier's accuracy and confusion; a generator's perplexity per symbol.")
        {
            model, weights, data,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Then(TaggingData.RequireTagger);
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            string? weightsPath = parsed.GetValue(weights);
            var loaded = (IOneHotRnnModel)chosen.Value.Load(weightsPath);
            Result<Vocabulary> vocabulary = TaggingData.RequireVocabulary(loaded.Info, loaded.Vocabulary);
            if (vocabulary.Failure is not null) return terminal.Fail(vocabulary.Failure);
            string path = parsed.GetRequiredValue(data);
            if (loaded.Info.Shape != SpecWords.ManyToMany)
            {
                Result<ShapeCorpus> shaped = ShapeData.Read(path, "--data", loaded.Info, vocabulary.Value);
                return shaped.Failure is not null
                    ? terminal.Fail(shaped.Failure)
                    : terminal.Print(ShapeEvaluation.Report(loaded, path, shaped.Value), ExitCodes.Success);
            }
            Result<TaggedCorpus> corpus = TaggingData.Read(path, "--data", loaded.Info, vocabulary.Value);
            if (corpus.Failure is not null) return terminal.Fail(corpus.Failure);
            TaggingEvaluation scores = TaggingEvaluation.Run(loaded, corpus.Value.Sequences, vocabulary.Value);
            return terminal.Print(EvalReport.Format(path, corpus.Value, scores), ExitCodes.Success);
        });
        return command;
    }
}
