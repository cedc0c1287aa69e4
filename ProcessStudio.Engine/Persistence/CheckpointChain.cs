using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Persistence;

/// <summary>Rebuilds a whole checkpoint from a delta and the rows it builds on. Stores call it so readers only see whole states.</summary>
public static class CheckpointChain
{
    /// <summary>
    /// The whole state of <paramref name="checkpoint"/>. For a delta, <paramref name="earlier"/> must hold, oldest first, the
    /// whole checkpoint at its base step and every delta after it up to the step before; each delta names the row it builds
    /// on (steps committed together in atBoundaries mode leave gaps), so a missing row means the run's saved state is
    /// damaged, and the run cannot continue from it.
    /// </summary>
    public static Checkpoint Compose(Checkpoint checkpoint, IReadOnlyList<Checkpoint> earlier)
    {
        if (checkpoint.BaseStep is not { } baseStep) return checkpoint;
        var id = checkpoint.ExecutionId;
        if (earlier.Count < 1 || earlier[0].Step != baseStep || earlier[0].BaseStep is not null)
            throw new CheckpointInvalidException(id, $"the checkpoint of step {checkpoint.Step} misses rows of the chain from step {baseStep}");

        var state = RunState.Deserialize(id, earlier[0].StateJson);
        var previousStep = baseStep;
        foreach (var delta in earlier.Skip(1).Append(checkpoint))
        {
            if (delta.Step <= previousStep || delta.BaseStep != baseStep)
                throw new CheckpointInvalidException(id, $"the checkpoint row of step {delta.Step} does not belong to the chain from step {baseStep}");
            state = RunStateDelta.Apply(state, id, delta.StateJson, out var builtOn);
            if ((builtOn ?? delta.Step - 1) != previousStep)
                throw new CheckpointInvalidException(id, $"the checkpoint of step {checkpoint.Step} misses rows of the chain from step {baseStep} (step {delta.Step} builds on step {builtOn ?? delta.Step - 1})");
            previousStep = delta.Step;
        }
        return checkpoint with { StateJson = state.Serialize(), BaseStep = null };
    }
}
