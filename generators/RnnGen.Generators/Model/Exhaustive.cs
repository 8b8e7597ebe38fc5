using System;

namespace RnnGen.Generators.Model;

/// <summary>
/// The default arm of every switch over the generator's enums and operation kinds. A value no arm
/// handles is a bug in the generator, never a reason to pick some default: the exception becomes
/// the internal-error diagnostic RNN0099 at the spec, so the build stops and says so.
/// </summary>
internal static class Exhaustive
{
    public static InvalidOperationException Unhandled<T>(T value) =>
        new($"RnnGen has no case for {typeof(T).Name} '{value}'; this is a bug in the generator, please report it.");
}
