using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>Checks and copies of parameter lists: one float array per tensor, row-major, in <see cref="RnnModelInfo.Tensors"/> order.</summary>
internal static class Parameters
{
    /// <summary>The number of values the tensor holds.</summary>
    public static int ElementCount(TensorInfo tensor)
    {
        long count = 1;
        foreach (int dim in tensor.Shape) count *= dim;
        return count <= Array.MaxLength
            ? (int)count
            : throw new ArgumentException(FormattableString.Invariant($"Tensor '{tensor.Name}' has {count} values, more than one array can hold."));
    }

    /// <summary>Throws unless <paramref name="parameters"/> holds one array of the right length per tensor.</summary>
    public static void Check(RnnModelInfo info, IReadOnlyList<float[]> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters, name);
        if (parameters.Count != info.Tensors.Count)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"{parameters.Count} parameter arrays for the {info.Tensors.Count} tensors of '{info.Key}'."), name);
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            TensorInfo tensor = info.Tensors[i];
            int expected = ElementCount(tensor);
            if (parameters[i] is not float[] values || values.Length != expected)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Tensor '{tensor.Name}' needs {expected} values; parameter {i} has {parameters[i]?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}."),
                    name);
            }
        }
    }

    /// <summary>A deep copy.</summary>
    public static float[][] Copy(IReadOnlyList<float[]> parameters)
    {
        var copy = new float[parameters.Count][];
        for (int i = 0; i < copy.Length; i++) copy[i] = (float[])parameters[i].Clone();
        return copy;
    }

    /// <summary>Copies <paramref name="source"/>'s values into <paramref name="target"/>'s arrays.</summary>
    public static void CopyInto(IReadOnlyList<float[]> source, float[][] target)
    {
        for (int i = 0; i < target.Length; i++) source[i].AsSpan().CopyTo(target[i]);
    }

    /// <summary>New zeroed arrays of the same lengths.</summary>
    public static float[][] Zeros(IReadOnlyList<float[]> like)
    {
        var zeros = new float[like.Count][];
        for (int i = 0; i < zeros.Length; i++) zeros[i] = new float[like[i].Length];
        return zeros;
    }
}
