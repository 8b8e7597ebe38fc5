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
        var diagnostics = new List<DiagnosticInfo>();
        foreach (BoundModel bound in models.OrderBy(m => m.Model.SpecPath, StringComparer.Ordinal))
        {
            ModelSpec model = bound.Model;
            if (kept.TryGetValue(model.FullName, out ModelSpec? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateModel, model.SpecPath, bound.NameRange, model.FullName, first.SpecPath));
                continue;
            }
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
}
