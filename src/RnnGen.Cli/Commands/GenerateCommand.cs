using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen generate &lt;model&gt; [--prime TEXT] --length N --temperature T --top-k K --seed S [--allow-unknown]</c>: a
/// generator's text, each sampled token fed back as the next input (never &lt;UNK&gt; unless allowed).
/// </summary>
internal static class GenerateCommand
{
    /// <summary>The most tokens one run generates (4 MB of token indices).</summary>
    public const int MaxLength = 1_000_000;

    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        Option<string> weights = CommonOptions.Weights(required: false);
        var prime = new Option<string>("--prime", "-p")
        {
            Description = "The text to start from (default: the vocabulary's <EOS>, the start of a sequence).",
            DefaultValueFactory = _ => "",
        };
        var length = new Option<int>("--length", "-n")
        {
            Description = $"The most tokens to generate (1 to {MaxLength.ToString("#,0", CultureInfo.InvariantCulture)}).",
            DefaultValueFactory = _ => 200,
        };
        var temperature = new Option<float>("--temperature", "-t")
        {
            Description = "Sampling temperature: 1 samples the model's distribution, lower is more conservative, 0 always picks the likeliest token.",
            DefaultValueFactory = _ => 1f,
        };
        var topK = new Option<int>("--top-k")
        {
            Description = "Pick only among the k likeliest tokens (0: all).",
            DefaultValueFactory = _ => 0,
        };
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "The random seed: the same seed, model and prime give the same text.",
            DefaultValueFactory = _ => 0UL,
        };
        var noStop = new Option<bool>("--no-stop")
        {
            Description = "Do not stop at <EOS>: generate all --length tokens.",
        };
        var allowUnknown = new Option<bool>("--allow-unknown")
        {
            Description = "Let the vocabulary's <UNK> be picked (by default it never is, so the text holds only real tokens).",
        };
        var command = new Command("generate", "Generate text with a generator (shape one-to-many), each sampled token fed back as the next input.")
        {
            model, prime, length, temperature, topK, seed, noStop, allowUnknown, weights,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model))
                .Then(m => Shapes.Require(m, SpecWords.OneToMany, "generate"));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            Result<GenerationRequest> request = Request(parsed.GetValue(length), parsed.GetValue(temperature), parsed.GetValue(topK), parsed.GetValue(seed));
            if (request.Failure is not null) return terminal.Fail(request.Failure);
            var loaded = (IOneHotGenerator)chosen.Value.Load(parsed.GetValue(weights));
            return terminal.Emit(Generate(loaded, parsed.GetValue(prime) ?? "", request.Value, stopAtEnd: !parsed.GetValue(noStop),
                allowUnknown: parsed.GetValue(allowUnknown)));
        });
        return command;
    }

    /// <summary>What to generate, checked.</summary>
    internal sealed record GenerationRequest(int Length, GenerationOptions Options);

    internal static Result<GenerationRequest> Request(int length, float temperature, int topK, ulong seed)
    {
        if (length < 1 || length > MaxLength)
        {
            return Failure.Usage($"--length must be from 1 to {MaxLength.ToString("#,0", CultureInfo.InvariantCulture)}, but it is {length.ToString(CultureInfo.InvariantCulture)}");
        }
        if (!float.IsFinite(temperature) || temperature < 0)
        {
            return Failure.Usage($"--temperature must be a number ≥ 0, but it is {temperature.ToString(CultureInfo.InvariantCulture)}");
        }
        if (topK < 0) return Failure.Usage($"--top-k must be ≥ 0 (0: all tokens), but it is {topK.ToString(CultureInfo.InvariantCulture)}");
        return Result<GenerationRequest>.Ok(new GenerationRequest(length, new GenerationOptions { Temperature = temperature, TopK = topK, Seed = seed }));
    }

    /// <summary>
    /// The generated text as lines (its own line breaks kept), stopping at &lt;EOS&gt; unless told not to, and never picking
    /// &lt;UNK&gt; unless <paramref name="allowUnknown"/>.
    /// </summary>
    internal static Result<IReadOnlyList<string>> Generate(IOneHotGenerator model, string prime, GenerationRequest request, bool stopAtEnd,
        bool allowUnknown = false)
    {
        RnnModelInfo info = model.Info;
        if (model.Vocabulary is not Vocabulary vocabulary)
        {
            return Failure.Usage($"model '{info.Key}' has no vocabulary, so it cannot write text");
        }
        int[] start;
        try
        {
            start = GeneratorText.Prime(model, prime);
        }
        catch (ArgumentException e)
        {
            return Failure.BadInput(e.Message);
        }
        int stop = stopAtEnd && vocabulary.Contains(SpecWords.EndOfSequence) ? vocabulary.IndexOf(SpecWords.EndOfSequence) : -1;
        var tokens = new int[request.Length];
        int excluded = allowUnknown ? -1 : vocabulary.UnknownIndex;
        int count = model.Generate(start, tokens, request.Options with { StopToken = stop, ExcludedToken = excluded });
        string text = GeneratorText.Decode(vocabulary, tokens.AsSpan(0, count), info.Tokenizer);
        return Result<IReadOnlyList<string>>.Ok(text.Split('\n'));
    }
}
