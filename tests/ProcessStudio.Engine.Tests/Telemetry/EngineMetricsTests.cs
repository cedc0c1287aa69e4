using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Telemetry;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Telemetry;

/// <summary>What an operator scraping the "ProcessStudio" meter sees of real runs.</summary>
public sealed class EngineMetricsTests : EngineScenarioBase, IDisposable
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private MeterListener? _listener;

    protected override StoreSet OpenStores() => _stores;

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _listener = ListenTo(Host.Get<IMeterFactory>());
    }

    /// <summary>Only this host's meter: other tests run engines in parallel in the same process.</summary>
    private MeterListener ListenTo(IMeterFactory factory)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        listener.Start();
        return listener;
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    private List<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    public void Dispose() => _listener?.Dispose();

    [Fact]
    public async Task Finished_runs_count_as_started_completed_and_failed_per_workflow()
    {
        var good = new WorkflowBuilder("good").Trigger().Node("say", "log", new { message = "hello" }).Chain("start", "say").Build();
        var bad = new WorkflowBuilder("bad").Trigger().Node("stop", "fail", new { message = "no" }).Chain("start", "stop").Build();

        var completed = await RunAsync(good);
        await RunAsync(good);
        var failed = await RunAsync(bad);

        completed.Status.Should().Be(ExecutionStatus.Completed);
        failed.Status.Should().Be(ExecutionStatus.Failed);
        Of("processstudio.executions.started").Should().HaveCount(3).And.OnlyContain(m => m.Value == 1);
        Of("processstudio.executions.completed").Select(m => m.Tags["workflow.id"]).Should().Equal(completed.WorkflowId.ToString(), completed.WorkflowId.ToString());
        Of("processstudio.executions.failed").Select(m => m.Tags["workflow.id"]).Should().Equal(failed.WorkflowId.ToString());
        Of("processstudio.executions.started").Should().OnlyContain(m => !m.Tags.ContainsKey("execution.id"), "execution ids would make one series per run");
        Of("processstudio.execution.duration").Select(m => m.Tags["execution.status"]).Should().BeEquivalentTo(["completed", "completed", "failed"]);
    }

    [Fact]
    public async Task Rolled_back_runs_count_as_compensated_or_compensation_failed_never_as_completed_or_failed()
    {
        WorkflowDefinition Booking(string name, string undoType, object undoSettings) => new WorkflowBuilder(name).Trigger()
            .Settings(s => s.DefaultRetryPolicy = RetryPolicyNames.None)
            .Node("book", "transform", new { fields = new { booked = true } }, n => n.Policy.Compensate = true)
            .Node("boom", "fail", new { message = "No seats" })
            .Node("unbook", undoType, undoSettings)
            .Chain("start", "book", "boom")
            .Connect("book", "unbook", "compensate")
            .Build();

        var handled = await StartAsync(Booking("handled", "transform", new { fields = new { unbooked = true } }));
        var unhandled = await StartAsync(Booking("unhandled", "fail", new { message = "Booking service down" }));
        await WaitForStatusAsync(handled.Id, ExecutionStatus.Compensated);
        await WaitForStatusAsync(unhandled.Id, ExecutionStatus.CompensationFailed);

        Of("processstudio.executions.compensated").Select(m => m.Tags["workflow.id"]).Should().Equal(handled.WorkflowId.ToString());
        Of("processstudio.executions.compensation_failed").Select(m => m.Tags["workflow.id"]).Should().Equal(unhandled.WorkflowId.ToString());
        Of("processstudio.executions.completed").Should().BeEmpty();
        Of("processstudio.executions.failed").Should().BeEmpty();
        Of("processstudio.execution.duration").Select(m => m.Tags["execution.status"]).Should().BeEquivalentTo(["compensated", "compensationFailed"]);
    }

    [Fact]
    public async Task Node_durations_are_recorded_by_node_type_and_outcome()
    {
        var workflow = new WorkflowBuilder("timed")
            .Trigger()
            .Node("pause", "delay", new { duration = "30ms" })
            .Node("stop", "fail", new { message = "no" })
            .Chain("start", "pause", "stop")
            .Build();

        await RunAsync(workflow);

        var durations = Of("processstudio.node.duration");
        durations.Select(m => ((string)m.Tags["node.type"]!, (string)m.Tags["node.status"]!))
            .Should().BeEquivalentTo([("manual-trigger", "succeeded"), ("delay", "succeeded"), ("fail", "failed")]);
        durations.Single(m => (string)m.Tags["node.type"]! == "delay").Value.Should().BeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Running_executions_are_observable_while_a_worker_drives_them()
    {
        var workflow = new WorkflowBuilder("slow").Trigger().Node("pause", "delay", new { duration = "1m" }).Chain("start", "pause").Build();
        using var events = Host.Events.Subscribe(e => e is NodeStatusChanged { NodeId: "pause", Status: NodeExecutionStatus.Running });
        var started = await StartAsync(workflow);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using (var reader = events.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token))
            await reader.MoveNextAsync();   // the delay node started

        _listener!.RecordObservableInstruments();
        await Engine.CancelAsync(started.Id, CancellationToken.None);
        _listener.RecordObservableInstruments();

        Of("processstudio.executions.running").Select(m => m.Value).Should().Equal(1, 0);
        Of("processstudio.executions.cancelled").Should().ContainSingle();
    }

    [Fact]
    public async Task Queue_depth_counts_runs_waiting_for_a_worker()
    {
        await using var services = EngineServices.Build();   // no workers started: every run stays queued
        using var listener = ListenTo(services.GetRequiredService<IMeterFactory>());
        var workflow = new WorkflowBuilder("queued").Trigger().Build();
        var saved = await services.GetRequiredService<Persistence.IWorkflowStore>().SaveAsync(workflow, "test", CancellationToken.None);
        var engine = services.GetRequiredService<IWorkflowEngine>();
        for (var i = 0; i < 3; i++)
            await engine.StartAsync(new StartExecutionRequest { WorkflowId = saved.WorkflowId }, CancellationToken.None);

        listener.RecordObservableInstruments();

        Of("processstudio.queue.depth").Select(m => m.Value).Should().Equal(3);
    }
}
