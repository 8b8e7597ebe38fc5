using System;
using System.Collections.Generic;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Marks a test as one that asserts the given diagnostic ids (exact message and location).
/// <see cref="DiagnosticCoverageTests"/> checks that every rule in DiagnosticRules.All has such a test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class CoversAttribute(params string[] ids) : Attribute
{
    public IReadOnlyList<string> Ids { get; } = ids;
}
