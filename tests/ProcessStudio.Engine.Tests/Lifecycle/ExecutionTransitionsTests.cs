using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Lifecycle;

/// <summary>The table of a run's status moves: what each status may become, and what a move writes with it.</summary>
public sealed class ExecutionTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static ExecutionRecord Run(ExecutionStatus status) => new() { Id = Guid.NewGuid(), Status = status };

    public static TheoryData<ExecutionStatus, ExecutionStatus> AllowedMoves => new()
    {
        { ExecutionStatus.Pending, ExecutionStatus.Running },
        { ExecutionStatus.Pending, ExecutionStatus.Cancelled },
        { ExecutionStatus.Running, ExecutionStatus.Paused },
        { ExecutionStatus.Running, ExecutionStatus.Waiting },
        { ExecutionStatus.Running, ExecutionStatus.Completed },
        { ExecutionStatus.Running, ExecutionStatus.Failed },
        { ExecutionStatus.Running, ExecutionStatus.Cancelled },
        { ExecutionStatus.Running, ExecutionStatus.Compensated },
        { ExecutionStatus.Running, ExecutionStatus.CompensationFailed },
        // Only the compensate command: an ended run runs again to roll back its completed nodes.
        { ExecutionStatus.Failed, ExecutionStatus.Running },
        { ExecutionStatus.Cancelled, ExecutionStatus.Running },
        { ExecutionStatus.CompensationFailed, ExecutionStatus.Running },
        { ExecutionStatus.Paused, ExecutionStatus.Running },
        { ExecutionStatus.Paused, ExecutionStatus.Cancelled },
        { ExecutionStatus.Waiting, ExecutionStatus.Running },
        { ExecutionStatus.Waiting, ExecutionStatus.Cancelled },
        { ExecutionStatus.Queued, ExecutionStatus.Pending },
        { ExecutionStatus.Queued, ExecutionStatus.Cancelled },
    };

    [Fact]
    public void Exactly_the_listed_moves_are_allowed()
    {
        var listed = AllowedMoves.Select(row => ((ExecutionStatus)row[0], (ExecutionStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<ExecutionStatus>())
            foreach (var to in Enum.GetValues<ExecutionStatus>())
                ExecutionTransitions.IsAllowed(from, to).Should().Be(listed.Contains((from, to)), $"{from} → {to}");
    }

    [Theory]
    [InlineData(ExecutionStatus.Completed)]
    [InlineData(ExecutionStatus.Compensated)]
    public void A_completed_or_compensated_run_never_moves_again(ExecutionStatus finished)
    {
        Enum.GetValues<ExecutionStatus>().Should().OnlyContain(to => !ExecutionTransitions.IsAllowed(finished, to));
        var resume = () => ExecutionTransitions.Require(Run(finished), ExecutionStatus.Running, "resume");
        resume.Should().Throw<InvalidTransitionException>().Which.Current.Should().Be(finished);
    }

    [Theory]
    [InlineData(ExecutionStatus.Failed)]
    [InlineData(ExecutionStatus.Cancelled)]
    [InlineData(ExecutionStatus.CompensationFailed)]
    public void An_ended_run_moves_only_back_to_running_for_a_rollback_and_keeps_its_error(ExecutionStatus ended)
    {
        Enum.GetValues<ExecutionStatus>().Where(to => ExecutionTransitions.IsAllowed(ended, to)).Should().Equal(ExecutionStatus.Running);
        var run = Run(ended);
        run.ErrorMessage = "Node 'Ship' failed: no courier";
        run.StoppedAt = Now;

        ExecutionTransitions.Apply(run, ExecutionStatus.Running, Now.AddMinutes(1));

        run.ErrorMessage.Should().Be("Node 'Ship' failed: no courier", "the rollback undoes that failure and keeps it visible");
        run.StoppedAt.Should().BeNull("the run is running again until its rollback ends");
    }

    [Fact]
    public void A_waiting_run_cannot_be_paused_and_the_refusal_names_the_command_and_the_status()
    {
        var waiting = Run(ExecutionStatus.Waiting);

        var pause = () => ExecutionTransitions.Require(waiting, ExecutionStatus.Paused, "pause");

        pause.Should().Throw<InvalidTransitionException>().WithMessage($"Cannot pause execution {waiting.Id}: it is waiting.");
    }

    [Fact]
    public void The_guard_of_a_move_lists_every_status_it_may_come_from()
    {
        ExecutionTransitions.From(ExecutionStatus.Paused).Should().BeEquivalentTo([ExecutionStatus.Running]);
        ExecutionTransitions.From(ExecutionStatus.Running).Should().BeEquivalentTo([ExecutionStatus.Pending, ExecutionStatus.Paused, ExecutionStatus.Waiting,
            ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.CompensationFailed]);
        ExecutionTransitions.From(ExecutionStatus.Cancelled).Should().BeEquivalentTo(
            [ExecutionStatus.Queued, ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting]);
        ExecutionTransitions.From(ExecutionStatus.Pending).Should().BeEquivalentTo([ExecutionStatus.Queued],
            "a run is created pending, or released to it from the lock queue, never moved back to it");
    }

    [Fact]
    public void A_queued_run_released_to_pending_starts_its_timeout_then()
    {
        var run = Run(ExecutionStatus.Queued);
        run.TimeoutMs = 30_000;

        ExecutionTransitions.Apply(run, ExecutionStatus.Pending, Now);

        run.DeadlineAt.Should().Be(Now.AddSeconds(30), "the time spent queued does not count");
    }

    [Fact]
    public void Starting_sets_the_start_time_once_and_resuming_clears_the_pause()
    {
        var run = Run(ExecutionStatus.Pending);
        ExecutionTransitions.Apply(run, ExecutionStatus.Running, Now);
        ExecutionTransitions.Apply(run, ExecutionStatus.Paused, Now.AddMinutes(1));
        run.PausedAt.Should().Be(Now.AddMinutes(1));

        ExecutionTransitions.Apply(run, ExecutionStatus.Running, Now.AddMinutes(2));

        run.StartedAt.Should().Be(Now, "a resumed run keeps the time it first started");
        run.PausedAt.Should().BeNull();
        run.Status.Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public void Only_a_waiting_run_keeps_a_wake_time()
    {
        var run = Run(ExecutionStatus.Running);
        ExecutionTransitions.Apply(run, ExecutionStatus.Waiting, Now, wakeAt: Now.AddHours(1));
        run.WakeAt.Should().Be(Now.AddHours(1));

        ExecutionTransitions.Apply(run, ExecutionStatus.Cancelled, Now.AddMinutes(5));

        run.WakeAt.Should().BeNull("a cancelled run has nothing left to wake");
        run.StoppedAt.Should().Be(Now.AddMinutes(5));
    }

    [Fact]
    public void A_move_outside_the_table_is_refused_without_changing_the_record()
    {
        var run = Run(ExecutionStatus.Completed);

        var move = () => ExecutionTransitions.Apply(run, ExecutionStatus.Running, Now);

        move.Should().Throw<InvalidOperationException>().WithMessage("*Completed to Running*");
        run.Status.Should().Be(ExecutionStatus.Completed);
        run.StartedAt.Should().BeNull();
    }
}
