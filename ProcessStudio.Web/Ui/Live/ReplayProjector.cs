using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Replays a finished run: the state of every node at a moment of its timeline, and the moments where something changed.</summary>
public sealed class ReplayProjector
{
    private readonly IReadOnlyList<TimelineBar> _bars;
    private readonly IReadOnlyCollection<string> _nodeIds;
    private readonly IReadOnlySet<string> _compensable;

    /// <param name="compensable">Nodes that declare a compensating path: their rollback bars show as their compensation state.</param>
    public ReplayProjector(IReadOnlyList<TimelineBar> bars, IReadOnlyCollection<string> nodeIds, IReadOnlySet<string>? compensable = null)
    {
        _bars = bars;
        _nodeIds = nodeIds;
        _compensable = compensable ?? new HashSet<string>();
        Moments = bars
            .SelectMany(b => b.End is { } end ? new[] { b.Start, end } : [b.Start])
            .Distinct()
            .Order()
            .ToList();
    }

    /// <summary>Every instant a node started or finished, in order: the stops of the step button.</summary>
    public IReadOnlyList<DateTimeOffset> Moments { get; }

    public DateTimeOffset Start => Moments.Count > 0 ? Moments[0] : DateTimeOffset.MinValue;
    public DateTimeOffset End => Moments.Count > 0 ? Moments[^1] : DateTimeOffset.MinValue;

    public IReadOnlyDictionary<string, NodeRunState> StateAt(DateTimeOffset moment)
    {
        var states = _nodeIds.ToDictionary(id => id, NodeRunState.Pending, StringComparer.Ordinal);
        foreach (var bar in _bars.Where(b => b.Start <= moment).OrderBy(b => b.Start))
        {
            var finished = bar.End is { } end && end <= moment;
            var attempt = bar.Attempts.LastOrDefault(a => a.Start <= moment);
            var betweenAttempts = !finished && attempt?.End is { } attemptEnd && attemptEnd <= moment;
            if (CompensationMarkers.IsMarker(bar.Compensation, bar.NodeId, _compensable))
            {
                states[bar.NodeId] = states[bar.NodeId] with { Compensation = finished ? bar.Status : NodeExecutionStatus.Running };
                continue;
            }
            states[bar.NodeId] = new NodeRunState(
                bar.NodeId,
                finished ? bar.Status : betweenAttempts ? NodeExecutionStatus.Retrying : NodeExecutionStatus.Running,
                attempt?.Number ?? 1,
                bar.Attempts.Count,
                bar.Start,
                (long)((finished ? bar.End!.Value : moment) - bar.Start).TotalMilliseconds,
                null,
                finished || betweenAttempts ? attempt?.Error : null,
                null,
                null);
        }
        return states;
    }

    /// <summary>The next moment after <paramref name="current"/>, or the last one.</summary>
    public DateTimeOffset Next(DateTimeOffset current) => Moments.FirstOrDefault(m => m > current, End);

    public DateTimeOffset Previous(DateTimeOffset current) => Moments.LastOrDefault(m => m < current, Start);
}
