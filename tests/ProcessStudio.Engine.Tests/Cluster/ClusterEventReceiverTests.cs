using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Cluster;

/// <summary>What a viewer on this instance sees of runs another instance fans out: each event once, in order, no holes.</summary>
public sealed class ClusterEventReceiverTests : IDisposable
{
    private const string Sender = "instance-b";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ServiceProvider _services = EngineServices.Build();
    private readonly ClusterEventReceiver _receiver;
    private readonly IEngineSubscription _live;

    public ClusterEventReceiverTests()
    {
        _receiver = new ClusterEventReceiver(new SharedChannel(), Stream, _services.GetRequiredService<RunSnapshots>(),
            NullLogger<ClusterEventReceiver>.Instance);
        _live = _services.GetRequiredService<ILiveEventStream>().Subscribe();
    }

    private EngineEventStream Stream => _services.GetRequiredService<EngineEventStream>();
    private IExecutionStore Store => _services.GetRequiredService<IExecutionStore>();

    public void Dispose()
    {
        _live.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Events_pass_in_order_and_one_sent_again_is_shown_once()
    {
        var run = Guid.NewGuid();

        await ReceiveAsync((1, 0, Log(run, "one")), (2, 1, Log(run, "two")));
        await ReceiveAsync((2, 1, Log(run, "two")), (3, 2, Log(run, "three")));

        (await DrainAsync()).Should().Equal(["log one", "log two", "log three"]);
    }

    [Fact]
    public async Task An_event_whose_predecessor_never_came_is_preceded_by_the_run_state_from_the_store()
    {
        var run = await StoredRunAsync(ExecutionStatus.Running, completedNodes: 2);

        await ReceiveAsync((1, 0, Log(run, "one")));
        await ReceiveAsync((7, 5, Log(run, "seven")));

        (await DrainAsync()).Should().Equal(["log one", "status running 2", "missed", "log seven"],
            "viewers are told that lines may be missing, so they read them from the store");
    }

    [Fact]
    public async Task After_a_reconnect_followed_and_active_runs_are_read_from_the_store_and_chains_start_afresh()
    {
        var followed = await StoredRunAsync(ExecutionStatus.Running, completedNodes: 1);
        await ReceiveAsync((1, 0, Log(followed, "one")));
        await DrainAsync();
        await FinishAsync(followed);   // finished while the channel was down
        var active = await StoredRunAsync(ExecutionStatus.Waiting, completedNodes: 0);

        await _receiver.ResyncAsync(Ct);
        await ReceiveAsync((9, 8, Log(active, "nine")));

        (await DrainAsync()).Should().BeEquivalentTo(["status completed 1", "missed", "status waiting 0", "missed", "log nine"]);
    }

    [Fact]
    public async Task Events_of_other_instances_reach_viewers_but_not_the_work_that_must_happen_once()
    {
        using var local = _services.GetRequiredService<IEngineEventStream>().Subscribe();

        await ReceiveAsync((1, 0, Log(Guid.NewGuid(), "remote")));

        (await DrainAsync()).Should().Equal(["log remote"]);
        (await DrainAsync(local)).Should().BeEmpty();
    }

    private async Task ReceiveAsync(params (long Sequence, long Previous, EngineEvent Event)[] events)
    {
        var batch = events.Select(e => ClusterEventEnvelope.Of(e.Event, e.Sequence, e.Previous)!).ToList();
        foreach (var message in ClusterEventPublisher.Pack(batch))
            await _receiver.OnMessageAsync(new ClusterMessage(Sender, message), Ct);
    }

    private static LogWritten Log(Guid run, string message) =>
        new(new ExecutionLogRecord(0, run, DateTimeOffset.UtcNow, LogLevel.Information, message));

    private async Task<Guid> StoredRunAsync(ExecutionStatus status, int completedNodes)
    {
        var record = new ExecutionRecord
        {
            Id = Guid.NewGuid(), WorkflowId = Guid.NewGuid(), WorkflowName = "remote", Status = status, CreatedAt = DateTimeOffset.UtcNow,
            TotalNodes = 3, CompletedNodes = completedNodes,
        };
        await Store.CreateAsync(record, null, Ct);
        return record.Id;
    }

    private async Task FinishAsync(Guid run)
    {
        var record = (await Store.GetAsync(run, Ct))!;
        await Store.TryTransitionAsync(run, record.Version, [record.Status], r => r.Status = ExecutionStatus.Completed, Ct);
    }

    private Task<List<string>> DrainAsync() => DrainAsync(_live);

    private static async Task<List<string>> DrainAsync(IEngineSubscription subscription)
    {
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            await foreach (var e in subscription.ReadAllAsync(timeout.Token))
                seen.Add(e switch
                {
                    LogWritten log => $"log {log.Log.Message}",
                    ExecutionStatusChanged status => $"status {status.Status.ToString().ToLowerInvariant()} {status.CompletedNodes}",
                    LiveEventsMissed => "missed",
                    _ => e.GetType().Name,
                });
        }
        catch (OperationCanceledException)
        {
            // drained
        }
        return seen;
    }

    private sealed class SharedChannel : IClusterChannel
    {
        public bool IsShared => true;
        public string InstanceId => "instance-a";
        public Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken) => Task.CompletedTask;
        public IDisposable Subscribe(string topic, IClusterTopicHandler handler) => new CancellationTokenSource();
    }
}
