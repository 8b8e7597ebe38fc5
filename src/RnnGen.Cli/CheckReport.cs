using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;

namespace RnnGen.Cli;

/// <summary>What <c>rnngen check</c> prints for the pipeline's result, and the exit code it implies.</summary>
/// <param name="Lines">One line per diagnostic in the compiler's format, then the summary.</param>
/// <param name="ExitCode"><see cref="ExitCodes.Success"/> when there is no error, else <see cref="ExitCodes.BadInput"/>.</param>
internal sealed record CheckReport(IReadOnlyList<string> Lines, int ExitCode)
{
    public static CheckReport From(string specName, StepResult<ModelSpec> result)
    {
        IReadOnlyList<DiagnosticInfo> diagnostics = result.Diagnostics;
        int errors = diagnostics.Count(d => d.Rule.Severity == RuleSeverity.Error);
        int warnings = diagnostics.Count - errors;
        string summary = errors == 0 && result.Value is ModelSpec model
            ? $"{specName}: OK — {Describe(model)}{(warnings == 0 ? "" : ", " + Count(warnings, "warning"))}"
            : $"{specName}: {Count(errors, "error")}, {Count(warnings, "warning")}";
        bool failed = errors > 0 || result.Value is null;
        return new CheckReport([.. diagnostics.Select(Format), summary], failed ? ExitCodes.BadInput : ExitCodes.Success);
    }

    /// <summary><c>path(line,col): error RNN0006: message</c>, 1-based, as the C# compiler prints diagnostics.</summary>
    public static string Format(DiagnosticInfo d) =>
        $"{d.FilePath}({Numbers.Int(d.Range.StartLine + 1)},{Numbers.Int(d.Range.StartColumn + 1)}): " +
        $"{(d.Rule.Severity == RuleSeverity.Error ? "error" : "warning")} {d.Id}: {d.Message}";

    /// <summary>"NameTagger, a 100 tanh, x one-hot 10,000, y 1 sigmoid", and the module paths the spec names.</summary>
    private static string Describe(ModelSpec m) =>
        $"{m.Name}, a {Numbers.Size(m.Top.Size)} {(m.Top.Cell == CellKind.Elman ? m.Top.Activation.Name() : m.Top.Cell.Word())}" +
        (m.Layers.Count > 1 ? $" × {Numbers.Int(m.Layers.Count)} layers" : "") + (m.Bidirectional ? " bidirectional" : "") + ", " +
        $"x {m.Input.Encoding.Name()} {Numbers.Size(m.Input.Size)}" + (m.Input.Embedding > 0 ? $" (embedding {Numbers.Size(m.Input.Embedding)})" : "") +
        $", y {Numbers.Size(m.Output.Size)} {m.Output.Activation.Name()}" + Modules(m);

    /// <summary>", modules embedding = encoder.embed, rnn = encoder.gru, head = head" when the spec names them, else "".</summary>
    private static string Modules(ModelSpec m) =>
        !m.Modules.Named ? ""
        : ", modules " + string.Join(", ", SpecWords.Modules
            .Where(k => k != SpecWords.EmbeddingModule || m.Input.Embedding > 0)
            .Select(k => $"{k} = {m.Modules.Of(k)}"));

    private static string Count(int n, string noun) => $"{Numbers.Int(n)} {noun}{(n == 1 ? "" : "s")}";
}
