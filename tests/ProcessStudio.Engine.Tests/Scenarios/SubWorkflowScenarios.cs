using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>The Sub-workflow node: child runs, parking the parent, failures, cancel cascade, the depth guard and restarts.</summary>
public abstract class SubWorkflowScenarios : EngineScenarioBase
{
    private const int MaxDepth = 3;

    protected override void ConfigureEngine(EngineOptions options) => options.MaxSubWorkflowDepth = MaxDepth;

    private static WorkflowDefinition Doubler(string delay = "1ms") => new WorkflowBuilder("doubler")
        .Trigger()
        .Node("pause", "delay", new { duration = delay })
        .Node("double", "transform", new { fields = new { total = "{{ $input.n * 2 }}" } })
        .Chain("start", "pause", "double")
        .Build();

    private static WorkflowDefinition Calling(Guid childWorkflowId, object? extraSettings = null, string name = "parent")
    {
        var settings = WorkflowBuilder.ToObject(new { workflow = childWorkflowId.ToString(), input = new { n = "{{ $input?.n }}" } });
        foreach (var (key, value) in WorkflowBuilder.ToObject(extraSettings)) settings[key] = value?.DeepClone();
        return new WorkflowBuilder(name)
            .Trigger()
            .Node("call", "sub-workflow", settings, n => n.Name = "Call doubler")
            .Node("after", "transform", new { fields = new { fromChild = "{{ $json.total }}" } })
            .Chain("start", "call", "after")
            .Build();
    }

    private static WorkflowDefinition Failing() => new WorkflowBuilder("failing child")
        .Trigger()
        .Node("boom", "fail", new { message = "Out of stock" })
        .Chain("start", "boom")
        .Build();

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) =>
        (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private async Task<IReadOnlyList<ExecutionRecord>> ChildrenAsync(Guid parentId) =>
        (await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = parentId }, CancellationToken.None)).Items;

    private async Task<ExecutionRecord> WaitForChildAsync(Guid parentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await ChildrenAsync(parentId)).FirstOrDefault() is { } child) return child;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Execution {parentId} started no child run.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_parent_continues_with_the_child_runs_output()
    {
        var doubler = await SaveAsync(Doubler());

        var parent = await RunAsync(Calling(doubler), new JsonObject { ["n"] = 21 });

        parent.Status.Should().Be(ExecutionStatus.Completed, parent.ErrorMessage);
        parent.Output!["fromChild"]!.ToJsonString().Should().Be("42");
        var child = (await ChildrenAsync(parent.Id)).Should().ContainSingle().Subject;
        child.Status.Should().Be(ExecutionStatus.Completed);
        child.Mode.Should().Be(ExecutionMode.SubWorkflow);
        child.WorkflowId.Should().Be(doubler);
        child.Input!["n"]!.ToJsonString().Should().Be("21");
        (await NodeRunsAsync(parent.Id, "call")).Last().Output!["total"]!.ToJsonString().Should().Be("42");
    }

    [Fact]
    public async Task The_parent_parks_as_waiting_while_the_child_runs()
    {
        var doubler = await SaveAsync(Doubler(delay: "1s"));

        var parent = await StartAsync(Calling(doubler), new JsonObject { ["n"] = 5 });
        var waiting = await WaitForStatusAsync(parent.Id, ExecutionStatus.Waiting, ExecutionStatus.Completed, ExecutionStatus.Failed);
        var child = await WaitForChildAsync(parent.Id);

        waiting.Status.Should().Be(ExecutionStatus.Waiting, "the parent holds no worker while its child runs");
        (await Executions.GetAsync(child.Id, CancellationToken.None))!.Status.IsFinished().Should().BeFalse();
        var done = await WaitForStatusAsync(parent.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["fromChild"]!.ToJsonString().Should().Be("10");
    }

    [Fact]
    public async Task A_failed_child_fails_the_node_naming_the_child_run()
    {
        var failing = await SaveAsync(Failing());

        var parent = await RunAsync(Calling(failing));

        var child = (await ChildrenAsync(parent.Id)).Single();
        parent.Status.Should().Be(ExecutionStatus.Failed);
        parent.ErrorNodeId.Should().Be("call");
        parent.ErrorMessage.Should().Contain("Call doubler").And.Contain(child.Id.ToString()).And.Contain("Out of stock");
    }

    [Fact]
    public async Task Retrying_from_the_failed_sub_workflow_node_starts_a_new_child_run()
    {
        var failing = await SaveAsync(Failing());
        var parent = await RunAsync(Calling(failing));
        var firstChild = (await ChildrenAsync(parent.Id)).Single();

        var retry = await Engine.RetryAsync(parent.Id, RetryMode.FromFailedNode, null, CancellationToken.None);
        var retried = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled);

        var retryChild = (await ChildrenAsync(retry.Id)).Should().ContainSingle("the retry runs the sub-workflow again instead of reading the old child").Subject;
        retryChild.Id.Should().NotBe(firstChild.Id);
        retried.ErrorMessage.Should().Contain(retryChild.Id.ToString());
        (await ChildrenAsync(parent.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_failed_child_goes_to_the_error_port_when_the_node_does_not_fail()
    {
        var failing = await SaveAsync(Failing());
        var workflow = Calling(failing, new { failOnChildFailure = false });
        workflow.Nodes.Add(new NodeDefinition { Id = "handled", Name = "handled", Type = "transform", Settings = WorkflowBuilder.ToObject(new { fields = new { reason = "{{ $json.error }}" } }) });
        workflow.Connections.Add(new Connection("call", "error", "handled"));

        var parent = await RunAsync(workflow);

        parent.Status.Should().Be(ExecutionStatus.Completed, parent.ErrorMessage);
        parent.Output!["reason"]!.GetValue<string>().Should().Contain("Out of stock");
        (await NodeRunsAsync(parent.Id, "after")).Should().OnlyContain(n => n.Status == NodeExecutionStatus.Skipped);
    }

    [Fact]
    public async Task Cancelling_the_parent_cancels_the_child_and_the_grandchild()
    {
        var sleeper = await SaveAsync(new WorkflowBuilder("sleeper").Trigger().Node("sleep", "delay", new { duration = "30s" }).Chain("start", "sleep").Build());
        var middle = await SaveAsync(Calling(sleeper, name: "middle"));

        var parent = await StartAsync(Calling(middle));
        var child = await WaitForChildAsync(parent.Id);
        var grandchild = await WaitForChildAsync(child.Id);
        await WaitForNodeAsync(grandchild.Id, "sleep", NodeExecutionStatus.Waiting);
        await Engine.CancelAsync(parent.Id, CancellationToken.None);

        (await WaitForStatusAsync(child.Id, ExecutionStatus.Cancelled, ExecutionStatus.Completed, ExecutionStatus.Failed)).Status.Should().Be(ExecutionStatus.Cancelled);
        (await WaitForStatusAsync(grandchild.Id, ExecutionStatus.Cancelled, ExecutionStatus.Completed, ExecutionStatus.Failed)).Status.Should().Be(ExecutionStatus.Cancelled);
    }

    private Task<Guid> SaveSleeperAsync() =>
        SaveAsync(new WorkflowBuilder("sleeper").Trigger().Node("sleep", "delay", new { duration = "30s" }).Chain("start", "sleep").Build());

    /// <summary>The run finished, the Sub-workflow node ended cancelled with a finish time, and its child run was cancelled too.</summary>
    private async Task ChildWasCancelledWithItsBranchAsync(ExecutionRecord parent)
    {
        parent.Status.Should().Be(ExecutionStatus.Completed, parent.ErrorMessage);
        var call = (await NodeRunsAsync(parent.Id, "call")).Should().ContainSingle().Subject;
        call.Status.Should().Be(NodeExecutionStatus.Cancelled);
        call.FinishedAt.Should().NotBeNull();
        var child = (await ChildrenAsync(parent.Id)).Should().ContainSingle().Subject;
        (await WaitForStatusAsync(child.Id, ExecutionStatus.Cancelled, ExecutionStatus.Completed, ExecutionStatus.Failed)).Status
            .Should().Be(ExecutionStatus.Cancelled, "nobody waits for the child once its branch was cancelled");
    }

    [Fact]
    public async Task A_cancel_node_on_the_branch_cancels_the_waiting_child_run()
    {
        var sleeper = await SaveSleeperAsync();
        var workflow = new WorkflowBuilder("cancel-child")
            .Trigger()
            .Node("call", "sub-workflow", new { workflow = sleeper.ToString() })
            .Node("after", "log", new { message = "never" })
            .Node("timer", "delay", new { duration = "600ms" })
            .Node("give-up", "cancel", new { target = "branch", node = "call" })
            .Chain("start", "call", "after").Chain("start", "timer", "give-up")
            .Build();

        var parent = await RunAsync(workflow);

        await ChildWasCancelledWithItsBranchAsync(parent);
        (await NodeRunsAsync(parent.Id, "after")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_race_lost_by_a_waiting_sub_workflow_cancels_its_child_run()
    {
        var sleeper = await SaveSleeperAsync();
        var workflow = new WorkflowBuilder("race-child")
            .Trigger()
            .Node("call", "sub-workflow", new { workflow = sleeper.ToString() })
            .Node("fast", "delay", new { duration = "600ms" })
            .Node("J", "join", new { mode = "first", onRemaining = "cancel" })
            .Node("after", "transform", new { fields = new { winner = "fast" } })
            .Chain("start", "fast", "J", "after").Chain("start", "call", "J")
            .Build();

        var parent = await RunAsync(workflow);

        await ChildWasCancelledWithItsBranchAsync(parent);
        parent.Output!["winner"]!.GetValue<string>().Should().Be("fast");
    }

    [Fact]
    public async Task End_cancels_the_child_run_of_a_waiting_sub_workflow()
    {
        var sleeper = await SaveSleeperAsync();
        var workflow = new WorkflowBuilder("end-child")
            .Trigger()
            .Node("call", "sub-workflow", new { workflow = sleeper.ToString() })
            .Node("fast", "delay", new { duration = "600ms" })
            .Node("end", "end")
            .Chain("start", "fast", "end").Chain("start", "call")
            .Build();

        var parent = await RunAsync(workflow);

        await ChildWasCancelledWithItsBranchAsync(parent);
    }

    [Fact]
    public async Task Runaway_recursion_stops_at_the_depth_limit_with_an_error_naming_the_node()
    {
        var recursive = new WorkflowBuilder("recursive").Trigger().Build();
        recursive.Nodes.Add(new NodeDefinition { Id = "again", Name = "Call myself", Type = "sub-workflow", Settings = WorkflowBuilder.ToObject(new { workflow = recursive.Id.ToString() }) });
        recursive.Connections.Add(new Connection("start", "out", "again"));

        var top = await RunAsync(recursive);

        top.Status.Should().Be(ExecutionStatus.Failed);
        var depth = 0;
        var deepest = top;
        while ((await ChildrenAsync(deepest.Id)).SingleOrDefault() is { } child)
        {
            deepest = await WaitForStatusAsync(child.Id, ExecutionStatus.Failed, ExecutionStatus.Completed, ExecutionStatus.Cancelled);
            depth++;
        }
        depth.Should().Be(MaxDepth);
        deepest.ErrorMessage.Should().Contain("Call myself").And.Contain($"at most {MaxDepth} levels");
        top.ErrorMessage.Should().Contain($"at most {MaxDepth} levels", "the reason travels up to the top-level run");
    }

    [Fact]
    public async Task A_parent_waiting_across_a_restart_continues_when_its_child_finishes()
    {
        var doubler = await SaveAsync(Doubler(delay: "1500ms"));
        var parent = await StartAsync(Calling(doubler), new JsonObject { ["n"] = 4 });
        await WaitForStatusAsync(parent.Id, ExecutionStatus.Waiting);
        var child = await WaitForChildAsync(parent.Id);
        await WaitForNodeAsync(child.Id, "pause", NodeExecutionStatus.Waiting);

        await RestartHostAsync();
        await Engine.RecoverAsync(CancellationToken.None);

        var done = await WaitForStatusAsync(parent.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["fromChild"]!.ToJsonString().Should().Be("8");
        (await ChildrenAsync(parent.Id)).Should().ContainSingle("the restarted parent found its child instead of starting another");
    }
}

public sealed class InMemorySubWorkflowScenarios : SubWorkflowScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
