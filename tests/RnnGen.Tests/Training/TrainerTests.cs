using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

public sealed class TrainerTests
{
    private static readonly TrainerOptions Options = new() { Epochs = 6, BatchSize = 16, PartSize = 4, LearningRate = 0.05, Seed = 7, Threads = 1 };

    [Fact]
    public void A_seed_makes_a_run_reproducible_bit_for_bit()
    {
        List<TrainingSequence> train = SyntheticTagging.Make(100, 1), valid = SyntheticTagging.Make(20, 2);
        TrainingResult first = new Trainer(SyntheticTagging.Program(), Options).Train(train, valid);
        TrainingResult second = new Trainer(SyntheticTagging.Program(), Options).Train(train, valid);
        AssertSameBits(first.Parameters, second.Parameters);
        Assert.Equal(first.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)), second.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)));

        TrainingResult other = new Trainer(SyntheticTagging.Program(), Options with { Seed = 8 }).Train(train, valid);
        Assert.NotEqual(first.Parameters[0], other.Parameters[0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_number_of_threads_does_not_change_a_bit(int threads)
    {
        List<TrainingSequence> train = SyntheticTagging.Make(100, 1), valid = SyntheticTagging.Make(20, 2);
        var options = Options with { MaxGradientNorm = 0.5, WeightDecay = 0.01 };
        TrainingResult one = new Trainer(SyntheticTagging.Program(), options).Train(train, valid);
        TrainingResult many = new Trainer(SyntheticTagging.Program(), options with { Threads = threads }).Train(train, valid);
        AssertSameBits(one.Parameters, many.Parameters);
        Assert.Equal(one.History.Epochs.Select(e => e.ValidationLoss), many.History.Epochs.Select(e => e.ValidationLoss));
    }

    [Fact]
    public void Parts_run_on_workspaces_of_their_own()
    {
        // Each ExclusiveWorkspace throws if two threads use it at once; 4 parts a batch on 4 threads.
        var program = new RecordingProgram(SyntheticTagging.Program());
        new Trainer(program, Options with { Threads = 4, Epochs = 3 }).Train(SyntheticTagging.Make(64, 3));
        Assert.Equal(4, program.Workspaces.Count);
        Assert.All(program.Workspaces, w => Assert.Equal(3 * 4, w.Uses)); // 3 epochs of 4 batches
    }

    [Fact]
    public void A_model_learns_a_synthetic_tagging_task()
    {
        var options = Options with { Epochs = 30, LearningRate = 0.1 };
        TrainingResult result = new Trainer(SyntheticTagging.Program(), options).Train(SyntheticTagging.Make(200, 4), SyntheticTagging.Make(50, 5));
        EpochRecord last = result.History.Epochs[^1];
        Assert.Equal(1.0, last.ValidationAccuracy);
        Assert.Equal(1.0, last.ValidationTokenF1);
        Assert.Equal(1.0, last.ValidationSpanF1);
        Assert.True(last.ValidationLoss < 0.1, $"validation loss {last.ValidationLoss}");
        Assert.True(result.History.Epochs[0].TrainLoss > 2 * last.TrainLoss);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epochs_weights()
    {
        // The validation labels are the training labels flipped: every epoch makes the validation loss worse, so
        // epoch 1 is the best; with patience 2 the run stops after epoch 3 and returns epoch 1's weights.
        List<TrainingSequence> train = SyntheticTagging.Make(60, 1), valid = SyntheticTagging.Make(20, 2, flip: true);
        var options = Options with { Epochs = 10, Patience = 2 };
        TrainingResult result = new Trainer(SyntheticTagging.Program(), options).Train(train, valid);

        Assert.Equal(TrainingStop.EarlyStopped, result.Stop);
        Assert.Equal(3, result.History.Epochs.Count);
        Assert.Equal(1, result.History.BestEpoch);
        Assert.True(result.History.Epochs[2].ValidationLoss > result.History.Epochs[0].ValidationLoss);

        TrainingResult oneEpoch = new Trainer(SyntheticTagging.Program(), options with { Epochs = 1 }).Train(train, valid);
        AssertSameBits(oneEpoch.Parameters, result.Parameters);
        var trainer = new Trainer(SyntheticTagging.Program(), options);
        Assert.Equal(result.History.Epochs[0].ValidationLoss, trainer.Loss(result.Parameters, valid));
    }

    [Fact]
    public void Without_validation_the_last_epoch_is_kept_and_every_epoch_runs()
    {
        TrainingResult result = new Trainer(SyntheticTagging.Program(), Options with { Patience = 1 }).Train(SyntheticTagging.Make(40, 1));
        Assert.Equal(TrainingStop.Completed, result.Stop);
        Assert.Equal(Options.Epochs, result.History.BestEpoch);
        Assert.All(result.History.Epochs, e => Assert.True(double.IsNaN(e.ValidationLoss)));
    }

    [Fact]
    public void A_loss_that_is_not_finite_stops_the_run_with_the_weights_before_it()
    {
        // Targets of infinity make the quadratic loss infinite at the first batch: nothing is updated.
        var data = new List<TrainingSequence> { TrainingSequence.OneHot([0], [1, 2, 3, 4, float.PositiveInfinity]) };
        var trainer = new Trainer(new QuadraticProgram(), Options);
        TrainingResult result = trainer.Train(data);
        Assert.Equal(TrainingStop.Diverged, result.Stop);
        Assert.Equal(0, result.History.BestEpoch);
        Assert.Empty(result.History.Epochs);
        AssertSameBits(trainer.InitialParameters(), result.Parameters);
    }

    [Fact]
    public void Cancellation_stops_between_updates()
    {
        using var cancel = new CancellationTokenSource();
        int reports = 0;
        var progress = new SyncProgress(p =>
        {
            if (++reports == 3) cancel.Cancel();
        });
        var trainer = new Trainer(SyntheticTagging.Program(), Options);
        Assert.Throws<OperationCanceledException>(() => trainer.Train(SyntheticTagging.Make(100, 1), null, progress, cancel.Token));
        Assert.Equal(3, reports);
    }

    [Fact]
    public void Progress_is_reported_after_every_update_and_every_epoch()
    {
        var reports = new List<TrainingProgress>();
        new Trainer(SyntheticTagging.Program(), Options with { Epochs = 2 }).Train(SyntheticTagging.Make(40, 1), SyntheticTagging.Make(10, 2), new SyncProgress(reports.Add));
        // 40 sequences in batches of 16: 3 updates an epoch, then the epoch's own report.
        Assert.Equal(2 * (3 + 1), reports.Count);
        Assert.Equal([1, 2, 3, 3, 1, 2, 3, 3], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(3, r.StepsPerEpoch));
        Assert.Equal([null, null, null, 1, null, null, null, 2], reports.Select(r => r.Completed?.Epoch));
        Assert.All(reports, r => Assert.True(r.TokensPerSecond > 0 && double.IsFinite(r.Loss)));
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
    }

    [Fact]
    public void The_schedule_sets_each_epochs_learning_rate()
    {
        var options = Options with { Epochs = 4, BatchSize = 100, Schedule = LearningRateSchedule.StepDecay(everySteps: 1, factor: 0.5) };
        TrainingResult result = new Trainer(SyntheticTagging.Program(), options).Train(SyntheticTagging.Make(50, 1));
        Assert.Equal([0.05, 0.025, 0.0125, 0.00625], result.History.Epochs.Select(e => e.LearningRate));
        Assert.Equal([1L, 2, 3, 4], result.History.Epochs.Select(e => e.Updates));
    }

    [Fact]
    public void The_history_is_written_as_csv()
    {
        TrainingResult result = new Trainer(SyntheticTagging.Program(), Options with { Epochs = 2 }).Train(SyntheticTagging.Make(40, 1));
        string[] lines = result.History.ToCsv().Split('\n');
        Assert.Equal(TrainingHistory.CsvHeader, lines[0]);
        Assert.Equal(4, lines.Length); // header, 2 epochs, and the empty string after the last \n
        Assert.Equal("", lines[3]);
        string[] cells = lines[1].Split(',');
        Assert.Equal(10, cells.Length);
        Assert.Equal("1", cells[0]);
        Assert.Equal(result.History.Epochs[0].TrainLoss, double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["", "", "", ""], cells[3..7]); // no validation
        Assert.Equal("0.05", cells[7]);
    }

    [Fact]
    public void The_weights_are_written_as_safetensors_under_the_models_tensor_names()
    {
        var program = SyntheticTagging.Program();
        TrainingResult result = new Trainer(program, Options with { Epochs = 1 }).Train(SyntheticTagging.Make(20, 1));
        string path = Path.Combine(Path.GetTempPath(), "rnngen-trainer-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            result.Write(path, new Dictionary<string, string> { ["model"] = "logistic" });
            SafeTensorsFile file = SafeTensorsFile.Read(path);
            Assert.Equal("logistic", file.Metadata["model"]);
            float[][] read = file.RequireExact(program.Info.Tensors);
            AssertSameBits(result.Parameters, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_is_refused_with_the_sequence_named()
    {
        var trainer = new Trainer(SyntheticTagging.Program(), Options);
        var bad = new List<TrainingSequence> { TrainingSequence.OneHot([1], [1]), TrainingSequence.OneHot([3, 20], [0, 1]) };
        ArgumentException e = Assert.Throws<ArgumentException>(() => trainer.Train(bad));
        Assert.Contains("Sequence 1 has the token 20; model 'logistic' reads tokens 0 to 19.", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => trainer.Train([TrainingSequence.OneHot([1], [1, 0])]));
        Assert.Contains("Sequence 0 has 2 targets per step; model 'logistic' has 1 outputs.", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => trainer.Train([TrainingSequence.Dense([1f, 2f], 2, [1])]));
        Assert.Contains("is not one-hot input", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trainer.Train([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(SyntheticTagging.Program(), Options with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(SyntheticTagging.Program(), Options with { Beta2 = 1 }));
    }

    [Fact]
    public void Initial_weights_follow_each_tensors_init_from_the_seed()
    {
        var program = new QuadraticProgram(); // a: uniform ±1, b: normal with σ 0.5
        float[][] first = new Trainer(program, Options).InitialParameters();
        AssertSameBits(first, new Trainer(program, Options).InitialParameters());
        Assert.NotEqual(first[0], new Trainer(program, Options with { Seed = 8 }).InitialParameters()[0]);
        Assert.All(first[0], v => Assert.InRange(v, -1f, 1f));

        var logistic = new LogisticProgram(4000, ["x"]); // W: uniform ±0.5 over 4,000 values, b: zeros
        float[][] weights = new Trainer(logistic, Options).InitialParameters();
        Assert.All(weights[0], v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.InRange(weights[0].Average(), -0.02, 0.02);
        Assert.InRange(weights[0].Select(v => (double)v * v).Average(), 0.25 / 3 * 0.95, 0.25 / 3 * 1.05); // the variance of U(−½, ½)
        Assert.All(weights[1], v => Assert.Equal(0f, v));
    }

    private static void AssertSameBits(IReadOnlyList<float[]> expected, IReadOnlyList<float[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Select(BitConverter.SingleToInt32Bits), actual[i].Select(BitConverter.SingleToInt32Bits));
        }
    }

    /// <summary>Reports on the caller's thread (System.Progress would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    private sealed class RecordingProgram(ITrainingProgram inner) : ITrainingProgram
    {
        public List<ExclusiveWorkspace> Workspaces { get; } = [];

        public RnnModelInfo Info => inner.Info;

        public LossKind Loss => inner.Loss;

        public IReadOnlyList<ParameterInit> Init => inner.Init;

        public IRnnModel CreateModel(IReadOnlyList<float[]> parameters) => inner.CreateModel(parameters);

        public void Repack(IRnnModel model, IReadOnlyList<float[]> parameters) => inner.Repack(model, parameters);

        public ITrainingWorkspace CreateWorkspace()
        {
            var workspace = (ExclusiveWorkspace)inner.CreateWorkspace();
            Workspaces.Add(workspace);
            return workspace;
        }

        public double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients) =>
            inner.Backward(model, parameters, workspace, batch, gradients);
    }
}
