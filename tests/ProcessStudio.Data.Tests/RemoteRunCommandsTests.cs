using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Remote;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

/// <summary>
/// The sending side of a command for a run that another instance holds, over the real command table: the holder's
/// answer comes back as the local command's answer; a command nobody takes in time is withdrawn and reported as not
/// applied; and when the holder lets the run go first, the command is withdrawn and the caller acts locally.
/// </summary>
public sealed class RemoteRunCommandsTests : IAsyncLifetime
{
    private static CancellationToken Ct => CancellationToken.None;
    private readonly HolderSwitch _holder = new();
    private readonly RecordingChannel _channel = new();
    private TestDatabase _db = null!;
    private RemoteRunCommands _remote = null!;
    private IRunCommandStore Commands => _db.Get<IRunCommandStore>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var options = Options.Create(new EngineOptions
        {
            RemoteCommands = new RemoteCommandOptions { AnswerPollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(500) },
        });
        _remote = new RemoteRunCommands(_holder, new RunLeases(_holder, options, TimeProvider.System), new LiveRuns(), Commands, _channel, _db.Executions,
            options, TimeProvider.System, NullLogger<RemoteRunCommands>.Instance);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_holders_refusal_comes_back_as_the_local_commands_409()
    {
        var run = await RunAsync();
        var holder = AnswerAsync(run.Id, new RunCommandOutcome(RunCommandResult.Refused, ExecutionStatus.Completed, "it finished"));

        var send = () => _remote.TrySendAsync(run.Id, RunCommandKind.Cancel, "cancel", null, null, Ct);

        (await send.Should().ThrowAsync<InvalidTransitionException>()).Which.Current.Should().Be(ExecutionStatus.Completed);
        (await holder).Kind.Should().Be(RunCommandKind.Cancel);
    }

    [Fact]
    public async Task An_applied_command_answers_with_the_run_as_the_holder_left_it_and_the_row_is_deleted()
    {
        var run = await RunAsync();
        var holder = AnswerAsync(run.Id, new RunCommandOutcome(RunCommandResult.Applied, null, null));

        var answered = await _remote.TrySendAsync(run.Id, RunCommandKind.Pause, "pause", null, null, Ct);

        answered!.Id.Should().Be(run.Id);
        (await Commands.ProgressAsync((await holder).Id, Ct)).Should().BeNull("the sender deleted its row once it read the outcome");
    }

    [Fact]
    public async Task A_sent_command_notifies_the_holder_over_the_cluster_channel()
    {
        var run = await RunAsync();
        var holder = AnswerAsync(run.Id, new RunCommandOutcome(RunCommandResult.Applied, null, null));

        await _remote.TrySendAsync(run.Id, RunCommandKind.Pause, "pause", null, null, Ct);

        await holder;
        _channel.Published.Should().Equal((RunCommandListener.Topic, run.Id.ToString()));
    }

    [Fact]
    public async Task A_command_nobody_takes_in_time_is_withdrawn_and_reported_as_not_applied()
    {
        var run = await RunAsync();

        var send = () => _remote.TrySendAsync(run.Id, RunCommandKind.Pause, "pause", null, null, Ct);

        (await send.Should().ThrowAsync<RunCommandUnansweredException>()).Which.Withdrawn.Should().BeTrue();
        (await Commands.ClaimAsync([run.Id], "late", DateTimeOffset.UtcNow, 10, Ct)).Should().BeEmpty("a withdrawn command is never applied");
    }

    [Fact]
    public async Task When_the_holder_lets_the_run_go_before_taking_the_command_the_caller_acts_locally()
    {
        var run = await RunAsync();
        _ = Task.Delay(100).ContinueWith(_ => _holder.Owner = null, TaskScheduler.Default);

        var answered = await _remote.TrySendAsync(run.Id, RunCommandKind.Cancel, "cancel", null, null, Ct);

        answered.Should().BeNull("nobody drives the run any more: the command is applied here, directly");
        (await Commands.ClaimAsync([run.Id], "late", DateTimeOffset.UtcNow, 10, Ct)).Should().BeEmpty("the sent row was withdrawn");
    }

    [Fact]
    public async Task A_run_nobody_else_holds_is_left_to_the_caller_without_writing_a_command()
    {
        var run = await RunAsync();
        _holder.Owner = null;

        (await _remote.TrySendAsync(run.Id, RunCommandKind.Cancel, "cancel", null, null, Ct)).Should().BeNull();
        (await Commands.DeleteOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(1), Ct)).Should().Be(0, "no row was written");
    }

    private async Task<ExecutionRecord> RunAsync()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await _db.Executions.CreateAsync(run, null, Ct);
        return run;
    }

    /// <summary>Plays the holder: claims the run's command once it is written and answers it.</summary>
    private async Task<RunCommand> AnswerAsync(Guid executionId, RunCommandOutcome outcome)
    {
        while (true)
        {
            var claimed = await Commands.ClaimAsync([executionId], "elsewhere", DateTimeOffset.UtcNow, 1, Ct);
            if (claimed.Count == 1)
            {
                await Commands.CompleteAsync(claimed[0].Id, "elsewhere", outcome, DateTimeOffset.UtcNow, Ct);
                return claimed[0];
            }
            await Task.Delay(10);
        }
    }

    /// <summary>A shared channel that keeps what is published and delivers nothing.</summary>
    private sealed class RecordingChannel : IClusterChannel
    {
        public List<(string Topic, string Body)> Published { get; } = [];

        public bool IsShared => true;

        public string InstanceId => "here";

        public Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken)
        {
            lock (Published) Published.AddRange(messages.Select(m => (topic, m)));
            return Task.CompletedTask;
        }

        public IDisposable Subscribe(string topic, IClusterTopicHandler handler) => throw new NotSupportedException();
    }

    /// <summary>A lease table in which another instance holds every run until <see cref="Owner"/> is cleared.</summary>
    private sealed class HolderSwitch : IRunLeaseStore
    {
        public volatile string? Owner = "elsewhere";

        public Task<string?> HolderAsync(Guid executionId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(Owner);

        public Task<bool> TryAcquireAsync(Guid executionId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            Task.FromResult(false);

        public Task<IReadOnlyCollection<Guid>> RenewAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<Guid>>([]);

        public Task ReleaseAsync(Guid executionId, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<Guid>> ClaimOrphansAsync(string owner, DateTimeOffset now, DateTimeOffset expiresAt, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Guid>>([]);
    }
}
