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
    public static (EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Diagnostics) Deduplicate(ImmutableArray<ModelSpec> models)
    {
        var kept = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        var keys = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (ModelSpec model in models.OrderBy(m => m.SpecPath, StringComparer.Ordinal))
        {
            if (kept.TryGetValue(model.FullName, out ModelSpec? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateModel, model.SpecPath, model.NameRange, model.FullName, first.SpecPath));
                continue;
            }
            kept[model.FullName] = model;
            if (keys.TryGetValue(model.Key, out ModelSpec? sameKey))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateKey, model.SpecPath, model.NameRange, model.Key, sameKey.SpecPath));
            }
            else
            {
                keys[model.Key] = model;
            }
        }
        return (kept.Values.OrderBy(m => m.FullName, StringComparer.Ordinal).ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
