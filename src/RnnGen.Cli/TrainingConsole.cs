using System;
using System.Diagnostics;
using System.IO;
using RnnGen.Training;
using Spectre.Console;

namespace RnnGen.Cli;

/// <summary>
/// How <c>rnngen train</c> shows its progress: on a terminal, a Spectre.Console progress bar with the epoch, the loss,
/// tokens per second and the time left, and a line per finished epoch above it; when stdout is a file or a pipe, only
/// plain lines: one per epoch, and one every 30 seconds within a long epoch.
/// </summary>
internal static class TrainingConsole
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="train"/> with the progress display stdout calls for.</summary>
    public static TrainingResult Run(Terminal terminal, Func<IProgress<TrainingProgress>, TrainingResult> train)
    {
        if (!terminal.Interactive) return train(new PlainLog(terminal.Out));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal.Out) });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context => train(new Bar(console, context.AddTask("starting", maxValue: 1))));
    }

    /// <summary>The line a finished epoch prints.</summary>
    public static string EpochLine(EpochRecord e, int epochs)
    {
        string line = $"epoch {Numbers.Int(e.Epoch)}/{Numbers.Int(epochs)}  loss {Numbers.Fixed4((float)e.TrainLoss)}";
        if (double.IsFinite(e.ValidationLoss)) line += $"  valid loss {Numbers.Fixed4((float)e.ValidationLoss)}";
        if (double.IsFinite(e.ValidationAccuracy)) line += $"  accuracy {Numbers.Fixed4((float)e.ValidationAccuracy)}";
        if (double.IsFinite(e.ValidationTokenF1)) line += $"  token F1 {Numbers.Fixed4((float)e.ValidationTokenF1)}";
        if (double.IsFinite(e.ValidationSpanF1)) line += $"  span F1 {Numbers.Fixed4((float)e.ValidationSpanF1)}";
        return line + $"  lr {Numbers.Short(e.LearningRate)}  {Numbers.Seconds(e.Seconds)}  {Numbers.Size((int)Math.Min(int.MaxValue, e.TokensPerSecond))} tokens/s";
    }

    /// <summary>The state of the epoch so far, on one line.</summary>
    public static string StepLine(TrainingProgress p) =>
        $"epoch {Numbers.Int(p.Epoch)}/{Numbers.Int(p.Epochs)}  step {Numbers.Int(p.Step)}/{Numbers.Int(p.StepsPerEpoch)}  loss {Numbers.Fixed4((float)p.Loss)}  " +
        $"{Numbers.Size((int)Math.Min(int.MaxValue, p.TokensPerSecond))} tokens/s  {Numbers.Duration(p.Remaining)} left";

    private sealed class PlainLog(TextWriter output) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch sinceLine = Stopwatch.StartNew();

        public void Report(TrainingProgress value)
        {
            if (value.Completed is EpochRecord done) output.WriteLine(EpochLine(done, value.Epochs));
            else if (sinceLine.Elapsed >= LogEvery) output.WriteLine(StepLine(value));
            else return;
            sinceLine.Restart();
        }
    }

    private sealed class Bar(IAnsiConsole console, ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = (double)value.Epochs * value.StepsPerEpoch;
            task.Value = (double)(value.Epoch - 1) * value.StepsPerEpoch + value.Step;
            task.Description = Markup.Escape(
                $"epoch {Numbers.Int(value.Epoch)}/{Numbers.Int(value.Epochs)}  loss {Numbers.Fixed4((float)value.Loss)}  " +
                $"{Numbers.Size((int)Math.Min(int.MaxValue, value.TokensPerSecond))} tok/s  {Numbers.Duration(value.Remaining)} left");
            if (value.Completed is EpochRecord done) console.WriteLine(EpochLine(done, value.Epochs));
        }
    }
}
