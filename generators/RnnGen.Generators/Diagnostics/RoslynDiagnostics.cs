using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RnnGen.Generators.Diagnostics;

/// <summary>The last step of a diagnostic's life: plain data → a Roslyn <see cref="Diagnostic"/> at its place in the file.</summary>
internal static class RoslynDiagnostics
{
    private static readonly Dictionary<string, DiagnosticDescriptor> s_descriptors = DiagnosticRules.All.ToDictionary(
        r => r.Id,
        r => new DiagnosticDescriptor(
            r.Id, r.Title, r.MessageFormat, DiagnosticRule.Category,
            r.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: r.HelpLink));

    public static DiagnosticDescriptor Descriptor(string id) => s_descriptors[id];

    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        Location location = Location.Create(
            info.FilePath,
            new TextSpan(info.Range.Start, info.Range.Length),
            new LinePositionSpan(
                new LinePosition(info.Range.StartLine, info.Range.StartColumn),
                new LinePosition(info.Range.EndLine, info.Range.EndColumn)));
        return Diagnostic.Create(Descriptor(info.Id), location, info.Arguments.Cast<object>().ToArray());
    }
}
