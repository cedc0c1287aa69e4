using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>
/// An open run page whose instance missed some of the run's events (its cluster listener was away): once told so, it
/// reads the log lines it lacks from the store, after the last stored one it shows, each once and in its place.
/// </summary>
public sealed class LiveLogCatchUpTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;
    private readonly InMemoryExecutionStore _store = new();
    private readonly ServiceProvider _services;
    private readonly ExecutionRecord _run = new()
    {
        Id = Guid.NewGuid(), WorkflowId = Guid.NewGuid(), WorkflowVersion = 1, WorkflowName = "Orders", Status = ExecutionStatus.Running, CreatedAt = Start,
    };
    private IExecutionObserver _observer = null!;

    public LiveLogCatchUpTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IExecutionStore>(_store);
        services.AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System));
        services.AddProcessStudioEngine();
        services.AddScoped<ExecutionSnapshotLoader>();
        services.AddScoped<ExecutionObserverFactory>();
        _services = services.BuildServiceProvider();
    }

    private EngineEventStream Stream => _services.GetRequiredService<EngineEventStream>();

    public async Task InitializeAsync()
    {
        await _store.CreateAsync(_run, null, Ct);
        await StoreAsync(Line(1, "one"), Line(2, "two"));
        _observer = (await _services.GetRequiredService<ExecutionObserverFactory>().OpenAsync(_run.Id, update => { update(); return Task.CompletedTask; }, Ct))!;
    }

    public async Task DisposeAsync()
    {
        await _observer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static ExecutionLogRecord Line(int second, string message) =>
        new(0, Guid.Empty, Start.AddSeconds(second), LogLevel.Information, message, "n1");

    private async Task StoreAsync(params ExecutionLogRecord[] lines)
    {
        var current = (await _store.GetAsync(_run.Id, Ct))!;
        await _store.CommitStepAsync(new StepCommit
        {
            Execution = current, ExpectedVersion = current.Version, Logs = [.. lines.Select(l => l with { ExecutionId = _run.Id })],
        }, Ct);
    }

    private List<string> Shown() => [.. _observer.Model.Logs.All.Select(l => l.Message)];

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The page did not catch up in 10 s.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Lines_sent_while_the_listener_was_away_are_read_from_the_store_once_and_in_order()
    {
        Stream.PublishRemote(new LogWritten(Line(3, "three") with { ExecutionId = _run.Id }));   // shown live, before the cut
        await EventuallyAsync(() => Shown().Count == 3);
        await StoreAsync(Line(3, "three"), Line(4, "four"), Line(5, "five"));   // four and five were sent while the listener was away

        Stream.PublishRemote(new LiveEventsMissed(_run.Id, Start.AddSeconds(5)));
        Stream.PublishRemote(new LogWritten(Line(6, "six") with { ExecutionId = _run.Id }));

        await EventuallyAsync(() => Shown().Count >= 6);
        Shown().Should().Equal("one", "two", "three", "four", "five", "six");
        _observer.Model.Logs.All.Take(5).Select(l => l.Id).Should().OnlyContain(id => id > 0, "the line shown live took its stored id");
    }
}
