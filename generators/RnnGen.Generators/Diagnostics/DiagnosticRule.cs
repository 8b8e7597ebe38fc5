using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen.Generators.Diagnostics;

/// <summary>How bad a diagnostic is (mirrors Roslyn's severities without depending on them).</summary>
internal enum RuleSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One diagnostic rule: a stable id, a title, and a message format whose placeholders are filled by
/// <see cref="DiagnosticInfo.Arguments"/>. Each rule has a section in docs/diagnostics.md.
/// </summary>
internal sealed record DiagnosticRule(string Id, string Title, string MessageFormat, RuleSeverity Severity)
{
    public const string Category = "RnnGen";

    /// <summary>The rule's page: its section of docs/diagnostics.md.</summary>
    public string HelpLink => "docs/diagnostics.md#" + Id.ToLowerInvariant();

    public string Format(IEnumerable<string> arguments) =>
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments.Cast<object>().ToArray());
}
