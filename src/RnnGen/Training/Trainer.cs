using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RnnGen.Training;

/// <summary>
/// Trains any model's <see cref="ITrainingProgram"/> (the generated half: forward and backward through time) on
/// sequences: seeded initial weights, shuffled mini-batches, Adam as PyTorch computes it, gradient-norm clipping, a
/// learning-rate schedule, early stopping on validation data, and data parallelism over threads that leaves the result
/// unchanged. The same program, options, data and initial weights give the same weights bit for bit on a machine,
/// whatever <see cref="TrainerOptions.Threads"/> is.
/// </summary>
/// <remarks>
/// <para>
/// One update: the batch's sequences are cut into parts of <see cref="TrainerOptions.PartSize"/>; each part runs
/// <see cref="ITrainingProgram.Backward"/> on its own workspace and gradient buffers (parts run on up to
/// <see cref="TrainerOptions.Threads"/> threads); the parts' gradients are added in part order and divided by the
/// batch's total step weight (the gradient of the batch's mean loss per scored step, as PyTorch's
/// <c>reduction='mean'</c>); clipped to <see cref="TrainerOptions.MaxGradientNorm"/>; then Adam updates the weights at
/// the schedule's learning rate and <see cref="ITrainingProgram.Repack"/> puts them into the one model every part
/// reads. A batch whose steps all weigh 0 makes no update.
/// </para>
/// <para>The program must allow several threads to run <see cref="ITrainingProgram.Backward"/> on one model at once, each with its own workspace.</para>
/// </remarks>
public sealed class Trainer
{
    private const int ChunkSize = 1 << 15;

    /// <summary>Creates a trainer of <paramref name="program"/>.</summary>
    /// <param name="program">The model's training program (a generated model's <c>Training</c>).</param>
    /// <param name="options">How to train, or null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public Trainer(ITrainingProgram program, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        options ??= new TrainerOptions();
        options.Validate();
        Program = program;
        Options = options;
    }

    /// <summary>The program trained.</summary>
    public ITrainingProgram Program { get; }

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// The weights a run starts from: each tensor drawn as <see cref="ITrainingProgram.Init"/> says from its own stream
    /// of <see cref="TrainerOptions.Seed"/> (uniform in [−s, s] from 24-bit floats, or normal by the polar method).
    /// </summary>
    /// <returns>One array per tensor of <see cref="RnnModelInfo.Tensors"/>.</returns>
    public float[][] InitialParameters() => Initialization.Create(Program, Options.Seed);

    /// <summary>Trains from <see cref="InitialParameters"/>.</summary>
    /// <param name="training">The training sequences, at least one, of the model's input encoding and sizes.</param>
    /// <param name="validation">Sequences scored after every epoch for early stopping and the history, or null.</param>
    /// <param name="progress">Told after every update and every epoch, on the training thread, or null.</param>
    /// <param name="cancellationToken">Stops the run between two updates (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The kept weights, the history and why the run stopped.</returns>
    /// <exception cref="ArgumentException">A sequence does not fit the model (its encoding, sizes or token range).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public TrainingResult Train(
        IReadOnlyList<TrainingSequence> training,
        IReadOnlyList<TrainingSequence>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TrainFrom(InitialParameters(), training, validation, progress, cancellationToken);

    /// <summary>Trains from the given weights (which are copied, not changed).</summary>
    /// <param name="initialParameters">One array per tensor of <see cref="RnnModelInfo.Tensors"/>, row-major.</param>
    /// <param name="training">The training sequences, at least one, of the model's input encoding and sizes.</param>
    /// <param name="validation">Sequences scored after every epoch for early stopping and the history, or null.</param>
    /// <param name="progress">Told after every update and every epoch, on the training thread, or null.</param>
    /// <param name="cancellationToken">Stops the run between two updates (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The kept weights, the history and why the run stopped.</returns>
    /// <exception cref="ArgumentException">The weights or a sequence do not fit the model.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public TrainingResult TrainFrom(
        IReadOnlyList<float[]> initialParameters,
        IReadOnlyList<TrainingSequence> training,
        IReadOnlyList<TrainingSequence>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Parameters.Check(Program.Info, initialParameters, nameof(initialParameters));
        CheckData(training, nameof(training));
        if (training.Count == 0) throw new ArgumentException("There is no training sequence.", nameof(training));
        if (validation is not null) CheckData(validation, nameof(validation));
        if (validation is { Count: 0 }) validation = null;
        var session = new Session(this, initialParameters);
        return session.Run(training, validation, progress, cancellationToken);
    }

    /// <summary>The mean loss per scored step of <paramref name="parameters"/> on <paramref name="data"/> (what the history calls validation loss).</summary>
    /// <param name="parameters">One array per tensor.</param>
    /// <param name="data">The sequences, at least one.</param>
    /// <param name="cancellationToken">Stops between two batches.</param>
    /// <returns>Σ loss / Σ step weight (NaN when every step weighs 0).</returns>
    public double Loss(IReadOnlyList<float[]> parameters, IReadOnlyList<TrainingSequence> data, CancellationToken cancellationToken = default)
    {
        Parameters.Check(Program.Info, parameters, nameof(parameters));
        CheckData(data, nameof(data));
        return new Session(this, parameters).MeanLoss(data, cancellationToken);
    }

    private void CheckData(IReadOnlyList<TrainingSequence> data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        RnnModelInfo info = Program.Info;
        bool oneHot = info.InputEncoding == SpecWords.OneHot;
        for (int s = 0; s < data.Count; s++)
        {
            TrainingSequence sequence = data[s] ?? throw new ArgumentException(FormattableString.Invariant($"Sequence {s} is null."), name);
            if (sequence.OutputSize != info.OutputSize)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Sequence {s} has {sequence.OutputSize} targets per step; model '{info.Key}' has {info.OutputSize} outputs."), name);
            }
            if (oneHot != !sequence.Tokens.IsEmpty || (!oneHot && sequence.InputSize != info.InputSize))
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Sequence {s} is not {info.InputEncoding} input of size {info.InputSize}, which model '{info.Key}' reads."), name);
            }
            foreach (int token in sequence.Tokens.Span)
            {
                if ((uint)token >= (uint)info.InputSize)
                {
                    throw new ArgumentException(
                        FormattableString.Invariant($"Sequence {s} has the token {token}; model '{info.Key}' reads tokens 0 to {info.InputSize - 1}."), name);
                }
            }
        }
    }

    /// <summary>One run's weights, model, optimizer and buffers.</summary>
    private sealed class Session
    {
        private readonly ITrainingProgram program;
        private readonly TrainerOptions options;
        private readonly float[][] parameters;
        private readonly IRnnModel model;
        private readonly Adam adam;
        private readonly PackedBatch batch;
        private readonly List<ITrainingWorkspace> workspaces = [];
        private readonly List<float[][]> gradients = [];
        private readonly double[] partLoss;
        private readonly (int Tensor, int Start, int Length)[] chunks;
        private readonly double[] chunkSquares;
        private readonly ParallelOptions parallel;

        public Session(Trainer trainer, IReadOnlyList<float[]> initial)
        {
            program = trainer.Program;
            options = trainer.Options;
            parameters = Parameters.Copy(initial);
            model = program.CreateModel(parameters);
            adam = new Adam(parameters, options);
            batch = new PackedBatch(options.PartSize);
            partLoss = new double[(options.BatchSize + options.PartSize - 1) / options.PartSize];
            var list = new List<(int, int, int)>();
            for (int i = 0; i < parameters.Length; i++)
            {
                for (int start = 0; start < parameters[i].Length; start += ChunkSize)
                {
                    list.Add((i, start, Math.Min(ChunkSize, parameters[i].Length - start)));
                }
            }
            chunks = list.ToArray();
            chunkSquares = new double[chunks.Length];
            parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        }

        public TrainingResult Run(
            IReadOnlyList<TrainingSequence> training, IReadOnlyList<TrainingSequence>? validation, IProgress<TrainingProgress>? progress,
            CancellationToken cancellationToken)
        {
            int batchSize = options.BatchSize;
            int stepsPerEpoch = (training.Count + batchSize - 1) / batchSize;
            long totalSteps = (long)stepsPerEpoch * options.Epochs;
            TrainingRandom shuffle = TrainingRandom.Stream(options.Seed, TrainingRandom.Purpose.Shuffle);
            var order = new int[training.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;

            float[][] best = Parameters.Copy(parameters);
            int bestEpoch = 0, sinceBest = 0;
            double bestLoss = double.PositiveInfinity;
            var history = new List<EpochRecord>();
            TrainingStop stop = TrainingStop.Completed;
            long step = 0, tokens = 0;
            double learningRate = options.LearningRate * options.Schedule.Factor(0, totalSteps);
            var clock = Stopwatch.StartNew();

            for (int epoch = 1; epoch <= options.Epochs && stop == TrainingStop.Completed; epoch++)
            {
                TimeSpan epochStart = clock.Elapsed;
                shuffle.Shuffle(order);
                double epochLoss = 0, epochWeight = 0;
                long epochTokens = 0;
                for (int b = 0; b < stepsPerEpoch; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int first = b * batchSize;
                    batch.Pack(training, order.AsSpan(first, Math.Min(batchSize, order.Length - first)));
                    double loss = Backward(cancellationToken);
                    if (!double.IsFinite(loss))
                    {
                        stop = TrainingStop.Diverged;
                        break;
                    }
                    if (batch.Weight > 0)
                    {
                        learningRate = options.LearningRate * options.Schedule.Factor(step, totalSteps);
                        Update(1 / batch.Weight, learningRate);
                        step++;
                    }
                    epochLoss += loss;
                    epochWeight += batch.Weight;
                    epochTokens += batch.Steps;
                    tokens += batch.Steps;
                    progress?.Report(Progress(epoch, b + 1, stepsPerEpoch, epochLoss / epochWeight, learningRate, tokens, clock.Elapsed,
                        (long)(epoch - 1) * stepsPerEpoch + b + 1, totalSteps, null));
                }
                if (stop == TrainingStop.Diverged) break;
                double trainSeconds = (clock.Elapsed - epochStart).TotalSeconds;

                (double loss, double accuracy, double tokenF1, double spanF1) scores = (double.NaN, double.NaN, double.NaN, double.NaN);
                if (validation is not null)
                {
                    scores = Validate(validation, cancellationToken);
                    if (scores.loss < bestLoss)
                    {
                        bestLoss = scores.loss;
                        bestEpoch = epoch;
                        sinceBest = 0;
                        Parameters.CopyInto(parameters, best);
                    }
                    else
                    {
                        sinceBest++;
                    }
                }
                else
                {
                    bestEpoch = epoch;
                    Parameters.CopyInto(parameters, best);
                }
                var record = new EpochRecord(
                    epoch, step, epochLoss / epochWeight, scores.loss, scores.accuracy, scores.tokenF1, scores.spanF1, learningRate,
                    (clock.Elapsed - epochStart).TotalSeconds, trainSeconds > 0 ? epochTokens / trainSeconds : 0);
                history.Add(record);
                progress?.Report(Progress(epoch, stepsPerEpoch, stepsPerEpoch, record.TrainLoss, learningRate, tokens, clock.Elapsed,
                    (long)epoch * stepsPerEpoch, totalSteps, record));
                if (validation is not null && options.Patience > 0 && sinceBest >= options.Patience && epoch < options.Epochs)
                {
                    stop = TrainingStop.EarlyStopped;
                }
            }
            return new TrainingResult(program.Info, best, new TrainingHistory(history, bestEpoch), stop);

            TrainingProgress Progress(
                int epoch, int inEpoch, int perEpoch, double loss, double rate, long seen, TimeSpan elapsed, long done, long total, EpochRecord? record)
            {
                double seconds = elapsed.TotalSeconds;
                TimeSpan remaining = done >= total || done == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds / done * (total - done));
                return new TrainingProgress(epoch, options.Epochs, inEpoch, perEpoch, loss, rate, seconds > 0 ? seen / seconds : 0, elapsed, remaining, record);
            }
        }

        public double MeanLoss(IReadOnlyList<TrainingSequence> data, CancellationToken cancellationToken)
        {
            if (data.Count == 0) return double.NaN;
            double loss = 0, weight = 0;
            var indices = new int[Math.Min(options.BatchSize, data.Count)];
            for (int first = 0; first < data.Count; first += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, data.Count - first);
                for (int i = 0; i < count; i++) indices[i] = first + i;
                batch.Pack(data, indices.AsSpan(0, count));
                loss += Backward(cancellationToken);
                weight += batch.Weight;
            }
            return weight > 0 ? loss / weight : double.NaN;
        }

        private (double Loss, double Accuracy, double TokenF1, double SpanF1) Validate(IReadOnlyList<TrainingSequence> data, CancellationToken cancellationToken)
        {
            double loss = MeanLoss(data, cancellationToken);
            if (!LabelScheme.Supports(program.Info)) return (loss, double.NaN, double.NaN, double.NaN);
            float[][] outputs = TaggingEvaluation.Outputs(model, data, options.Threads);
            TaggingEvaluation scores = TaggingEvaluation.Evaluate(LabelScheme.For(program.Info), data, outputs);
            return (loss, scores.Accuracy, scores.Tokens.Micro.F1, scores.Spans.Micro.F1);
        }

        /// <summary>Runs every part of the packed batch; each part's gradient lands in its own buffers. Returns Σ loss, in part order.</summary>
        private double Backward(CancellationToken cancellationToken)
        {
            int parts = batch.Parts;
            while (workspaces.Count < parts)
            {
                workspaces.Add(program.CreateWorkspace());
                gradients.Add(Parameters.Zeros(parameters));
            }
            parallel.CancellationToken = cancellationToken;
            Parallel(parts, Part);
            double loss = 0;
            for (int p = 0; p < parts; p++) loss += partLoss[p];
            return loss;

            void Part(int p)
            {
                foreach (float[] g in gradients[p]) Array.Clear(g);
                partLoss[p] = program.Backward(model, parameters, workspaces[p], batch.Part(p), gradients[p]);
            }
        }

        /// <summary>Adds the parts' gradients (in part order), scales, clips, and lets Adam update the weights; then repacks the model.</summary>
        private void Update(double scale, double learningRate)
        {
            int parts = batch.Parts;
            float factor = (float)scale;
            bool clip = options.MaxGradientNorm > 0;
            Parallel(chunks.Length, c =>
            {
                (int tensor, int start, int length) = chunks[c];
                Span<float> sum = gradients[0][tensor].AsSpan(start, length);
                for (int p = 1; p < parts; p++) Elementwise.Add(sum, gradients[p][tensor].AsSpan(start, length));
                Elementwise.Scale(sum, factor);
                if (clip) chunkSquares[c] = Elementwise.SumOfSquares(sum);
            });

            float coefficient = 1f;
            if (clip)
            {
                double squares = 0;
                foreach (double s in chunkSquares) squares += s;
                // torch.nn.utils.clip_grad_norm_: clip_coef = max_norm / (total_norm + 1e-6), applied when below 1.
                float norm = (float)Math.Sqrt(squares);
                coefficient = (float)options.MaxGradientNorm / (norm + 1e-6f);
            }
            Adam.Scalars scalars = adam.Next(learningRate);
            Parallel(chunks.Length, c =>
            {
                (int tensor, int start, int length) = chunks[c];
                float[] gradient = gradients[0][tensor];
                if (coefficient < 1f) Elementwise.Scale(gradient.AsSpan(start, length), coefficient);
                adam.Update(tensor, start, length, parameters[tensor], gradient, scalars);
            });
            program.Repack(model, parameters);
        }

        /// <summary>Runs body(0) … body(count − 1) on up to Threads threads; the first exception is rethrown as it was.</summary>
        private void Parallel(int count, Action<int> body)
        {
            if (options.Threads == 1 || count == 1)
            {
                for (int i = 0; i < count; i++) body(i);
                return;
            }
            try
            {
                System.Threading.Tasks.Parallel.For(0, count, parallel, body);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
    }
}
