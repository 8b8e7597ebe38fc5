using System;
using System.Collections.Generic;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>
/// The trainer's Adam, AdamW, clipping, mean over steps and schedule against PyTorch 1.13 on a quadratic: the expected
/// values are adam_reference.py's output (beside this file; rerun it with /usr/bin/python3 to regenerate them).
/// PyTorch's vector kernels fuse some multiply-adds, so the two agree to float rounding, not bit for bit.
/// </summary>
public sealed class AdamReferenceTests
{
    private const float Tolerance = 2e-6f;

    private static readonly float[][] Start = [[0.5f, -1.25f, 2.0f], [3.0f, -0.75f]];

    private static readonly float[][] OneStep = [[1.5f, 0.25f, -2.0f, 0.0f, 1.0f]];

    private static readonly float[][] ThreeSteps = [[1.5f, 0.25f, -2.0f, 0.0f, 1.0f], [0.5f, 0.5f, 0.5f, 0.5f, 0.5f], [-1.0f, 2.0f, 0.0f, 4.0f, -3.0f]];

    [Fact]
    public void Adam_matches_PyTorch() =>
        AssertClose([0.992036283f, -0.754358172f, 1.50126767f, 2.50177956f, -0.253527462f],
            Train(OneStep, updates: 5, new TrainerOptions { LearningRate = 0.1 }));

    [Fact]
    public void Adam_with_coupled_weight_decay_and_clipping_matches_PyTorch() =>
        AssertClose([0.994267881f, -0.752040863f, 1.49959373f, 2.49998379f, -0.251393884f],
            Train(OneStep, updates: 5, new TrainerOptions { LearningRate = 0.1, WeightDecay = 0.01, MaxGradientNorm = 1.0 }));

    [Fact]
    public void AdamW_with_decoupled_weight_decay_matches_PyTorch() =>
        AssertClose([0.958430052f, -0.703674614f, 1.4134171f, 2.36527896f, -0.226947457f],
            Train(OneStep, updates: 5, new TrainerOptions { LearningRate = 0.1, WeightDecay = 0.1, DecoupledWeightDecay = true }));

    [Fact]
    public void The_mean_over_a_batch_of_steps_in_several_parts_with_clipping_matches_PyTorch()
    {
        // Two sequences (of 2 steps and 1 step) in one batch, one sequence per part: the parts' sum, divided by 3 steps.
        float[] expected = [0.262838423f, -0.949960709f, 1.69984019f, 2.70040393f, -0.474398434f];
        var options = new TrainerOptions { LearningRate = 0.05, MaxGradientNorm = 0.5, PartSize = 1, BatchSize = 2 };
        AssertClose(expected, Train(ThreeSteps, updates: 6, options, split: 2));
        AssertClose(expected, Train(ThreeSteps, updates: 6, options with { Threads = 2 }, split: 2));
    }

    [Fact]
    public void Clipping_scales_the_gradient_as_clip_grad_norm_does()
    {
        // β1 = β2 = 0 and ε = 10^6: one update is w − lr·g / (|g| + ε), about w − g, so the clipped gradient itself shows.
        var options = new TrainerOptions { LearningRate = 1e6, Beta1 = 0, Beta2 = 0, Epsilon = 1e6, BatchSize = 2, PartSize = 1 };
        AssertClose([0.454273045f, -0.655549824f, 1.31409597f, 2.58845758f, -0.681409538f],
            Train(ThreeSteps, updates: 1, options with { MaxGradientNorm = 1.0 }, split: 2));
        AssertClose([0.333333373f, 0.916661978f, -0.499993801f, 1.50000226f, -0.50000006f],
            Train(ThreeSteps, updates: 1, options, split: 2));
    }

    [Fact]
    public void A_cosine_schedule_with_warm_up_matches_PyTorchs_LambdaLR() =>
        AssertClose([1.270015f, -0.464786798f, 1.20370924f, 2.2053709f, 0.0384120457f],
            Train(OneStep, updates: 6, new TrainerOptions { LearningRate = 0.2, Schedule = LearningRateSchedule.Cosine(warmupSteps: 2) }));

    [Fact]
    public void The_model_is_repacked_after_every_update()
    {
        var program = new CountingQuadratic();
        var trainer = new Trainer(program, new TrainerOptions { Epochs = 4, BatchSize = 1 });
        trainer.TrainFrom(Start, [Sequence(OneStep)]);
        Assert.Equal(4, program.Model!.Repacks);
    }

    /// <summary>Trains from <see cref="Start"/> on one batch of the given steps (cut into sequences at <paramref name="split"/>), once per epoch.</summary>
    private static float[] Train(float[][] steps, int updates, TrainerOptions options, int split = 0)
    {
        List<TrainingSequence> data = split == 0 ? [Sequence(steps)] : [Sequence(steps[..split]), Sequence(steps[split..])];
        var trainer = new Trainer(new QuadraticProgram(), options with { Epochs = updates, BatchSize = Math.Max(options.BatchSize, data.Count) });
        TrainingResult result = trainer.TrainFrom(Start, data);
        Assert.Equal(updates, result.History.Epochs[^1].Updates);
        return [.. result.Parameters[0], .. result.Parameters[1]];
    }

    private static TrainingSequence Sequence(float[][] steps)
    {
        var targets = new List<float>();
        foreach (float[] step in steps) targets.AddRange(step);
        return TrainingSequence.OneHot(new int[steps.Length], targets.ToArray());
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"value {i}: PyTorch {expected[i]:R}, trainer {actual[i]:R} (all: {string.Join(", ", actual)})");
        }
    }

    private sealed class CountingQuadratic : ITrainingProgram
    {
        private readonly QuadraticProgram inner = new();

        public CopiedModel? Model { get; private set; }

        public RnnModelInfo Info => inner.Info;

        public LossKind Loss => inner.Loss;

        public IReadOnlyList<ParameterInit> Init => inner.Init;

        public IRnnModel CreateModel(IReadOnlyList<float[]> parameters) => Model = (CopiedModel)inner.CreateModel(parameters);

        public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters) => inner.Repack(model, parameters);

        public ITrainingWorkspace CreateWorkspace() => inner.CreateWorkspace();

        public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients) =>
            inner.Backward(model, parameters, workspace, batch, gradients);
    }
}
