using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>The table <c>rnngen models</c> prints: one row per compiled model.</summary>
internal static class ModelTable
{
    private static readonly string[] Header = ["KEY", "TYPE", "A", "X", "Y", "WEIGHTS"];

    public static IReadOnlyList<string> Format(IReadOnlyList<RnnModelInfo> models) =>
        TextTable.Format([Header, .. models.Select(Row)]);

    private static IReadOnlyList<string> Row(RnnModelInfo m) =>
    [
        m.Key,
        m.FullTypeName,
        $"{Numbers.Size(m.HiddenSize)} {m.HiddenActivation}",
        Input(m),
        Output(m),
        m.WeightsFile,
    ];

    /// <summary>"one-hot 10,000 words" or "dense 8".</summary>
    public static string Input(RnnModelInfo m) =>
        m.InputEncoding == SpecWords.OneHot
            ? $"{m.InputEncoding} {Numbers.Size(m.InputSize)} {m.Tokenizer}"
            : $"{m.InputEncoding} {Numbers.Size(m.InputSize)}";

    /// <summary>"1 sigmoid [person]", or "3 softmax" without labels.</summary>
    public static string Output(RnnModelInfo m) =>
        m.Labels.Count == 0
            ? $"{Numbers.Size(m.OutputSize)} {m.OutputActivation}"
            : $"{Numbers.Size(m.OutputSize)} {m.OutputActivation} [{string.Join(", ", m.Labels)}]";
}
