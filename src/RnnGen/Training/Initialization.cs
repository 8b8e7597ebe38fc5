using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>A program's parameters as they start: each tensor drawn as its <see cref="ParameterInit"/> says, from the run's seed.</summary>
internal static class Initialization
{
    /// <summary>
    /// One array per tensor of <see cref="RnnModelInfo.Tensors"/>: uniform in [−Scale, Scale] (<c>−Scale + 2·Scale·u</c>, u a
    /// 24-bit float in [0, 1)) or normal with standard deviation Scale (polar method in double, rounded to float); a scale
    /// of 0 gives zeros. Tensor i draws from its own stream of <paramref name="seed"/>, so its values depend on the seed,
    /// its index and its size only.
    /// </summary>
    public static float[][] Create(ITrainingProgram program, ulong seed)
    {
        IReadOnlyList<TensorInfo> tensors = program.Info.Tensors;
        IReadOnlyList<ParameterInit> init = program.Init;
        if (init.Count != tensors.Count)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The program gives {init.Count} initialisations for {tensors.Count} tensors."), nameof(program));
        }
        var parameters = new float[tensors.Count][];
        for (int i = 0; i < tensors.Count; i++)
        {
            var values = new float[Parameters.ElementCount(tensors[i])];
            ParameterInit how = init[i];
            if (!float.IsFinite(how.Scale) || how.Scale < 0)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Tensor '{tensors[i].Name}' has the initial scale {how.Scale}; it must be finite and at least 0."), nameof(program));
            }
            if (how.Scale > 0)
            {
                TrainingRandom random = TrainingRandom.Stream(seed, TrainingRandom.Purpose.Init, i);
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = how.Normal
                        ? (float)(how.Scale * random.NextNormal())
                        : -how.Scale + 2 * how.Scale * random.NextFloat();
                }
            }
            parameters[i] = values;
        }
        return parameters;
    }
}
