using RnnGen.Generators.Model;

namespace RnnGen.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain, equatable data: which rule, in which file, where, with which message
/// arguments. It becomes a Roslyn <c>Diagnostic</c> only in the generator's reporting step, so the
/// pipeline's outputs stay cacheable and the same data serves the command-line <c>check</c>.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextRange Range, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic of <paramref name="rule"/>; no argument is longer than <see cref="DiagnosticText.MaxArgumentLength"/>.</summary>
    public static DiagnosticInfo Create(DiagnosticRule rule, string filePath, TextRange range, params string[] arguments)
    {
        var clipped = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++) clipped[i] = DiagnosticText.Clip(arguments[i], DiagnosticText.MaxArgumentLength);
        return new(rule.Id, filePath, range, new EquatableArray<string>(clipped));
    }

    public DiagnosticRule Rule => DiagnosticRules.ById(Id);

    /// <summary>The message with its arguments filled in.</summary>
    public string Message => Rule.Format(Arguments);
}
