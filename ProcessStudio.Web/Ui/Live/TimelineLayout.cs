using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Places the run's bars on a Gantt chart: one row per node in the order they first ran, x as percent of the run's span.</summary>
public sealed class TimelineLayout
{
    public TimelineLayout(WorkflowDefinition workflow, IReadOnlyList<TimelineBar> bars, DateTimeOffset now)
    {
        Start = bars.Count > 0 ? bars.Min(b => b.Start) : now;
        End = bars.Count > 0 ? bars.Max(b => b.End ?? now) : now;
        if (End <= Start) End = Start.AddMilliseconds(1);
        var span = (End - Start).TotalMilliseconds;
        double Percent(DateTimeOffset t) => Math.Clamp((t - Start).TotalMilliseconds / span * 100, 0, 100);

        Rows = bars
            .GroupBy(b => b.NodeId)
            .OrderBy(g => g.Min(b => b.Start))
            .Select(g => new TimelineRow(
                g.Key,
                workflow.FindNode(g.Key)?.Name ?? g.Key,
                g.SelectMany(bar => bar.Attempts.Count == 0
                        ? [new TimelineSegment(bar, 1, Percent(bar.Start), Percent(bar.End ?? now), bar.End is null, null)]
                        : bar.Attempts.Select(a => new TimelineSegment(bar, a.Number, Percent(a.Start), Percent(a.End ?? bar.End ?? now),
                            a.End is null, a.Error)))
                    .ToList()))
            .ToList();
        Ticks = Enumerable.Range(0, 5).Select(i => new TimelineTick(i * 25, (long)(span * i / 4))).ToList();
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public IReadOnlyList<TimelineRow> Rows { get; }
    public IReadOnlyList<TimelineTick> Ticks { get; }

    public double PercentOf(DateTimeOffset moment) =>
        Math.Clamp((moment - Start).TotalMilliseconds / (End - Start).TotalMilliseconds * 100, 0, 100);
}

public sealed record TimelineRow(string NodeId, string NodeName, IReadOnlyList<TimelineSegment> Segments);

/// <summary>One attempt drawn as a bar from <see cref="Left"/> to <see cref="Right"/> percent.</summary>
public sealed record TimelineSegment(TimelineBar Bar, int Attempt, double Left, double Right, bool Open, string? Error)
{
    public double Width => Math.Max(Right - Left, 0.4);
}

public sealed record TimelineTick(double Percent, long OffsetMs);
