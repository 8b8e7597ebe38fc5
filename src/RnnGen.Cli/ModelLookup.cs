using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RnnGen.Generated;

namespace RnnGen.Cli;

/// <summary>
/// A model a command works on: what it is, its generated class, how to load it (null weights: the model's own), and
/// where its own weights are (what <see cref="Load"/> reads when given null).
/// </summary>
internal sealed record ChosenModel(RnnModelInfo Info, Type Type, Func<string?, IRnnModel> Load, string DefaultWeightsPath);

/// <summary>Finds the model a command names: a model compiled into rnngen by its key, or a spec file compiled now.</summary>
internal static class ModelLookup
{
    /// <summary>The generated class's static property with the path of its shipped weights.</summary>
    private const string DefaultWeightsProperty = "DefaultWeightsPath";

    /// <summary>The model called <paramref name="key"/>, or a usage failure that lists every known key.</summary>
    public static Result<RnnModelInfo> Find(IReadOnlyList<RnnModelInfo> models, string key)
    {
        RnnModelInfo? info = models.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.Ordinal));
        return info is not null
            ? Result<RnnModelInfo>.Ok(info)
            : Failure.Usage($"unknown model '{Numbers.Clip(key)}'; the models are: {string.Join(", ", models.Select(m => m.Key))}, or give a spec file (<key>.rnn.json)");
    }

    /// <summary>
    /// A path ending in .rnn.json is a spec, compiled in memory (<see cref="SpecCompiler"/>), whose weights are by
    /// default the file the spec names beside it; anything else is the key of a model compiled into rnngen.
    /// </summary>
    public static Result<ChosenModel> Resolve(IReadOnlyList<RnnModelInfo> models, string argument)
    {
        if (SpecCompiler.IsSpecPath(argument))
        {
            return SpecCompiler.Compile(argument).Map(spec => new ChosenModel(
                spec.Info, spec.Type, weights => spec.Load(weights ?? spec.DefaultWeightsPath), spec.DefaultWeightsPath));
        }
        return Find(models, argument).Map(info =>
        {
            Type type = typeof(ModelCatalog).Assembly.GetType(info.FullTypeName, throwOnError: true)!;
            // The generated class's own DefaultWeightsPath (models/ + its weights file, beside rnngen), the file its Load() reads.
            string weights = (string)type.GetProperty(DefaultWeightsProperty, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return new ChosenModel(info, type, path => ModelCatalog.Load(info.Key, path), weights);
        });
    }
}
