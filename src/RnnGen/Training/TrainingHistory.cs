using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace RnnGen.Training;

/// <summary>One epoch of a run: its losses, validation scores, learning rate and time.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Updates">The optimizer's updates so far, this epoch's included.</param>
/// <param name="TrainLoss">The mean loss per scored training step over the epoch, each batch's as the weights were before its update.</param>
/// <param name="ValidationLoss">The mean loss per scored validation step after the epoch, or NaN without validation data.</param>
/// <param name="ValidationAccuracy">The fraction of validation steps whose class is right, or NaN (no validation, or outputs that are not labels).</param>
/// <param name="ValidationTokenF1">The validation steps' micro-averaged token-level F1, or NaN.</param>
/// <param name="ValidationSpanF1">The validation sequences' micro-averaged span-level F1, or NaN.</param>
/// <param name="LearningRate">The learning rate of the epoch's last update.</param>
/// <param name="Seconds">The epoch's wall-clock time, validation included.</param>
/// <param name="TokensPerSecond">Training steps per second over the epoch's batches.</param>
public sealed record EpochRecord(
    int Epoch,
    long Updates,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    double ValidationTokenF1,
    double ValidationSpanF1,
    double LearningRate,
    double Seconds,
    double TokensPerSecond);

/// <summary>Every epoch of a run, in order, and the epoch whose weights the run kept.</summary>
public sealed class TrainingHistory
{
    /// <summary>The CSV header <see cref="WriteCsv"/> writes, one column per field of <see cref="EpochRecord"/>.</summary>
    public const string CsvHeader =
        "epoch,updates,train_loss,valid_loss,valid_accuracy,valid_token_f1,valid_span_f1,learning_rate,seconds,tokens_per_second";

    internal TrainingHistory(IReadOnlyList<EpochRecord> epochs, int bestEpoch)
    {
        Epochs = epochs;
        BestEpoch = bestEpoch;
    }

    /// <summary>The epochs run, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The epoch whose weights the run kept (the lowest validation loss, else the last), or 0 for the initial weights.</summary>
    public int BestEpoch { get; }

    /// <summary>
    /// Writes the history as CSV: <see cref="CsvHeader"/>, then a line per epoch; numbers in the invariant culture in
    /// their shortest round-trip form, an empty cell where a value is NaN (no validation), lines ending in <c>\n</c>.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CsvHeader);
        writer.Write('\n');
        var line = new StringBuilder();
        foreach (EpochRecord e in Epochs)
        {
            line.Clear();
            line.Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.Updates.ToString(CultureInfo.InvariantCulture));
            foreach (double value in (ReadOnlySpan<double>)[
                e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy, e.ValidationTokenF1, e.ValidationSpanF1,
                e.LearningRate, e.Seconds, e.TokensPerSecond])
            {
                line.Append(',');
                if (double.IsFinite(value)) line.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write(line.ToString());
            writer.Write('\n');
        }
    }

    /// <summary>The CSV <see cref="WriteCsv"/> writes, as a string.</summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }
}
