using System.Buffers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Chooses, for each step of one run, between a whole checkpoint and a delta on the previous step. A whole checkpoint of a
/// long run holds every output so far, so writing one per step cost the run quadratic time and storage. Deltas chain from
/// the last whole checkpoint (their base) until they add up to <see cref="ChainToBaseRatio"/> times its size; then a new
/// base is written. Each step thus writes what it changed plus a bounded share of a base, and reading a checkpoint reads
/// at most four times its base.
/// </summary>
internal sealed class CheckpointWriter
{
    /// <summary>
    /// Below this size a whole checkpoint costs about what a delta does (a delta's fixed part, the agenda and counters, is
    /// a few hundred characters), and it needs nothing else to be read.
    /// </summary>
    private const int DeltasFromBaseChars = 1024;
    /// <summary>
    /// Deltas chain until they add up to this many times their base. Higher writes fewer bases (a base costs more per
    /// character than a delta) but reads more; at 3 a read composes at most four times a base.
    /// </summary>
    private const int ChainToBaseRatio = 3;
    /// <summary>
    /// Bounds the rows a read composes for a small base. A large base (a For Each's items, a big input) allows one more
    /// delta per <see cref="BaseCharsPerExtraDelta"/> characters: with a fixed bound such a base was rewritten every 256
    /// steps, which made each item of a long For Each cost in proportion to the array.
    /// </summary>
    private const int MinChainLength = 256;
    private const int BaseCharsPerExtraDelta = 256;

    private long? _baseStep;
    private long _baseChars;
    private long _chainChars;
    private int _chainLength;
    private long _lastStep;
    /// <summary>Scratch bytes for the deltas of this run (one writer per run, used by its loop only).</summary>
    private readonly ArrayBufferWriter<byte> _deltaBuffer = new(1024);
    private readonly System.Text.Json.Utf8JsonWriter _deltaWriter;

    public CheckpointWriter() => _deltaWriter = RunStateDelta.CreateWriter(_deltaBuffer);

    public Checkpoint Next(RunState state, Guid executionId, bool active, DateTimeOffset now)
    {
        if (CanChain() && RunStateDelta.TrySerialize(state, _lastStep, _deltaBuffer, _deltaWriter) is { } delta && _chainChars + delta.Length < _baseChars * ChainToBaseRatio)
            return new Checkpoint(executionId, state.Step, delta, active, now, _baseStep);
        return new Checkpoint(executionId, state.Step, state.Serialize(), active, now);
    }

    /// <summary>The checkpoint from <see cref="Next"/> is stored: the next delta starts from it.</summary>
    public void Committed(RunState state, Checkpoint checkpoint)
    {
        if (checkpoint.BaseStep is null)
        {
            _baseStep = checkpoint.Step;
            _baseChars = checkpoint.StateJson.Length;
            _chainChars = 0;
            _chainLength = 0;
        }
        else
        {
            _chainChars += checkpoint.StateJson.Length;
            _chainLength++;
        }
        _lastStep = checkpoint.Step;
        state.Changes.Clear();
    }

    /// <summary>A commit failed: what the store holds is unknown here, so the next checkpoint is whole.</summary>
    public void Forget() => _baseStep = null;

    // A delta is read on top of this writer's last row (the step before, or in atBoundaries mode the last committed one:
    // the run state's changes add up until a commit). A chain that is already full is not offered another delta, which
    // would only be serialized to be thrown away.
    private long MaxChainLength => Math.Max(MinChainLength, _baseChars / BaseCharsPerExtraDelta);

    private bool CanChain() =>
        _baseStep is not null && _baseChars >= DeltasFromBaseChars && _chainLength < MaxChainLength
        && _chainChars < _baseChars * ChainToBaseRatio;
}
