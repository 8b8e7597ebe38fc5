using System.Collections.Generic;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen run</c> computes: every input line → one JSON line. All or nothing: the first bad line
/// fails the whole batch, so a failed run writes no partial output.
/// </summary>
internal static class RunBatch
{
    public static Result<IReadOnlyList<string>> Run(IRnnModel model, InputFormat format, IReadOnlyList<string> lines)
    {
        var results = new string[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            Result<string> line = RunLine(model, format, lines[i], i + 1);
            if (line.Failure is not null) return line.Failure;
            results[i] = line.Value;
        }
        return Result<IReadOnlyList<string>>.Ok(results);
    }

    private static Result<string> RunLine(IRnnModel model, InputFormat format, string line, int lineNumber)
    {
        RnnModelInfo info = model.Info;
        switch (model)
        {
            case IOneHotRnnModel oneHot:
                return RunLineParser.OneHot(info, oneHot.Vocabulary, format, line, lineNumber).Map(sequence =>
                {
                    float[] outputs = Tagging.Forward(oneHot, sequence.Ids);
                    return RunJson.OneHot(sequence, outputs, info.OutputSize);
                });
            case IDenseRnnModel dense:
                return RunLineParser.Dense(info, line, lineNumber).Map(sequence =>
                {
                    var outputs = new float[sequence.Values.Length / info.InputSize * info.OutputSize];
                    dense.Forward(sequence.Values, outputs);
                    return RunJson.Dense(sequence, info.InputSize, outputs, info.OutputSize);
                });
            default:
                return Failure.BadInput($"model '{info.Key}' is neither one-hot nor dense");
        }
    }
}
