using System.Text.Json.Nodes;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

/// <summary>
/// Commands for runs driven by another instance: claimed once by the holder of the run (never twice, even when the
/// claimer never answers), answered to the sender, or taken back by the sender while nobody has claimed them.
/// </summary>
public abstract class RunCommandStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;
    private IRunCommandStore Store => _db.Get<IRunCommandStore>();
    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_holder_claims_its_runs_commands_oldest_first_and_the_sender_reads_the_outcome()
    {
        var run = Guid.NewGuid();
        var other = Guid.NewGuid();
        var signal = Command(run, RunCommandKind.Signal, T0, "approve", new JsonObject { ["decision"] = "approve" });
        var cancel = Command(run, RunCommandKind.Cancel, T0.AddSeconds(1));
        await Store.AddAsync(cancel, Ct);
        await Store.AddAsync(signal, Ct);
        await Store.AddAsync(Command(other, RunCommandKind.Pause, T0), Ct);

        var claimed = await Store.ClaimAsync([run], "b", T0.AddSeconds(2), 10, Ct);

        claimed.Select(c => c.Id).Should().Equal([signal.Id, cancel.Id], "only the claimer's runs, oldest first");
        claimed[0].NodeId.Should().Be("approve");
        claimed[0].Payload!["decision"]!.GetValue<string>().Should().Be("approve");
        (await Store.ProgressAsync(signal.Id, Ct)).Should().Be(new RunCommandProgress(RunCommandState.Claimed, null));

        await Store.CompleteAsync(signal.Id, "b", new RunCommandOutcome(RunCommandResult.Refused, ExecutionStatus.Completed, "Cannot signal"), T0.AddSeconds(3), Ct);

        (await Store.ProgressAsync(signal.Id, Ct)).Should().Be(new RunCommandProgress(RunCommandState.Done,
            new RunCommandOutcome(RunCommandResult.Refused, ExecutionStatus.Completed, "Cannot signal")));
    }

    [Fact]
    public async Task A_claimed_command_is_never_claimed_again_even_when_its_claimer_never_answers()
    {
        var run = Guid.NewGuid();
        var pause = Command(run, RunCommandKind.Pause, T0);
        await Store.AddAsync(pause, Ct);

        (await Store.ClaimAsync([run], "crashed", T0, 10, Ct)).Should().ContainSingle();

        (await Store.ClaimAsync([run], "taker", T0.AddMinutes(5), 10, Ct)).Should().BeEmpty("the crashed holder may have applied it: it is not applied twice");
        (await Store.WithdrawAsync(pause.Id, T0.AddMinutes(5), Ct)).Should().BeFalse("a claimed command cannot be taken back");
        await Store.CompleteAsync(pause.Id, "taker", new RunCommandOutcome(RunCommandResult.Applied, null, null), T0, Ct);
        (await Store.ProgressAsync(pause.Id, Ct))!.State.Should().Be(RunCommandState.Claimed, "only its claimer answers a command");
    }

    [Fact]
    public async Task A_withdrawn_command_is_not_claimed()
    {
        var run = Guid.NewGuid();
        var cancel = Command(run, RunCommandKind.Cancel, T0);
        await Store.AddAsync(cancel, Ct);

        (await Store.WithdrawAsync(cancel.Id, T0, Ct)).Should().BeTrue();

        (await Store.ClaimAsync([run], "b", T0, 10, Ct)).Should().BeEmpty();
        (await Store.ProgressAsync(cancel.Id, Ct))!.State.Should().Be(RunCommandState.Withdrawn);
    }

    [Fact]
    public async Task Concurrent_claimers_divide_the_commands()
    {
        var run = Guid.NewGuid();
        var sent = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var command = Command(run, RunCommandKind.Signal, T0.AddMilliseconds(i), "wait");
            await Store.AddAsync(command, Ct);
            sent.Add(command.Id);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Store.ClaimAsync([run], $"i{i}", T0.AddSeconds(i), 30, Ct)));

        claims.SelectMany(c => c).Select(c => c.Id).Should().BeEquivalentTo(sent, "every command is claimed, each by one claimer");
    }

    [Fact]
    public async Task Rows_whose_sender_never_came_back_are_deleted_after_the_cutoff()
    {
        var old = Command(Guid.NewGuid(), RunCommandKind.Cancel, T0);
        var recent = Command(Guid.NewGuid(), RunCommandKind.Cancel, T0.AddHours(2));
        await Store.AddAsync(old, Ct);
        await Store.AddAsync(recent, Ct);

        (await Store.DeleteOlderThanAsync(T0.AddHours(1), Ct)).Should().Be(1);

        (await Store.ProgressAsync(old.Id, Ct)).Should().BeNull();
        (await Store.ProgressAsync(recent.Id, Ct)).Should().NotBeNull();
        await Store.DeleteAsync(recent.Id, Ct);
        (await Store.ProgressAsync(recent.Id, Ct)).Should().BeNull();
    }

    private static RunCommand Command(Guid run, RunCommandKind kind, DateTimeOffset at, string? nodeId = null, JsonNode? payload = null) =>
        new(Guid.NewGuid(), run, kind, nodeId, payload, at);
}
