using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// Step 3 of the pipeline: all bound models of a compilation → the ones to emit. Two specs that
/// would generate the same C# type cannot both be emitted; the first by path wins and the others
/// get <see cref="DiagnosticRules.DuplicateModel"/>.
/// </summary>
internal static class ModelSet
{
    public static (EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Diagnostics) Deduplicate(ImmutableArray<BoundModel> models)
    {
        // Generated file names are compared without regard to case, so Foo and FOO in one namespace clash.
        var kept = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        // Every namespace a kept model declares (its own and those it is in), with the model: no type may take one's name.
        var namespaces = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (BoundModel bound in models.OrderBy(m => m.Model.SpecPath, StringComparer.Ordinal))
        {
            ModelSpec model = bound.Model;
            if (kept.TryGetValue(model.FullName, out ModelSpec? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateModel, model.SpecPath, bound.NameRange, model.FullName, first.SpecPath));
                continue;
            }
            // A type and a namespace of one full name cannot both be declared (CS0101): this model's type is a kept one's
            // namespace, or one of this model's namespaces is a kept one's type.
            string[] prefixes = NamespacesOf(model.Namespace);
            if (namespaces.TryGetValue(model.FullName, out ModelSpec? inside))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.TypeIsNamespace, model.SpecPath, bound.NameRange, model.FullName, inside.SpecPath));
                continue;
            }
            if (prefixes.FirstOrDefault(p => kept.TryGetValue(p, out ModelSpec? t) && t.FullName == p) is string taken)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.TypeIsNamespace, model.SpecPath, bound.NameRange, taken, kept[taken].SpecPath));
                continue;
            }
            foreach (string p in prefixes) if (!namespaces.ContainsKey(p)) namespaces[p] = model;
            kept[model.FullName] = model;
            if (keys.TryGetValue(model.Key, out ModelSpec? sameKey))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateKey, model.SpecPath, bound.NameRange, model.Key, sameKey.SpecPath));
            }
            else
            {
                keys[model.Key] = model;
            }
        }
        return (kept.Values.OrderBy(m => m.FullName, StringComparer.Ordinal).ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>"A", "A.B", "A.B.C" of "A.B.C".</summary>
    private static string[] NamespacesOf(string ns)
    {
        string[] parts = ns.Split('.');
        var result = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = string.Join(".", parts, 0, i + 1);
        return result;
    }
}
