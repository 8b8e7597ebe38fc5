using System;

namespace RnnGen.Training;

/// <summary>Where a training run is, reported after every update and after every epoch's validation.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The number of epochs the run makes unless it stops early.</param>
/// <param name="Step">The batch within the epoch, from 1 (equal to <paramref name="StepsPerEpoch"/> once the epoch's batches are done).</param>
/// <param name="StepsPerEpoch">Batches per epoch.</param>
/// <param name="Loss">The epoch's mean loss per scored step so far.</param>
/// <param name="LearningRate">The learning rate of the last update.</param>
/// <param name="TokensPerSecond">Training steps (tokens) per second of the run so far, validation included.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Remaining">The estimated time to the last epoch's end, at the speed so far.</param>
/// <param name="Completed">The epoch's record once it is done (validated, when there is validation data), else null.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    EpochRecord? Completed);
