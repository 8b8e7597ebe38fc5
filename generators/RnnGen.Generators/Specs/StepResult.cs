using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// What a pipeline step returns: a value when the step succeeded, and the diagnostics it found
/// either way (warnings can come with a value; errors come without one). Errors are values here,
/// never exceptions.
/// </summary>
internal sealed record StepResult<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics)
    where T : class
{
    public static StepResult<T> Failed(params DiagnosticInfo[] diagnostics) => new(null, new EquatableArray<DiagnosticInfo>(diagnostics));
}
