using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Pinned outputs: a designer test run uses them instead of running the node; production starts ignore them.</summary>
public abstract class PinnedOutputScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private WorkflowDefinition PinnedCallWorkflow() => new WorkflowBuilder("pinned")
        .Trigger()
        .Node("call", "http-request", new { url = _server.Url("/orders") }, n => n.PinnedOutput = new JsonObject { ["status"] = 201, ["body"] = new JsonObject { ["id"] = "pinned-7" } })
        .Node("finish", "transform", new { fields = new { id = "{{ $json.body.id }}", status = "{{ $node.call.status }}" } })
        .Chain("start", "call", "finish")
        .Build();

    private async Task<ExecutionRecord> RunInModeAsync(WorkflowDefinition workflow, ExecutionMode mode)
    {
        var saved = await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None);
        var started = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = saved.WorkflowId, Mode = mode }, CancellationToken.None);
        return await WaitForStatusAsync(started.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
    }

    [Fact]
    public async Task A_test_run_uses_the_pinned_output_instead_of_running_the_node()
    {
        _server.Script("/orders", new Reply(200, """{"id":"live"}"""));

        var done = await RunInModeAsync(PinnedCallWorkflow(), ExecutionMode.Test);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!.ToJsonString().Should().Be("""{"id":"pinned-7","status":201}""");
        _server.Hits("/orders").Should().Be(0);
        var call = (await NodeRunsAsync(done.Id, "call")).Single();
        call.Pinned.Should().BeTrue();
        call.Attempts.Should().Be(0);
        call.Status.Should().Be(NodeExecutionStatus.Succeeded);
        call.OutputPort.Should().Be("out");
        (await NodeRunsAsync(done.Id, "finish")).Single().Pinned.Should().BeFalse();
    }

    [Theory]
    [InlineData(ExecutionMode.Manual)]
    [InlineData(ExecutionMode.Api)]
    [InlineData(ExecutionMode.Webhook)]
    [InlineData(ExecutionMode.Schedule)]
    public async Task Production_starts_ignore_pins_and_run_the_node(ExecutionMode mode)
    {
        _server.Script("/orders", new Reply(200, """{"id":"live"}"""));

        var done = await RunInModeAsync(PinnedCallWorkflow(), mode);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["id"]!.GetValue<string>().Should().Be("live");
        _server.Hits("/orders").Should().Be(1);
        (await NodeRunsAsync(done.Id, "call")).Single().Pinned.Should().BeFalse();
    }

    [Fact]
    public async Task A_pinned_branching_node_leaves_by_its_first_port()
    {
        var workflow = new WorkflowBuilder("branch")
            .Trigger()
            .Node("check", "if", new { condition = "false" }, n => n.PinnedOutput = new JsonObject { ["pinned"] = true })
            .Node("yes", "transform", new { fields = new { branch = "true" } })
            .Node("no", "transform", new { fields = new { branch = "false" } })
            .Connect("start", "check").Connect("check", "yes", "true").Connect("check", "no", "false")
            .Build();

        var done = await RunInModeAsync(workflow, ExecutionMode.Test);

        (await TraceAsync(done.Id)).Should().Contain("check:Succeeded:true").And.Contain("yes:Succeeded:out");
    }
}

public sealed class InMemoryPinnedOutputScenarios : PinnedOutputScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
