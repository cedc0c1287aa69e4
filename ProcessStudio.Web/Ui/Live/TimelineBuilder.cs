using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Keeps the run's Gantt bars (one per node activation, with attempts) from store records and events.</summary>
internal sealed class TimelineBuilder
{
    private readonly List<TimelineBar> _bars = [];
    private readonly Dictionary<Guid, int> _indexById = [];

    public IReadOnlyList<TimelineBar> Bars => _bars;

    public void Reset(IEnumerable<NodeExecutionRecord> records)
    {
        _bars.Clear();
        _indexById.Clear();
        foreach (var r in records.OrderBy(r => r.StartedAt))
        {
            var attempts = r.AttemptLog.Select(a => new AttemptSpan(a.Number, a.StartedAt, a.FinishedAt, a.Error)).ToList();
            if (attempts.Count == 0) attempts.Add(new AttemptSpan(1, r.StartedAt, r.FinishedAt, r.Error));
            Put(new TimelineBar(r.Id, r.NodeId, r.Status, r.StartedAt, r.FinishedAt, attempts, r.Compensation));
        }
    }

    public void Apply(NodeStatusChanged e)
    {
        var bar = _indexById.TryGetValue(e.NodeExecutionId, out var index)
            ? _bars[index]
            : new TimelineBar(e.NodeExecutionId, e.NodeId, e.Status, e.Timestamp, null, [], e.Compensation);
        var attempts = bar.Attempts.ToList();
        var attemptNumber = Math.Max(e.Attempt, 1);
        var open = attempts.Count > 0 && attempts[^1].End is null ? attempts[^1] : null;

        if (e.Status == NodeExecutionStatus.Running && (open is null || open.Number < attemptNumber))
        {
            if (open is not null) attempts[^1] = open with { End = e.Timestamp };
            attempts.Add(new AttemptSpan(attemptNumber, e.Timestamp, null, null));
        }
        else if (open is not null && e.Status is not (NodeExecutionStatus.Running or NodeExecutionStatus.Waiting))
        {
            var failed = e.Status is NodeExecutionStatus.Failed or NodeExecutionStatus.Retrying;
            attempts[^1] = open with { End = e.Timestamp, Error = failed ? e.Error : null };
        }

        var finished = e.Status is NodeExecutionStatus.Succeeded or NodeExecutionStatus.Failed
            or NodeExecutionStatus.Skipped or NodeExecutionStatus.Cancelled;
        Put(bar with { Status = e.Status, End = finished ? e.Timestamp : null, Attempts = attempts });
    }

    /// <summary>A scheduled retry ends the node's open attempt with its error.</summary>
    public void Apply(NodeRetryScheduled e)
    {
        var index = _bars.FindLastIndex(b => b.NodeId == e.NodeId && b.IsOpen);
        if (index < 0) return;
        var bar = _bars[index];
        var attempts = bar.Attempts.ToList();
        if (attempts.Count > 0 && attempts[^1].End is null)
            attempts[^1] = attempts[^1] with { End = e.Timestamp, Error = e.Error };
        _bars[index] = bar with { Status = NodeExecutionStatus.Retrying, Attempts = attempts };
    }

    private void Put(TimelineBar bar)
    {
        if (_indexById.TryGetValue(bar.NodeExecutionId, out var index))
        {
            _bars[index] = bar;
            return;
        }
        _indexById[bar.NodeExecutionId] = _bars.Count;
        _bars.Add(bar);
    }
}
