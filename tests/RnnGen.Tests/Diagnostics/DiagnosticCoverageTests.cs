using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RnnGen.Generators.Diagnostics;
using Xunit;
using RnnGen.Tests.Infrastructure;

namespace RnnGen.Tests.Diagnostics;

/// <summary>Every rule has a test and a documented section; nothing tested or documented is stale.</summary>
public sealed class DiagnosticCoverageTests
{
    private static IEnumerable<MethodInfo> TestMethods() =>
        typeof(DiagnosticCoverageTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(DiagnosticCoverageTests).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));

    /// <summary>Ids asserted by tests that run (a skipped test covers nothing).</summary>
    private static HashSet<string> CoveredIds() =>
        TestMethods()
            .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null }) // TheoryAttribute derives from FactAttribute
            .SelectMany(m => m.GetCustomAttributes<CoversAttribute>())
            .SelectMany(c => c.Ids)
            .ToHashSet(StringComparer.Ordinal);

    private static string[] RuleIds => DiagnosticRules.All.Select(r => r.Id).ToArray();

    [Fact]
    public void Every_rule_has_a_test()
    {
        HashSet<string> covered = CoveredIds();
        string[] missing = RuleIds.Where(id => !covered.Contains(id)).ToArray();
        Assert.True(missing.Length == 0, "No running test has [Covers] for " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_covered_id_is_a_rule_and_every_Covers_is_on_a_test()
    {
        string[] unknown = CoveredIds().Where(id => !RuleIds.Contains(id)).ToArray();
        Assert.True(unknown.Length == 0, "[Covers] names ids that are not rules: " + string.Join(", ", unknown));
        string[] notTests = TestMethods().Where(m => m.GetCustomAttributes<CoversAttribute>().Any() && m.GetCustomAttribute<FactAttribute>() is null)
            .Select(m => m.DeclaringType!.Name + "." + m.Name).ToArray();
        Assert.True(notTests.Length == 0, "[Covers] on methods that are not tests: " + string.Join(", ", notTests));
    }

    [Fact]
    public void Rules_are_in_id_order_with_unique_ids_and_help_links()
    {
        Assert.Equal(RuleIds.Order(StringComparer.Ordinal), RuleIds);
        Assert.Equal(RuleIds.Length, RuleIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(DiagnosticRules.All, r =>
        {
            Assert.Matches("^RNN[0-9]{4}$", r.Id);
            Assert.Equal(DiagnosticRule.DocsLocation + "#" + r.Id.ToLowerInvariant(), r.HelpLink);
            Assert.Equal(RoslynDiagnostics.Descriptor(r.Id).HelpLinkUri, r.HelpLink);
        });
    }

    [Fact]
    public void Every_descriptor_s_help_link_is_an_absolute_https_URL_to_an_anchor_of_diagnostics_md()
    {
        string docs = Docs();
        // The address is the project's home as Directory.Build.props writes it, the packages' project URL too.
        Assert.Equal(DiagnosticRule.DocsLocation, RepoPaths.ProjectUrl() + "/blob/main/docs/diagnostics.md");
        Assert.Equal(DiagnosticRules.All.Count, RoslynDiagnostics.All.Count);
        Assert.All(RoslynDiagnostics.All, d =>
        {
            // An IDE opens only an absolute link; a relative one (docs/diagnostics.md#rnn0006) opens nothing.
            Assert.True(Uri.TryCreate(d.HelpLinkUri, UriKind.Absolute, out Uri? link), d.Id + ": " + d.HelpLinkUri);
            Assert.Equal(Uri.UriSchemeHttps, link!.Scheme);
            Assert.False(string.IsNullOrEmpty(link.Host), d.HelpLinkUri);
            Assert.EndsWith("/docs/diagnostics.md", link.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal("#" + d.Id.ToLowerInvariant(), link.Fragment);
            Assert.Contains($"<a id=\"{link.Fragment[1..]}\"></a>", docs, StringComparison.Ordinal);
        });
    }

    private static string Docs() => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A title as Markdown must write it outside code: '&lt;UNK&gt;' would otherwise be read as an HTML tag.</summary>
    private static string Markdown(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [Fact]
    public void Docs_have_an_anchored_section_and_a_table_row_for_every_rule()
    {
        string docs = Docs();
        Assert.All(DiagnosticRules.All, r =>
        {
            string id = r.Id;
            string anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>\n## {id}: {Markdown(r.Title)}\n";
            Assert.True(docs.Contains(anchor, StringComparison.Ordinal), $"docs/diagnostics.md has no section starting\n{anchor}");
            string severity = r.Severity == RuleSeverity.Error ? "Error" : "Warning";
            string row = $"| [{id}](#{id.ToLowerInvariant()}) | {severity} | {Markdown(r.Title)} |";
            Assert.True(docs.Contains(row, StringComparison.Ordinal), $"docs/diagnostics.md has no table row\n{row}");
            string section = Section(docs, id);
            Assert.Contains($"**Severity:** {severity}", section, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Docs_mention_no_rule_that_does_not_exist_and_sections_are_in_id_order()
    {
        string docs = Docs();
        string[] mentioned = Regex.Matches(docs, "RNN[0-9]{4}").Select(m => m.Value).Distinct().ToArray();
        string[] unknown = mentioned.Where(id => !RuleIds.Contains(id)).ToArray();
        Assert.True(unknown.Length == 0, "docs/diagnostics.md mentions ids that are not rules: " + string.Join(", ", unknown));
        string[] sections = Regex.Matches(docs, "^## (RNN[0-9]{4}):", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(RuleIds, sections);
    }

    [Fact]
    public void Docs_quote_each_rules_fixed_message_text()
    {
        // Every literal piece of a rule's message format (between placeholders) appears in its section,
        // so a reworded message cannot leave a stale example behind.
        string docs = Docs();
        Assert.All(DiagnosticRules.All, r =>
        {
            string section = Section(docs, r.Id);
            foreach (string piece in Regex.Split(r.MessageFormat, @"\{[0-9]+\}").Where(p => p.Trim().Length >= 12))
            {
                Assert.True(section.Contains(piece, StringComparison.Ordinal), $"The section of {r.Id} does not quote \"{piece}\"");
            }
        });
    }

    private static string Section(string docs, string id)
    {
        int start = docs.IndexOf($"## {id}:", StringComparison.Ordinal);
        Assert.True(start >= 0, "No section for " + id);
        int end = docs.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? docs[start..] : docs[start..end];
    }
}
