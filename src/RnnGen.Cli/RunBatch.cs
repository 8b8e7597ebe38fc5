using System.Collections.Generic;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen run</c> computes: every input line → one JSON line. All or nothing: the first bad line
/// fails the whole batch, so a failed run writes no partial output.
/// </summary>
internal static class RunBatch
{
    /// <summary>The most outputs one run computes, over all its lines: 8 Mi floats (their JSON is up to about 128 MiB).</summary>
    public const long MaxOutputs = 8L * 1024 * 1024;

    public static Result<IReadOnlyList<string>> Run(IRnnModel model, InputFormat format, IReadOnlyList<string> lines)
    {
        var results = new string[lines.Count];
        long outputs = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            Result<string> line = RunLine(model, format, lines[i], i + 1, ref outputs);
            if (line.Failure is not null) return line.Failure;
            results[i] = line.Value;
        }
        return Result<IReadOnlyList<string>>.Ok(results);
    }

    private static Result<string> RunLine(IRnnModel model, InputFormat format, string line, int lineNumber, ref long outputs)
    {
        RnnModelInfo info = model.Info;
        switch (model)
        {
            case IOneHotRnnModel oneHot:
            {
                Result<RunSequence.OneHot> parsed = RunLineParser.OneHot(info, oneHot.Vocabulary, format, line, lineNumber);
                if (parsed.Failure is not null) return parsed.Failure;
                if (Budget(info, parsed.Value.Ids.Length, lineNumber, ref outputs) is Failure tooMany) return tooMany;
                float[] values = Tagging.Forward(oneHot, parsed.Value.Ids);
                return Result<string>.Ok(RunJson.OneHot(parsed.Value, values, info.OutputSize));
            }
            case IDenseRnnModel dense:
            {
                Result<RunSequence.Dense> parsed = RunLineParser.Dense(info, line, lineNumber);
                if (parsed.Failure is not null) return parsed.Failure;
                if (Budget(info, parsed.Value.Values.Length / info.InputSize, lineNumber, ref outputs) is Failure tooMany) return tooMany;
                var values = new float[parsed.Value.Values.Length / info.InputSize * info.OutputSize];
                dense.Forward(parsed.Value.Values, values);
                return Result<string>.Ok(RunJson.Dense(parsed.Value, info.InputSize, values, info.OutputSize));
            }
            default:
                return Failure.BadInput($"model '{info.Key}' is neither one-hot nor dense");
        }
    }

    /// <summary>Counts a line's outputs (steps × OutputSize) before they are computed; a failure once the run's would pass <see cref="MaxOutputs"/>.</summary>
    private static Failure? Budget(RnnModelInfo info, int steps, int lineNumber, ref long outputs)
    {
        outputs += (long)steps * info.OutputSize;
        return outputs <= MaxOutputs ? null : Failure.BadInput(
            $"line {Numbers.Int(lineNumber)}: the outputs up to this line are more than the {Numbers.Int(MaxOutputs)} floats (8 Mi) "
            + $"'rnngen run' computes at once (model '{info.Key}' writes {Numbers.Size(info.OutputSize)} per step); split the input into several runs");
    }
}
