using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>Why a run stopped.</summary>
public enum TrainingStop
{
    /// <summary>Every epoch ran.</summary>
    Completed,

    /// <summary>The validation loss had not improved for <see cref="TrainerOptions.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>A batch's loss was not a finite number (the run diverged); the result holds the best weights before it.</summary>
    Diverged,
}

/// <summary>What a run gives: the kept weights, their epoch, the history and why it stopped.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(RnnModelInfo info, float[][] parameters, TrainingHistory history, TrainingStop stop)
    {
        Info = info;
        Parameters = parameters;
        History = history;
        Stop = stop;
    }

    /// <summary>The model trained.</summary>
    public RnnModelInfo Info { get; }

    /// <summary>
    /// The kept weights, one array per tensor of <see cref="RnnModelInfo.Tensors"/> in that order, row-major: the epoch
    /// with the lowest validation loss when there was validation data, else the last epoch (<see cref="TrainingHistory.BestEpoch"/>).
    /// </summary>
    public IReadOnlyList<float[]> Parameters { get; }

    /// <summary>Every epoch's losses and scores.</summary>
    public TrainingHistory History { get; }

    /// <summary>Why the run stopped.</summary>
    public TrainingStop Stop { get; }

    /// <summary>The weights as tensors named and shaped as <see cref="RnnModelInfo.Tensors"/> (the arrays are shared, not copied).</summary>
    /// <returns>One tensor per parameter.</returns>
    public IReadOnlyList<Tensor> ToTensors()
    {
        var tensors = new Tensor[Parameters.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            TensorInfo t = Info.Tensors[i];
            tensors[i] = new Tensor(t.Name, [.. t.Shape], Parameters[i]);
        }
        return tensors;
    }

    /// <summary>Writes the weights as a safetensors file the generated class loads (<c>Load(path)</c>).</summary>
    /// <param name="path">The file to write (overwritten).</param>
    /// <param name="metadata">The file's <c>__metadata__</c>, or null.</param>
    public void Write(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFile.Write(path, ToTensors(), metadata);
}
