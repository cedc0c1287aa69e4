using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Runtime;

/// <summary>
/// Long runs checkpoint as deltas chained from a whole checkpoint. Whatever happened to memory between steps, composing
/// a step's row with the rows before it must give exactly the state the run had at that step.
/// </summary>
public sealed class CheckpointDeltaTests
{
    private readonly Guid _executionId = Guid.NewGuid();
    private readonly RunState _state = new() { WorkflowId = Guid.NewGuid(), WorkflowVersion = 3 };
    private readonly CheckpointWriter _writer = new();
    /// <summary>The rows a store holds, by step, and the whole state the run had when it wrote each.</summary>
    private readonly SortedList<long, (Checkpoint Row, string Whole)> _rows = [];

    private Checkpoint Commit()
    {
        _state.Step++;
        _state.Agenda = [new Activation { Id = _state.Step, NodeId = $"n{_state.Step}", Input = new JsonObject { ["step"] = _state.Step } }];
        var row = _writer.Next(_state, _executionId, active: true, DateTimeOffset.UnixEpoch);
        _rows[row.Step] = (row, _state.Serialize());
        _writer.Committed(_state, row);
        return row;
    }

    private void Complete(string nodeId, JsonNode? output)
    {
        _state.SetOutput(nodeId, output);
        _state.MarkCompleted(nodeId);
    }

    private Checkpoint Read(long step)
    {
        var row = _rows[step].Row;
        var earlier = row.BaseStep is { } baseStep ? _rows.Values.Select(r => r.Row).Where(r => r.Step >= baseStep && r.Step < step).ToList() : [];
        return CheckpointChain.Compose(row, earlier);
    }

    private void EveryStepReadsAsItWasWritten()
    {
        foreach (var (step, (_, whole)) in _rows)
        {
            var read = Read(step);
            read.BaseStep.Should().BeNull();
            read.StateJson.Should().Be(whole, $"step {step} must read back exactly as the run had it");
        }
    }

    private static JsonObject Output(int i) => new() { ["i"] = i, ["text"] = $"line \"{i}\" <é>", ["items"] = new JsonArray(1, 2.5m, null, "x") };

    [Fact]
    public void A_long_run_writes_deltas_that_compose_to_every_state_it_had()
    {
        for (var i = 0; i < 400; i++)
        {
            Complete($"n{i}", Output(i));
            Commit();
        }

        EveryStepReadsAsItWasWritten();
        var rows = _rows.Values.Select(r => r.Row).ToList();
        rows.Count(r => r.BaseStep is not null).Should().BeGreaterThan(300, "once the state is large, most steps are deltas");
        var written = rows.Sum(r => (long)r.StateJson.Length);
        var whole = _rows.Values.Sum(r => (long)r.Whole.Length);
        written.Should().BeLessThan(whole / 10, "a run no longer stores its whole memory at every step");
    }

    [Fact]
    public void Reading_a_checkpoint_needs_at_most_a_bounded_chain()
    {
        for (var i = 0; i < 400; i++)
        {
            Complete($"n{i}", Output(i));
            Commit();
        }

        foreach (var row in _rows.Values.Select(r => r.Row).Where(r => r.BaseStep is not null))
        {
            var baseRow = _rows[row.BaseStep!.Value].Row;
            var chain = _rows.Values.Select(r => r.Row).Where(r => r.Step > baseRow.Step && r.Step <= row.Step).Sum(r => r.StateJson.Length);
            chain.Should().BeLessThan(3 * baseRow.StateJson.Length, "deltas stop adding up once they reach three times their base");
        }
    }

    [Fact]
    public void Replaced_outputs_copied_memory_and_renamed_nodes_compose_exactly()
    {
        for (var i = 0; i < 200; i++) Complete($"n{i}", Output(i));
        Commit();
        for (var i = 200; i < 260; i++)
        {
            Complete($"n{i}", Output(i));
            if (i % 7 == 0) _state.SetOutput("n3", new JsonObject { ["replaced"] = i });   // a node that ran again in a loop
            if (i % 11 == 0) _state.NodeOutputs = (JsonObject)_state.NodeOutputs.DeepClone();   // what the loop does while nodes run
            if (i % 13 == 0) _state.SetOutput($"name \"{i}\"\n<x>", null);
            _state.Variables["count"] = i;
            Commit();
        }

        EveryStepReadsAsItWasWritten();
        _rows.Values.Should().Contain(r => r.Row.BaseStep != null);
    }

    [Fact]
    public void A_failed_commit_makes_the_next_checkpoint_whole()
    {
        for (var i = 0; i < 200; i++) Complete($"n{i}", Output(i));
        Commit();
        Complete("n200", Output(200));
        Commit().BaseStep.Should().NotBeNull();

        Complete("n201", Output(201));
        _state.Step++;
        _writer.Next(_state, _executionId, active: true, DateTimeOffset.UnixEpoch);   // the store refused this one
        _writer.Forget();

        Complete("n202", Output(202));
        var next = Commit();
        next.BaseStep.Should().BeNull("the store may not hold the previous step, so nothing can chain from it");
        Read(next.Step).StateJson.Should().Contain("\"n201\"", "the output of the refused step is still in memory and written whole");
    }

    [Fact]
    public void A_chain_with_a_missing_row_is_refused_with_a_clear_reason()
    {
        for (var i = 0; i < 200; i++) Complete($"n{i}", Output(i));
        Commit();
        for (var i = 200; i < 205; i++)
        {
            Complete($"n{i}", Output(i));
            Commit();
        }
        var last = _rows.Values[^1].Row;
        last.BaseStep.Should().NotBeNull();
        _rows.Remove(last.Step - 2);

        var read = () => Read(last.Step);

        read.Should().Throw<CheckpointInvalidException>().WithMessage($"*step {last.Step}*misses rows*");
    }

    [Fact]
    public void A_delta_writes_every_part_of_the_state_that_does_not_grow()
    {
        var written = typeof(RunStateDelta.FixedParts).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        written.Concat(RunStateDelta.GrowingParts).Should().BeEquivalentTo(RunStateJsonContext.Default.RunState.Properties.Select(p => p.Name),
            "a property added to RunState must reach the delta, or a run read from a delta loses it");
    }

    [Fact]
    public void Steps_committed_together_chain_deltas_over_the_steps_between()
    {
        for (var i = 0; i < 200; i++) Complete($"n{i}", Output(i));
        Commit();
        for (var i = 200; i < 260; i++)
        {
            Complete($"n{i}", Output(i));
            if (i % 5 == 0) _state.Step += 3;   // atBoundaries: steps buffered in memory and committed with the next one
            Commit().BaseStep.Should().NotBeNull("a large state is not rewritten whole at each commit of a long loop");
        }

        EveryStepReadsAsItWasWritten();
    }

    [Fact]
    public void Small_states_are_always_written_whole()
    {
        for (var i = 0; i < 30; i++)
        {
            _state.Variables["i"] = i;
            Complete("loop", JsonValue.Create(i));
            Commit().BaseStep.Should().BeNull();
        }
    }
}
