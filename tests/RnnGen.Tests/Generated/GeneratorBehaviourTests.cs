using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnGen.Generators;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>How the generator behaves as a component: typing, culture, caching, and its data contract.</summary>
public sealed class GeneratorBehaviourTests
{
    private static readonly (string, string)[] TwoModels =
    {
        ("first.rnn.json", new TestSpec("First", 8, "tanh", true, 5, 1, "sigmoid").Json()),
        ("second.rnn.json", new TestSpec("Second", 8, "tanh", true, 5, 1, "sigmoid").Json()),
    };

    [Fact]
    public void A_hidden_state_of_one_model_cannot_be_passed_to_another()
    {
        const string misuse = """
            public static class Misuse
            {
                public static void Run(RnnGen.TestModels.First first)
                {
                    var state = new RnnGen.TestModels.Second.Hidden();
                    first.Step(ref state, 0, out _);
                }
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(TwoModels, new[] { misuse });
        var errors = output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "CS1503" && d.GetMessage(CultureInfo.InvariantCulture).Contains("Second.Hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_is_the_same_under_a_culture_whose_minus_sign_is_U2212()
    {
        (string, string)[] files = RepoPaths.ModelFiles();
        CultureInfo original = CultureInfo.CurrentCulture;
        IReadOnlyDictionary<string, string> invariant, minus;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = GeneratorHarness.Run(files).Sources;
            var culture = (CultureInfo)CultureInfo.GetCultureInfo("sv-SE").Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            culture.NumberFormat.NumberGroupSeparator = "\u00A0";
            CultureInfo.CurrentCulture = culture;
            Assert.Equal("\u22121", (-1).ToString(CultureInfo.CurrentCulture));
            GeneratorOutput output = GeneratorHarness.Run(files);
            minus = output.Sources;
            GeneratorHarness.CompileAndLoad(output);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
        Assert.Equal(invariant.Keys.OrderBy(k => k), minus.Keys.OrderBy(k => k));
        foreach (string key in invariant.Keys) Assert.Equal(invariant[key], minus[key]);
        Assert.DoesNotContain(minus.Values, s => s.Contains('\u2212', StringComparison.Ordinal) || s.Contains('\u00A0', StringComparison.Ordinal));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_models_cached()
    {
        GeneratorOutput first = GeneratorHarness.Run(TwoModels);
        Compilation edited = first.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));
        GeneratorDriver driver = first.Driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { RnnModelGenerator.Steps.Read, RnnModelGenerator.Steps.Bind, RnnModelGenerator.Steps.Models })
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Editing_one_spec_reruns_only_that_spec()
    {
        GeneratorOutput first = GeneratorHarness.Run(TwoModels);
        var changed = new InMemoryAdditionalText(GeneratorHarness.PathOf("second.rnn.json"), new TestSpec("Second", 9, "tanh", true, 5, 1, "sigmoid").Json());
        AdditionalText old = first.AdditionalTexts.Single(t => t.Path.EndsWith("second.rnn.json", StringComparison.Ordinal));
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(old, changed);
        driver = driver.RunGenerators(first.Compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var read = result.TrackedSteps[RnnModelGenerator.Steps.Read].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, read.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, read.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Moving_the_name_to_another_line_does_not_generate_the_code_again()
    {
        GeneratorOutput first = GeneratorHarness.Run(TwoModels);
        AdditionalText old = first.AdditionalTexts.Single(t => t.Path.EndsWith("second.rnn.json", StringComparison.Ordinal));
        var moved = new InMemoryAdditionalText(old.Path, "\n\n" + old.GetText()!.ToString());
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(old, moved).RunGenerators(first.Compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var emitted = result.TrackedOutputSteps["SourceOutput"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    /// <summary>
    /// The contract stated on <see cref="ModelSpec"/>: pipeline outputs hold only equatable data, never
    /// a symbol, compilation, syntax node, additional text or location, so caching works.
    /// </summary>
    [Fact]
    public void Pipeline_models_hold_only_equatable_data()
    {
        var allowed = new HashSet<Type> { typeof(string), typeof(int), typeof(int?), typeof(bool), typeof(TextRange) };
        var visited = new HashSet<Type>();

        void Check(Type type, string path)
        {
            if (!visited.Add(type) || allowed.Contains(type) || type.IsEnum) return;
            Assert.False(typeof(ISymbol).IsAssignableFrom(type) || typeof(Compilation).IsAssignableFrom(type) || typeof(SyntaxNode).IsAssignableFrom(type)
                || typeof(AdditionalText).IsAssignableFrom(type) || typeof(Location).IsAssignableFrom(type), $"{path} is {type}");
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                Check(type.GetGenericArguments()[0], path + "[]");
                return;
            }
            Assert.True(type.GetMethod("Equals", new[] { type }) is not null, $"{path}: {type} has no value equality");
            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.Name is "EqualityContract" || p.GetIndexParameters().Length > 0) continue;
                if (type == typeof(DiagnosticInfo) && p.Name is "Rule" or "Message") continue; // computed from Id and Arguments
                if (type == typeof(ModelSpec) && p.Name is "FullName") continue;
                Check(p.PropertyType, path + "." + p.Name);
            }
        }

        Check(typeof(ModelSpec), nameof(ModelSpec));
        Check(typeof(SpecDraft), nameof(SpecDraft));
        Check(typeof(DiagnosticInfo), nameof(DiagnosticInfo));
        Check(typeof(SpecFile), nameof(SpecFile));
    }

    [Fact]
    public void Equal_specs_give_equal_models_and_identical_source()
    {
        (string, string)[] files = RepoPaths.ModelFiles();
        Assert.Equal(GeneratorHarness.Run(files).Sources, GeneratorHarness.Run(files).Sources);
    }
}
