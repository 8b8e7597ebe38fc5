using System;

namespace RnnGen.Training;

/// <summary>The shape of a learning-rate schedule.</summary>
public enum ScheduleKind
{
    /// <summary>The base rate throughout (after any warm-up).</summary>
    Constant,

    /// <summary>Half a cosine from the base rate down to <see cref="LearningRateSchedule.FinalFactor"/> of it at the last step.</summary>
    Cosine,

    /// <summary>The base rate times <see cref="LearningRateSchedule.DecayFactor"/> after every <see cref="LearningRateSchedule.DecaySteps"/> steps.</summary>
    StepDecay,
}

/// <summary>
/// How the learning rate changes over the optimizer's updates: a linear warm-up, then constant, cosine or step decay.
/// <see cref="Factor"/> multiplies the base rate for update number <c>step</c> (0-based) of <c>totalSteps</c>.
/// </summary>
public sealed record LearningRateSchedule
{
    private LearningRateSchedule(ScheduleKind kind, int warmupSteps, double finalFactor, int decaySteps, double decayFactor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        Kind = kind;
        WarmupSteps = warmupSteps;
        FinalFactor = finalFactor;
        DecaySteps = decaySteps;
        DecayFactor = decayFactor;
    }

    /// <summary>The schedule's shape after the warm-up.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>Updates during which the rate rises linearly: update k (0-based) of the warm-up uses (k + 1) / WarmupSteps of the rate.</summary>
    public int WarmupSteps { get; }

    /// <summary>Cosine only: the fraction of the base rate the cosine ends at (0: down to 0).</summary>
    public double FinalFactor { get; }

    /// <summary>Step decay only: the number of updates between two decays.</summary>
    public int DecaySteps { get; }

    /// <summary>Step decay only: what each decay multiplies the rate by.</summary>
    public double DecayFactor { get; }

    /// <summary>The base rate throughout, after an optional linear warm-up.</summary>
    /// <param name="warmupSteps">Updates of linear warm-up, or 0.</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule Constant(int warmupSteps = 0) => new(ScheduleKind.Constant, warmupSteps, 1, 0, 1);

    /// <summary>
    /// Linear warm-up, then cosine decay (as Hugging Face's <c>get_cosine_schedule_with_warmup</c>): after the warm-up, update
    /// <c>s</c> uses <c>f + (1 − f) · ½ (1 + cos(π (s − W) / (S − W)))</c> of the rate, where S is the run's number of updates.
    /// </summary>
    /// <param name="warmupSteps">Updates of linear warm-up, or 0.</param>
    /// <param name="finalFactor">f, in [0, 1]: where the cosine ends.</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule Cosine(int warmupSteps = 0, double finalFactor = 0)
    {
        if (!(finalFactor >= 0 && finalFactor <= 1)) throw new ArgumentOutOfRangeException(nameof(finalFactor), finalFactor, "The final factor must be in [0, 1].");
        return new(ScheduleKind.Cosine, warmupSteps, finalFactor, 0, 1);
    }

    /// <summary>
    /// Linear warm-up, then the rate times <paramref name="factor"/>^⌊(s − W) / <paramref name="everySteps"/>⌋ (PyTorch's
    /// <c>StepLR</c>, counted in updates after the warm-up).
    /// </summary>
    /// <param name="everySteps">Updates between two decays, at least 1.</param>
    /// <param name="factor">What each decay multiplies the rate by, in (0, 1].</param>
    /// <param name="warmupSteps">Updates of linear warm-up, or 0.</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule StepDecay(int everySteps, double factor, int warmupSteps = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everySteps, 1);
        if (!(factor > 0 && factor <= 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        return new(ScheduleKind.StepDecay, warmupSteps, 1, everySteps, factor);
    }

    /// <summary>The factor of the base rate for update <paramref name="step"/> (0-based) of a run of <paramref name="totalSteps"/> updates.</summary>
    /// <param name="step">The update's number, from 0.</param>
    /// <param name="totalSteps">How many updates the run makes if it runs all its epochs.</param>
    /// <returns>A factor in [0, 1].</returns>
    public double Factor(long step, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps) return (step + 1) / (double)WarmupSteps;
        long after = step - WarmupSteps;
        switch (Kind)
        {
            case ScheduleKind.Constant:
                return 1;
            case ScheduleKind.Cosine:
                long span = Math.Max(1, totalSteps - WarmupSteps);
                double progress = Math.Min(1, after / (double)span);
                return FinalFactor + (1 - FinalFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
            case ScheduleKind.StepDecay:
                return Math.Pow(DecayFactor, after / DecaySteps);
            default:
                throw new InvalidOperationException("Unknown schedule " + Kind);
        }
    }
}
