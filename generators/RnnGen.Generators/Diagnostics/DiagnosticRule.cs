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

    /// <summary>
    /// Where the diagnostics' documentation is published: docs/diagnostics.md of the project's public home
    /// (<see cref="ProjectHome.Url"/>, compiled in from <c>RnnGenProjectUrl</c> in Directory.Build.props, which is also
    /// every package's project URL), main branch, as a web page. An IDE opens a help link only when it is an absolute URL
    /// (a relative <c>docs/diagnostics.md#…</c> opens nothing), so every link is this address plus the rule's anchor
    /// (a test checks every descriptor's link against it, against that property and against the anchors of docs/diagnostics.md).
    /// </summary>
    public const string DocsLocation = ProjectHome.Url + "/blob/main/docs/diagnostics.md";

    /// <summary>The rule's page: its section of docs/diagnostics.md at <see cref="DocsLocation"/>.</summary>
    public string HelpLink => DocsLocation + "#" + Id.ToLowerInvariant();

    public string Format(IEnumerable<string> arguments) =>
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments.Cast<object>().ToArray());
}
