using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>Finds a compiled model by its key.</summary>
internal static class ModelLookup
{
    /// <summary>The model called <paramref name="key"/>, or a usage failure that lists every known key.</summary>
    public static Result<RnnModelInfo> Find(IReadOnlyList<RnnModelInfo> models, string key)
    {
        RnnModelInfo? info = models.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.Ordinal));
        return info is not null
            ? Result<RnnModelInfo>.Ok(info)
            : Failure.Usage($"unknown model '{Numbers.Clip(key)}'; the models are: {string.Join(", ", models.Select(m => m.Key))}");
    }
}
