using RnnGen.Generators.Model;

namespace RnnGen.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain, equatable data: which rule, in which file, where, with which message
/// arguments. It becomes a Roslyn <c>Diagnostic</c> only in the generator's reporting step, so the
/// pipeline's outputs stay cacheable and the same data serves the command-line <c>check</c>.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextRange Range, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticRule rule, string filePath, TextRange range, params string[] arguments) =>
        new(rule.Id, filePath, range, new EquatableArray<string>(arguments));

    public DiagnosticRule Rule => DiagnosticRules.ById(Id);

    /// <summary>The message with its arguments filled in.</summary>
    public string Message => Rule.Format(Arguments);
}
