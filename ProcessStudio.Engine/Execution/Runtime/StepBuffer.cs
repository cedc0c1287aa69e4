using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The steps of a run in <see cref="Model.Durability.AtBoundaries"/> mode that are not committed yet. Their node records
/// and logs wait here and are committed with the next durable step, together with its checkpoint; a record written again
/// (a For Each per item) is kept once, in its latest form. A crash loses what is here, and the run repeats those steps
/// from its last checkpoint.
/// </summary>
/// <param name="checkpointStep">The step of the checkpoint the run started from (the state at the start of that step).</param>
internal sealed class StepBuffer(TimeProvider clock, TimeSpan interval, long checkpointStep)
{
    private readonly List<NodeExecutionRecord> _records = [];
    private readonly Dictionary<Guid, int> _recordIndex = [];
    private readonly List<ExecutionLogRecord> _logs = [];
    private long _lastDurable = clock.GetTimestamp();

    /// <summary>Whether the longest allowed time without a checkpoint has passed.</summary>
    public bool IsDue => clock.GetElapsedTime(_lastDurable) >= interval;

    public void Add(IReadOnlyList<NodeExecutionRecord> records, IReadOnlyList<ExecutionLogRecord> logs)
    {
        foreach (var record in records)
        {
            if (_recordIndex.TryGetValue(record.Id, out var at))
            {
                // Only a record's first version carries its input (later ones leave it as stored), and nothing is stored yet.
                record.Input ??= _records[at].Input;
                _records[at] = record;
            }
            else
            {
                _recordIndex[record.Id] = _records.Count;
                _records.Add(record);
            }
        }
        _logs.AddRange(logs);
    }

    /// <summary>
    /// Everything buffered, followed by this step's records and logs, for one commit whose checkpoint will be
    /// <paramref name="nextCheckpointStep"/>; the buffer starts over. A record's step names the checkpoint "retry from this
    /// node" starts from, and the steps since the last commit have none: their records point at the last checkpoint before
    /// them, so a retry from such a node repeats the steps between, as recovery would.
    /// </summary>
    public (IReadOnlyList<NodeExecutionRecord> Records, IReadOnlyList<ExecutionLogRecord> Logs) Drain(
        IReadOnlyList<NodeExecutionRecord> records, IReadOnlyList<ExecutionLogRecord> logs, long nextCheckpointStep)
    {
        Add(records, logs);
        foreach (var record in _records)
            record.Step = Math.Min(record.Step, checkpointStep);
        checkpointStep = nextCheckpointStep;
        var drained = (_records.ToList(), _logs.ToList());
        _records.Clear();
        _recordIndex.Clear();
        _logs.Clear();
        _lastDurable = clock.GetTimestamp();
        return drained;
    }
}
