using System.IO;
using System.Linq;
using RnnGen.Generators.Specs;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>What <c>rnngen train</c> and <c>eval</c> read: CoNLL files, for one-hot models whose outputs are labels.</summary>
internal static class TaggingData
{
    /// <summary>The model, or a usage failure when CoNLL data cannot be its input or its targets.</summary>
    public static Result<ChosenModel> RequireTagger(ChosenModel model)
    {
        RnnModelInfo info = model.Info;
        if (info.InputEncoding != SpecWords.OneHot)
        {
            return Failure.Usage($"model '{info.Key}' reads dense vectors; CoNLL data holds tokens, which only one-hot models read");
        }
        if (!LabelScheme.Supports(info))
        {
            return Failure.Usage($"model '{info.Key}' has {info.OutputActivation} outputs, which are values, not labels; CoNLL data needs sigmoid or softmax outputs");
        }
        return Result<ChosenModel>.Ok(model);
    }

    /// <summary>The vocabulary, or a usage failure for a model that reads bare token ids.</summary>
    public static Result<Vocabulary> RequireVocabulary(RnnModelInfo info, Vocabulary? vocabulary) =>
        vocabulary is not null
            ? Result<Vocabulary>.Ok(vocabulary)
            : Failure.Usage($"model '{info.Key}' has no vocabulary and reads bare token ids; CoNLL tokens need a vocabulary");

    /// <summary>
    /// The CoNLL file at <paramref name="path"/> (named by <paramref name="option"/> in messages) as the model's data; a
    /// malformed file fails with each error as <c>file:line: message</c> (one line when there is one error).
    /// </summary>
    public static Result<TaggedCorpus> Read(string path, string option, RnnModelInfo info, Vocabulary vocabulary)
    {
        switch (InputFiles.Probe(Path.GetFullPath(path)).State)
        {
            case FileState.Directory: return Failure.BadInput($"{option} '{path}' is a directory, not a CoNLL file");
            case FileState.NotOnDisk: return Failure.BadInput($"cannot find the {option} file '{path}'");
        }
        try
        {
            TaggedCorpus corpus = TaggedCorpus.Read(path, info, vocabulary);
            return corpus.Sequences.Count > 0
                ? Result<TaggedCorpus>.Ok(corpus)
                : Failure.BadInput($"{path} holds no sentence with a token for the '{info.Tokenizer}' tokenizer ({option})");
        }
        catch (ConllException e) when (e.Errors.Count == 1)
        {
            return Failure.BadInput(e.Errors[0].ToString());
        }
        catch (ConllException e)
        {
            string more = e.Errors.Count >= ConllReader.MaxErrors ? $" (it stopped after {Numbers.Int(ConllReader.MaxErrors)})" : "";
            return new Failure(ExitCodes.BadInput, $"{path} has {Numbers.Int(e.Errors.Count)} malformed lines (above){more}",
                e.Errors.Select(x => x.ToString()).ToArray());
        }
    }

    /// <summary>One line on what was read: sentences, steps, unknown words, dropped tokens.</summary>
    public static string Summary(string path, TaggedCorpus corpus)
    {
        string dropped = corpus.DroppedTokens switch
        {
            0 => "",
            1 => ", 1 token the tokenizer drops",
            int n => $", {Numbers.Size(n)} tokens the tokenizer drops",
        };
        return $"{path}: {Numbers.Size(corpus.Sequences.Count)} sentence{(corpus.Sequences.Count == 1 ? "" : "s")}, {Numbers.Size(corpus.Steps)} steps " +
            $"({Numbers.Size(corpus.UnknownSteps)} {Vocabulary.Unknown}{dropped})";
    }
}
