using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>A failed run starts its workflow's error workflow with the failure details, once, and never in a loop.</summary>
public abstract class ErrorWorkflowScenarios : EngineScenarioBase
{
    /// <summary>An error workflow that reports what it was told.</summary>
    private static WorkflowDefinition Reporter() => new WorkflowBuilder("alerts")
        .Trigger()
        .Node("report", "transform", new
        {
            fields = new
            {
                message = "{{ $input.error.message }}",
                node = "{{ $input.error.nodeName }}",
                url = "{{ $input.execution.url }}",
                workflow = "{{ $input.execution.workflowName }}",
            },
        })
        .Chain("start", "report")
        .Build();

    private static WorkflowDefinition Failing(string name, Guid? errorWorkflowId) => new WorkflowBuilder(name)
        .Trigger()
        .Node("charge", "fail", new { message = "Card declined for order {{ $input.order }}" }, n => n.Name = "Charge card")
        .Chain("start", "charge")
        .Settings(s => s.ErrorWorkflowId = errorWorkflowId)
        .Build();

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) =>
        (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private async Task<ExecutionRecord> WaitForErrorRunAsync(Guid failedId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runs = await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = failedId, Mode = ExecutionMode.ErrorWorkflow }, CancellationToken.None);
            if (runs.Items.Count > 0)
                return await WaitForStatusAsync(runs.Items.Single().Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No error workflow run was started for {failedId}.");
            await Task.Delay(10);
        }
    }

    private async Task<IReadOnlyList<ExecutionRecord>> ErrorRunsOfAsync(Guid executionId) =>
        (await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = executionId }, CancellationToken.None)).Items;

    /// <summary>
    /// Runs a second failure through the same listener and waits for its error run. Failures are handled in order, so
    /// afterwards every earlier failure has been handled too: what did not start by then never will.
    /// </summary>
    private async Task DrainFailuresAsync()
    {
        var reporter = await SaveAsync(Reporter());
        var sentinel = await RunAsync(Failing("sentinel", reporter), new JsonObject { ["order"] = 0 });
        await WaitForErrorRunAsync(sentinel.Id);
    }

    [Fact]
    public async Task A_failed_run_starts_its_error_workflow_with_the_failure_details()
    {
        var reporter = await SaveAsync(Reporter());

        var failed = await RunAsync(Failing("orders", reporter), new JsonObject { ["order"] = 7 });
        var errorRun = await WaitForErrorRunAsync(failed.Id);

        failed.Status.Should().Be(ExecutionStatus.Failed);
        errorRun.Status.Should().Be(ExecutionStatus.Completed, errorRun.ErrorMessage);
        errorRun.WorkflowId.Should().Be(reporter);
        errorRun.Mode.Should().Be(ExecutionMode.ErrorWorkflow);
        errorRun.ParentExecutionId.Should().Be(failed.Id);
        var input = errorRun.Input!.AsObject();
        input["execution"]!["id"]!.GetValue<string>().Should().Be(failed.Id.ToString());
        input["execution"]!["workflowId"]!.GetValue<string>().Should().Be(failed.WorkflowId.ToString());
        input["error"]!["nodeId"]!.GetValue<string>().Should().Be("charge");
        input["mode"]!.GetValue<string>().Should().Be("manual");
        input["startedAt"].Should().NotBeNull();
        input["stoppedAt"].Should().NotBeNull();
        errorRun.Output!["message"]!.GetValue<string>().Should().Contain("Card declined for order 7");
        errorRun.Output!["node"]!.GetValue<string>().Should().Be("Charge card");
        errorRun.Output!["url"]!.GetValue<string>().Should().Be($"/executions/{failed.Id}");
        errorRun.Output!["workflow"]!.GetValue<string>().Should().Be("orders");
    }

    [Fact]
    public async Task A_run_whose_checkpoint_cannot_be_read_after_a_restart_fails_and_starts_its_error_workflow()
    {
        var reporter = await SaveAsync(Reporter());
        var workflow = new WorkflowBuilder("nightly")
            .Trigger()
            .Node("wait", "delay", new { duration = "2s" })
            .Chain("start", "wait")
            .Settings(s => s.ErrorWorkflowId = reporter)
            .Build();
        var run = await StartAsync(workflow);
        await WaitForNodeAsync(run.Id, "wait", NodeExecutionStatus.Waiting);

        await RestartHostAsync(whileStopped: async stores =>
        {
            var record = (await stores.Executions.GetAsync(run.Id, CancellationToken.None))!;
            await stores.Executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = record.Version,
                Checkpoint = new Checkpoint(run.Id, 99, "{ this is not a checkpoint", true, DateTimeOffset.UtcNow),
            }, CancellationToken.None);
        });
        await Engine.RecoverAsync(CancellationToken.None);
        var failed = await WaitForStatusAsync(run.Id, ExecutionStatus.Failed, ExecutionStatus.Completed);
        var errorRun = await WaitForErrorRunAsync(run.Id);

        failed.Status.Should().Be(ExecutionStatus.Failed);
        failed.ErrorMessage.Should().Contain("checkpoint is not readable");
        errorRun.Status.Should().Be(ExecutionStatus.Completed, errorRun.ErrorMessage);
        errorRun.Output!["message"]!.GetValue<string>().Should().Contain("checkpoint is not readable");
    }

    [Fact]
    public async Task An_error_workflow_that_fails_does_not_start_itself_again()
    {
        var selfHandling = Failing("broken alerts", errorWorkflowId: null);
        selfHandling.Settings.ErrorWorkflowId = selfHandling.Id;   // its own error workflow: the loop the guard prevents
        await SaveAsync(selfHandling);

        var failed = await RunAsync(Failing("orders", selfHandling.Id), new JsonObject { ["order"] = 7 });
        var errorRun = await WaitForErrorRunAsync(failed.Id);
        await DrainFailuresAsync();

        errorRun.Status.Should().Be(ExecutionStatus.Failed);
        (await ErrorRunsOfAsync(errorRun.Id)).Should().BeEmpty("an error workflow run's failure never starts another error workflow");
        (await ErrorRunsOfAsync(failed.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_cancelled_run_does_not_start_its_error_workflow()
    {
        var reporter = await SaveAsync(Reporter());
        var slow = new WorkflowBuilder("slow")
            .Trigger()
            .Node("wait", "delay", new { duration = "30s" })
            .Chain("start", "wait")
            .Settings(s => s.ErrorWorkflowId = reporter)
            .Build();

        var run = await StartAsync(slow);
        await WaitForNodeAsync(run.Id, "wait", NodeExecutionStatus.Waiting);
        await Engine.CancelAsync(run.Id, CancellationToken.None);
        await DrainFailuresAsync();

        (await ErrorRunsOfAsync(run.Id)).Should().BeEmpty();
    }
}

public sealed class InMemoryErrorWorkflowScenarios : ErrorWorkflowScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
