using System;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen run</c> does with a line: parses it (<see cref="RunLineParser"/>), runs the model from a&lt;0&gt; = 0 and
/// writes one JSON line (<see cref="RunJson"/>), or says, naming the line, why it cannot. A line's work and memory are
/// bounded by its length, which <see cref="LineReader"/> bounds.
/// </summary>
internal sealed class RunWorker(IRnnModel model, InputFormat format) : ILineWorker
{
    public Failure? Write(ReadOnlySpan<char> line, long lineNumber, CharBuffer output)
    {
        Result<string> json = Run(line.ToString(), lineNumber);
        if (json.Failure is not null) return json.Failure;
        output.Append(json.Value);
        output.Append(Environment.NewLine);
        return null;
    }

    private Result<string> Run(string line, long lineNumber)
    {
        RnnModelInfo info = model.Info;
        switch (model)
        {
            case IOneHotRnnModel oneHot:
            {
                Result<RunSequence.OneHot> parsed = RunLineParser.OneHot(info, oneHot.Vocabulary, format, line, lineNumber);
                if (parsed.Failure is not null) return parsed.Failure;
                var values = new float[parsed.Value.Ids.Length * info.OutputSize];
                oneHot.Forward(parsed.Value.Ids, values);
                return Result<string>.Ok(RunJson.OneHot(parsed.Value, values, info.OutputSize));
            }
            case IDenseRnnModel dense:
            {
                Result<RunSequence.Dense> parsed = RunLineParser.Dense(info, line, lineNumber);
                if (parsed.Failure is not null) return parsed.Failure;
                var values = new float[parsed.Value.Values.Length / info.InputSize * info.OutputSize];
                dense.Forward(parsed.Value.Values, values);
                return Result<string>.Ok(RunJson.Dense(parsed.Value, info.InputSize, values, info.OutputSize));
            }
            default:
                return Failure.BadInput($"model '{info.Key}' is neither one-hot nor dense");
        }
    }
}
