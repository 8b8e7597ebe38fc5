using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Training;
using ScottPlot;

namespace RnnGen.Cli;

/// <summary>
/// <c>rnngen train --plot</c>: the history's curves as a PNG drawn by ScottPlot: the training and validation loss per
/// scored step on the left axis, the validation token and span F1 on the right (0 to 1), by epoch, with the kept epoch marked.
/// </summary>
internal static class CurvePlot
{
    public const int Width = 900;

    public const int Height = 540;

    public static void Write(string path, RnnModelInfo info, TrainingHistory history)
    {
        IReadOnlyList<EpochRecord> epochs = history.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var plot = new Plot();
        Add(plot, x, epochs.Select(e => e.TrainLoss), "train loss", Colors.C0, right: false);
        Add(plot, x, epochs.Select(e => e.ValidationLoss), "validation loss", Colors.C1, right: false);
        bool f1 = Add(plot, x, epochs.Select(e => e.ValidationTokenF1), "validation token F1", Colors.C2, right: true);
        f1 |= Add(plot, x, epochs.Select(e => e.ValidationSpanF1), "validation span F1", Colors.C3, right: true);
        if (history.BestEpoch > 0)
        {
            var line = plot.Add.VerticalLine(history.BestEpoch, 1, Colors.Gray, LinePattern.Dashed);
            line.LegendText = $"kept: epoch {Numbers.Int(history.BestEpoch)}";
        }
        plot.Title($"rnngen train {info.Key}");
        plot.XLabel("epoch");
        plot.YLabel("loss per scored step");
        if (f1)
        {
            plot.Axes.Right.Label.Text = "F1";
            plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        }
        plot.Axes.SetLimitsX(0.5, Math.Max(1, x.Length) + 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        double top = epochs.SelectMany(e => new[] { e.TrainLoss, e.ValidationLoss }).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, top * 1.05, plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Adds a line with markers when the series has a value; returns whether it did.</summary>
    private static bool Add(Plot plot, double[] x, IEnumerable<double> values, string label, Color color, bool right)
    {
        double[] y = values.ToArray();
        if (!y.Any(double.IsFinite)) return false;
        var scatter = plot.Add.Scatter(x, y, color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 6;
        if (right) scatter.Axes.YAxis = plot.Axes.Right;
        return true;
    }
}
