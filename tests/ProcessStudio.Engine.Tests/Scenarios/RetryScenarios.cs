using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Retrying finished runs: from the start, from the failed node with its saved memory, or from any node that ran.</summary>
public abstract class RetryScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private WorkflowDefinition OrderWorkflow() => new WorkflowBuilder("order")
        .Trigger()
        .Node("prepare", "set-variables", new { variables = WorkflowBuilder.Vars(("order", "{{ $input.order }}")) })
        .Node("call", "http-request", new { url = _server.Url("/orders") }, n => n.Policy.RetryPolicy = RetryPolicyNames.None)
        .Node("finish", "transform", new { fields = new { order = "{{ $vars.order }}", status = "{{ $json.status }}" } })
        .Chain("start", "prepare", "call", "finish")
        .Build();

    [Fact]
    public async Task Retry_from_the_failed_node_reuses_the_saved_memory()
    {
        _server.Script("/orders", new Reply(500, "{}"), new Reply(200, "{}"));
        var failed = await RunAsync(OrderWorkflow(), new JsonObject { ["order"] = "A-1" });
        failed.Status.Should().Be(ExecutionStatus.Failed);

        var retry = await Engine.RetryAsync(failed.Id, RetryMode.FromFailedNode, null, CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        retry.RetryOf.Should().Be(failed.Id);
        retry.Mode.Should().Be(ExecutionMode.Retry);
        retry.RetryCount.Should().Be(1);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!.ToJsonString().Should().Be("""{"order":"A-1","status":200}""");
        (await TraceAsync(retry.Id)).Should().Equal("call:Succeeded:out", "finish:Succeeded:out");
    }

    [Fact]
    public async Task Retry_from_start_runs_every_node_again_with_the_same_input()
    {
        _server.Script("/orders", new Reply(500, "{}"), new Reply(200, "{}"));
        var failed = await RunAsync(OrderWorkflow(), new JsonObject { ["order"] = "B-2" });

        var retry = await Engine.RetryAsync(failed.Id, RetryMode.FromStart, null, CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Input!["order"]!.GetValue<string>().Should().Be("B-2");
        (await TraceAsync(retry.Id)).Should().Equal("start:Succeeded:out", "prepare:Succeeded:out", "call:Succeeded:out", "finish:Succeeded:out");
    }

    [Fact]
    public async Task Retry_from_a_node_restarts_there_with_the_memory_it_had()
    {
        _server.Script("/orders", new Reply(200, "{}"));
        var completed = await RunAsync(OrderWorkflow(), new JsonObject { ["order"] = "C-3" });
        completed.Status.Should().Be(ExecutionStatus.Completed);

        var retry = await Engine.RetryAsync(completed.Id, RetryMode.FromNode, "call", CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Output!["order"]!.GetValue<string>().Should().Be("C-3");
        (await TraceAsync(retry.Id)).Should().Equal("call:Succeeded:out", "finish:Succeeded:out");
        _server.Hits("/orders").Should().Be(2);
    }

    [Theory]
    [InlineData(RetryVersion.Original, 1, "v1")]
    [InlineData(RetryVersion.Current, 2, "v2")]
    public async Task Retry_from_the_failed_node_runs_the_chosen_version(RetryVersion version, int expectedVersion, string expectedMark)
    {
        _server.Script("/orders", new Reply(500, "{}"), new Reply(200, "{}"));
        var original = OrderWorkflow();
        original.FindNode("finish")!.Settings["fields"]!["mark"] = "v1";
        var failed = await RunAsync(original, new JsonObject { ["order"] = "D-4" });
        failed.Status.Should().Be(ExecutionStatus.Failed);
        // The fix is saved as version 2 of the same workflow after the failure.
        original.FindNode("finish")!.Settings["fields"]!["mark"] = "v2";
        await Host.Workflows.SaveAsync(original, "fix", CancellationToken.None);

        var retry = await Engine.RetryAsync(failed.Id, RetryMode.FromFailedNode, null, version, CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        retry.WorkflowVersion.Should().Be(expectedVersion);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["mark"]!.GetValue<string>().Should().Be(expectedMark);
        done.Output!["order"]!.GetValue<string>().Should().Be("D-4");   // the saved memory carried over
        (await TraceAsync(retry.Id)).Should().Equal("call:Succeeded:out", "finish:Succeeded:out");
    }

    [Fact]
    public async Task Retry_on_a_current_version_without_the_failed_node_is_refused()
    {
        _server.Script("/orders", new Reply(500, "{}"));
        var workflow = OrderWorkflow();
        var failed = await RunAsync(workflow, new JsonObject { ["order"] = "E-5" });
        workflow.Nodes.RemoveAll(n => n.Id == "call");
        workflow.Connections.RemoveAll(c => c.SourceNodeId == "call" || c.TargetNodeId == "call");
        workflow.Connections.Add(new Connection("prepare", "out", "finish"));
        await Host.Workflows.SaveAsync(workflow, "without call", CancellationToken.None);

        var retry = () => Engine.RetryAsync(failed.Id, RetryMode.FromFailedNode, null, RetryVersion.Current, CancellationToken.None);

        await retry.Should().ThrowAsync<CheckpointInvalidException>().WithMessage("*'call'*");
    }

    [Fact]
    public async Task Retry_needs_a_finished_run_and_a_node_that_ran()
    {
        var running = await StartAsync(new WorkflowBuilder("slow").Trigger().Node("wait", "delay", new { duration = "10s" }).Chain("start", "wait").Build());
        var retryRunning = () => Engine.RetryAsync(running.Id, RetryMode.FromStart, null, CancellationToken.None);
        await retryRunning.Should().ThrowAsync<InvalidTransitionException>();
        await Engine.CancelAsync(running.Id, CancellationToken.None);

        var fromUnknownNode = () => Engine.RetryAsync(running.Id, RetryMode.FromNode, "nope", CancellationToken.None);
        await fromUnknownNode.Should().ThrowAsync<ArgumentException>().Where(e => e.ParamName == "fromNodeId");
    }
}

public sealed class InMemoryRetryScenarios : RetryScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
