using System;

namespace RnnGen.Training;

/// <summary>
/// How a <see cref="Trainer"/> trains: epochs, batches, Adam's settings (PyTorch's names and defaults), clipping, the
/// schedule, early stopping, the seed and the threads. Everything but <see cref="Threads"/> can change the result;
/// the same options and data give the same weights bit for bit, whatever <see cref="Threads"/> is.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training data, at least 1 (fewer when early stopping ends the run).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Sequences per optimizer update, at least 1; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The base learning rate (PyTorch's <c>lr</c>), which the <see cref="Schedule"/> scales.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's β1, the decay of the gradient's running mean, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β2, the decay of the squared gradient's running mean, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε, added to the denominator, at least 0.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>
    /// Weight decay λ, at least 0. As <c>torch.optim.Adam</c> does it (coupled, an L2 penalty): λ·w is added to the
    /// gradient before the moments; with <see cref="DecoupledWeightDecay"/>, as <c>torch.optim.AdamW</c>: w is multiplied
    /// by 1 − lr·λ before the update and the gradient is left alone.
    /// </summary>
    public double WeightDecay { get; init; }

    /// <summary>AdamW's decoupled weight decay instead of Adam's L2 penalty.</summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>
    /// The largest global L2 norm of the gradient over all tensors (<c>torch.nn.utils.clip_grad_norm_</c>: scaled by
    /// max / (norm + 1e-6) when that is below 1), or 0 for no clipping.
    /// </summary>
    public double MaxGradientNorm { get; init; }

    /// <summary>How the learning rate changes over the updates.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant();

    /// <summary>
    /// With validation data: stop after this many epochs in a row without a lower validation loss (0: run every epoch).
    /// Either way the result holds the weights of the epoch with the lowest validation loss.
    /// </summary>
    public int Patience { get; init; }

    /// <summary>The seed of the initial weights, the validation split and the order of the sequences in each epoch.</summary>
    public ulong Seed { get; init; }

    /// <summary>Threads that run a batch's parts at once, at least 1; does not change the result.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Sequences per part: each batch is cut into parts of this many sequences (the last may have fewer), each part's
    /// gradient is computed on its own workspace, and the parts' gradients are added in part order. A fixed number,
    /// not the number of threads, so that the sum, and so the result, does not depend on <see cref="Threads"/>.
    /// </summary>
    public int PartSize { get; init; } = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartSize, 1, nameof(PartSize));
        ArgumentOutOfRangeException.ThrowIfNegative(Patience, nameof(Patience));
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "a finite number above 0");
        Require(Beta1 >= 0 && Beta1 < 1, nameof(Beta1), Beta1, "in [0, 1)");
        Require(Beta2 >= 0 && Beta2 < 1, nameof(Beta2), Beta2, "in [0, 1)");
        Require(double.IsFinite(Epsilon) && Epsilon >= 0, nameof(Epsilon), Epsilon, "a finite number of at least 0");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "a finite number of at least 0");
        Require(double.IsFinite(MaxGradientNorm) && MaxGradientNorm >= 0, nameof(MaxGradientNorm), MaxGradientNorm, "a finite number of at least 0");
    }

    private static void Require(bool ok, string name, double value, string what)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {what}.");
    }
}
