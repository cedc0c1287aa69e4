using System.Collections.ObjectModel;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// The run's log lines in arrival order plus the filtered view the panel renders. New lines are filtered once on
/// arrival, so a live tail of 100,000 lines never re-scans the whole list.
/// </summary>
public sealed class LogBuffer
{
    /// <summary>Beyond this the oldest lines are dropped from memory (they stay in the store and the download).</summary>
    public const int Capacity = 200_000;

    private readonly List<ExecutionLogRecord> _all = [];
    private readonly HashSet<long> _seenIds = [];
    private List<ExecutionLogRecord> _visible = [];

    public LogFilter Filter { get; private set; } = LogFilter.All;
    public IReadOnlyList<ExecutionLogRecord> All => _all;
    /// <summary>The lines that pass the filter (a read-only collection, as Blazor's Virtualize wants).</summary>
    public ReadOnlyCollection<ExecutionLogRecord> Visible => _visible.AsReadOnly();
    public long LastId { get; private set; }
    public int ErrorCount { get; private set; }

    public void Reset(IEnumerable<ExecutionLogRecord> logs)
    {
        _all.Clear();
        _seenIds.Clear();
        LastId = 0;
        ErrorCount = 0;
        foreach (var log in logs) AddCore(log);
        Refilter();
    }

    /// <summary>Adds a line unless it is already here (a line can arrive both from the store and as an event).</summary>
    public bool Append(ExecutionLogRecord log)
    {
        if (!AddCore(log)) return false;
        if (Filter.Matches(log)) _visible.Add(log);
        TrimToCapacity();
        return true;
    }

    /// <summary>
    /// Adds lines read from the store after a gap in the live stream, each in its place by time: a line already shown
    /// from a live event (id 0) takes its stored id, a line seen by id is skipped, one never seen is inserted.
    /// </summary>
    public void Merge(IEnumerable<ExecutionLogRecord> stored)
    {
        foreach (var log in stored)
        {
            if (!_seenIds.Add(log.Id)) continue;
            LastId = Math.Max(LastId, log.Id);
            var twin = _all.FindLastIndex(l => l.Id == 0 && l.Timestamp == log.Timestamp && l.NodeId == log.NodeId && l.Message == log.Message);
            if (twin >= 0)
            {
                _all[twin] = log;
                continue;
            }
            _all.Insert(_all.FindLastIndex(l => l.Timestamp <= log.Timestamp) + 1, log);
            if (log.Level >= Microsoft.Extensions.Logging.LogLevel.Error) ErrorCount++;
        }
        Refilter();
        TrimToCapacity();
    }

    public void SetFilter(LogFilter filter)
    {
        if (filter == Filter) return;
        Filter = filter;
        Refilter();
    }

    public IEnumerable<ExecutionLogRecord> ForNode(string nodeId) => _all.Where(l => l.NodeId == nodeId);

    private bool AddCore(ExecutionLogRecord log)
    {
        if (log.Id > 0 && !_seenIds.Add(log.Id)) return false;
        if (log.Id == 0 && IsStoredAlready(log)) return false;
        _all.Add(log);
        LastId = Math.Max(LastId, log.Id);
        if (log.Level >= Microsoft.Extensions.Logging.LogLevel.Error) ErrorCount++;
        return true;
    }

    /// <summary>
    /// Live events carry lines before the store numbers them (id 0). One that raced the snapshot is already here with
    /// its stored id: same time, node and message among the newest lines.
    /// </summary>
    private bool IsStoredAlready(ExecutionLogRecord log)
    {
        for (var i = _all.Count - 1; i >= 0 && _all[i].Timestamp >= log.Timestamp; i--)
        {
            var line = _all[i];
            if (line.Id > 0 && line.Timestamp == log.Timestamp && line.NodeId == log.NodeId && line.Message == log.Message) return true;
        }
        return false;
    }

    private void TrimToCapacity()
    {
        var excess = _all.Count - Capacity;
        if (excess <= 0) return;
        foreach (var dropped in _all.Take(excess)) _seenIds.Remove(dropped.Id);
        _all.RemoveRange(0, excess);
        Refilter();
    }

    private void Refilter() => _visible = Filter.IsEmpty ? [.. _all] : _all.Where(Filter.Matches).ToList();
}
