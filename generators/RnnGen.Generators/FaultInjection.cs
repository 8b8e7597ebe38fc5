using System;

namespace RnnGen.Generators;

/// <summary>
/// A test seam: lets a test make one guarded step of the generator throw, to check that every step turns an
/// unexpected exception into RNN0099 at the file instead of the compiler's CS8785. The hook is per thread
/// (the generator driver runs a generator's steps on the thread that calls it), so a test cannot disturb a
/// build or another test; outside tests it is null and costs one read per step.
/// </summary>
internal static class FaultInjection
{
    [ThreadStatic]
    private static Func<string, string, Exception?>? s_fault;

    /// <summary>
    /// Until disposed, <paramref name="fault"/> is asked at every guarded step on this thread with the step's name (one of
    /// <see cref="RnnModelGenerator.Steps"/>, or <see cref="Emit"/>) and the file's path; the exception it returns is thrown there.
    /// </summary>
    public static IDisposable Inject(Func<string, string, Exception?> fault)
    {
        s_fault = fault;
        return new Removal();
    }

    /// <summary>The step name of writing a generated file.</summary>
    public const string Emit = "RnnGen.Emit";

    /// <summary>Throws what the injected fault returns for this step and file, if anything.</summary>
    public static void At(string step, string path)
    {
        if (s_fault?.Invoke(step, path) is Exception e) throw e;
    }

    private sealed class Removal : IDisposable
    {
        public void Dispose() => s_fault = null;
    }
}
