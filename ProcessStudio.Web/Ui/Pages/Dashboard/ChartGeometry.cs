using System.Globalization;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Pages.Dashboard;

/// <summary>Stacked bars (completed, failed, other) for the executions-over-time chart, in SVG user units.</summary>
public sealed class ChartGeometry
{
    public const double Width = 720;
    public const double Height = 240;
    private const double Left = 36, Right = 8, Top = 12, Bottom = 26;

    public ChartGeometry(IReadOnlyList<ExecutionBucket> buckets, bool hourly)
    {
        var max = Math.Max(1, buckets.Count == 0 ? 1 : buckets.Max(b => b.Completed + b.Failed + b.Other));
        Max = NiceCeiling(max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = buckets.Count == 0 ? plotWidth : plotWidth / buckets.Count;
        var barWidth = Math.Max(2, slot * 0.62);
        double Y(double value) => Top + plotHeight - value / Max * plotHeight;

        Bars = buckets.Select((bucket, i) =>
        {
            var x = Left + i * slot + (slot - barWidth) / 2;
            var completedTop = Y(bucket.Completed);
            var failedTop = Y(bucket.Completed + bucket.Failed);
            var otherTop = Y(bucket.Completed + bucket.Failed + bucket.Other);
            var label = hourly ? bucket.Start.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture)
                               : bucket.Start.ToLocalTime().ToString("ddd d", CultureInfo.InvariantCulture);
            var showLabel = buckets.Count <= 8 || i % (int)Math.Ceiling(buckets.Count / 8.0) == 0;
            return new ChartBar(x, barWidth, Y(0), completedTop, failedTop, otherTop, showLabel ? label : null,
                $"{label}: {bucket.Completed} completed, {bucket.Failed} failed, {bucket.Other} other");
        }).ToList();

        GridLines = Enumerable.Range(0, 5).Select(i => new ChartGridLine(Y(Max * i / 4.0), (Max * i / 4.0).ToString("0.#", CultureInfo.InvariantCulture))).ToList();
        PlotLeft = Left;
        PlotRight = Width - Right;
        BaseLine = Y(0);
    }

    public double Max { get; }
    public IReadOnlyList<ChartBar> Bars { get; }
    public IReadOnlyList<ChartGridLine> GridLines { get; }
    public double PlotLeft { get; }
    public double PlotRight { get; }
    public double BaseLine { get; }

    private static double NiceCeiling(int value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One stacked bar: completed from the base up, then failed, then other.</summary>
public sealed record ChartBar(double X, double Width, double Base, double CompletedTop, double FailedTop, double OtherTop, string? Label, string Title);

public sealed record ChartGridLine(double Y, string Label);
