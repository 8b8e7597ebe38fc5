using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Emit;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// What a release promises: the diagnostic ids in AnalyzerReleases.*.md and the version stamped on generated code.
/// The build's release-tracking analyzer (RS2000–RS2002) compares the release files with the constant descriptors of
/// <see cref="RoslynDiagnostics"/>; these tests tie those descriptors to <see cref="DiagnosticRules.All"/>, where the
/// generator, <c>rnngen check</c> and the docs read the rules.
/// </summary>
public sealed class ReleaseTrackingTests
{
    private static string GeneratorFile(string name) => Path.Combine(RepoPaths.Root, "generators", "RnnGen.Generators", name);

    [Fact]
    public void Every_rule_has_exactly_one_descriptor_of_its_title_message_category_and_severity()
    {
        Assert.Equal(DiagnosticRules.All.Select(r => r.Id), RoslynDiagnostics.All.Select(d => d.Id));
        Assert.All(DiagnosticRules.All, r =>
        {
            DiagnosticDescriptor d = Assert.Single(RoslynDiagnostics.All, d => d.Id == r.Id);
            Assert.Equal(r.Title, d.Title.ToString());
            Assert.Equal(r.MessageFormat, d.MessageFormat.ToString());
            Assert.Equal(DiagnosticRule.Category, d.Category);
            Assert.Equal(r.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault, r.Id);
            Assert.Same(d, RoslynDiagnostics.Descriptor(r.Id));
        });
        // Each descriptor is a field of its own: release tracking reads only descriptors created in a field initializer.
        FieldInfo[] fields = typeof(RoslynDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor)).ToArray();
        Assert.Equal(DiagnosticRules.All.Count, fields.Length);
    }

    /// <summary>Rows "RNN0001 | RnnGen | Error | title" of a release file's tables.</summary>
    private static List<(string Id, string Category, string Severity)> Rows(string file) =>
        File.ReadAllLines(GeneratorFile(file))
            .Select(l => Regex.Match(l, @"^(RNN\d{4})\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|"))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))
            .ToList();

    [Fact]
    public void The_release_files_list_every_rule_once_with_its_category_and_severity()
    {
        var rows = Rows("AnalyzerReleases.Shipped.md").Concat(Rows("AnalyzerReleases.Unshipped.md")).ToList();
        string[] twice = rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(twice.Length == 0, "listed more than once (a changed rule goes under 'Changed Rules', not as a new row): " + string.Join(", ", twice));
        string[] missing = DiagnosticRules.All.Select(r => r.Id).Except(rows.Select(r => r.Id)).ToArray();
        Assert.True(missing.Length == 0, "add to generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md: " + string.Join(", ", missing));
        string[] unknown = rows.Select(r => r.Id).Except(DiagnosticRules.All.Select(r => r.Id)).ToArray();
        Assert.True(unknown.Length == 0, "release files list ids that are not rules (a removed rule goes under 'Removed Rules'): " + string.Join(", ", unknown));
        Assert.All(rows, row =>
        {
            DiagnosticRule rule = DiagnosticRules.ById(row.Id);
            Assert.Equal((rule.Id, DiagnosticRule.Category, rule.Severity.ToString()), row);
        });
    }

    [Fact]
    public void Generated_code_is_stamped_with_the_version_the_assemblies_are_built_with()
    {
        // One version source (VersionPrefix in Directory.Build.props) versions every assembly; the generator's stamp
        // on generated code is a constant (it is in every snapshot), so a release that changes the version changes it too.
        string informational = typeof(RnnGen.Tensor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        string version = informational.Split('+')[0];
        Assert.Equal(GeneratorInfo.Version, version);
        string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        Assert.Contains($"<VersionPrefix>{GeneratorInfo.Version}</VersionPrefix>", props, StringComparison.Ordinal);
    }
}
