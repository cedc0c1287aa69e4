using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;
using Xunit.Abstractions;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>
/// Three real app processes on one PostgreSQL database share 300 runs; one is killed with SIGKILL mid-way and started
/// again later. Every run completes, no run's HTTP node is ever in flight on two instances at once, and a schedule
/// that fires every two seconds on all three instances starts one run per fire time.
/// </summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Runs = 300;
    private const int CallDelayMs = 150;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    [PostgresFact]
    public async Task Three_instances_finish_every_run_when_one_is_killed_and_restarted()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CallRecordingServer.StartAsync();
        using var folders = new TempFolder();
        var settings = database.AppSettings();
        settings["ProcessStudio:Engine:RunLeaseDuration"] = Lease.ToString();
        settings["ProcessStudio:Scheduling:PollInterval"] = "00:00:00.200";
        // One after another: the first creates the schema and the admin, the others find them.
        var apps = new List<AppProcess>();
        for (var i = 0; i < 3; i++)
            apps.Add(await AppProcess.StartAsync(Path.Combine(folders.Path, $"instance{i}"), settings));
        try
        {
            var workflowId = await apps[0].Api.CreateWorkflowAsync(DelayCallSet(server));
            var scheduleId = await apps[0].Api.CreateWorkflowAsync(EveryTwoSeconds());
            (await apps[1].Api.PostAsync($"/api/v1/workflows/{scheduleId}/activate")).ShouldHave(System.Net.HttpStatusCode.OK);

            using var starting = new SemaphoreSlim(12);
            var started = await Task.WhenAll(Enumerable.Range(0, Runs).Select(async i =>
            {
                await starting.WaitAsync();
                try
                {
                    return await apps[i % 3].Api.StartAsync(workflowId);
                }
                finally
                {
                    starting.Release();
                }
            }));
            await WaitForAsync(database, workflowId, completed => completed >= Runs / 3);

            apps[1].Kill();
            var completedAtKill = await CompletedAsync(database, workflowId);
            output.WriteLine($"Killed instance 1 with {completedAtKill} runs completed");
            completedAtKill.Should().BeLessThan(Runs, "the kill came mid-way");
            await Task.Delay(Lease * 2);
            apps[1] = await AppProcess.StartAsync(Path.Combine(folders.Path, "instance1"), settings);

            await WaitForAsync(database, workflowId, completed => completed == Runs);
            (await apps[2].Api.PostAsync($"/api/v1/workflows/{scheduleId}/deactivate")).ShouldHave(System.Net.HttpStatusCode.OK);

            (await database.ScalarAsync($"SELECT COUNT(*) FROM \"Executions\" WHERE \"WorkflowId\" = '{workflowId}' AND \"Status\" <> 3"))
                .Should().Be(0, "every run completed");
            (await database.ScalarAsync($"SELECT COUNT(*) FROM \"NodeExecutions\" n JOIN \"Executions\" e ON e.\"Id\" = n.\"ExecutionId\" " +
                                        $"WHERE e.\"WorkflowId\" = '{workflowId}' AND n.\"NodeId\" = 'call' AND n.\"Status\" = {(int)Engine.Execution.NodeExecutionStatus.Succeeded}"))
                .Should().Be(Runs, "each run's call node succeeded once in the store");
            AssertNoRunCalledFromTwoInstancesAtOnce(server.Calls, started);
            await AssertEachFireStartedOneRunAsync(database, scheduleId);
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }

    private void AssertNoRunCalledFromTwoInstancesAtOnce(IReadOnlyList<CallRecordingServer.Call> calls, IReadOnlyList<Guid> started)
    {
        var byRun = calls.GroupBy(c => c.Run).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Arrived).ToList());
        byRun.Keys.Should().BeEquivalentTo(started.Select(id => id.ToString()), "every run made its call");
        foreach (var (run, runCalls) in byRun)
            for (var i = 1; i < runCalls.Count; i++)
                runCalls[i].Arrived.Should().BeOnOrAfter(runCalls[i - 1].Answered, $"run {run} called again only after its previous call ended");
        var repeated = byRun.Values.Count(c => c.Count > 1);
        output.WriteLine($"{calls.Count} calls for {Runs} runs; {repeated} runs called again after a takeover");
        // Only calls in flight on the killed instance run again: at most one per worker it had.
        repeated.Should().BeLessThanOrEqualTo(new Hosting.EngineSettings().MaxWorkers);
    }

    private static async Task AssertEachFireStartedOneRunAsync(PostgresTestDatabase database, Guid scheduleId)
    {
        var fires = await database.ScalarAsync($"SELECT COUNT(*) FROM \"ScheduleFires\" WHERE \"WorkflowId\" = '{scheduleId}'");
        var runs = await database.ScalarAsync($"SELECT COUNT(*) FROM \"Executions\" WHERE \"WorkflowId\" = '{scheduleId}'");
        var fireTimes = await database.ScalarAsync(
            $"SELECT COUNT(DISTINCT v.\"Json\"::json ->> 'scheduledFor') FROM \"ExecutionValues\" v JOIN \"Executions\" e ON e.\"Id\" = v.\"ExecutionId\" " +
            $"WHERE e.\"WorkflowId\" = '{scheduleId}' AND v.\"Key\" = 'input'");
        fires.Should().BeGreaterThan(2, "the schedule fired during the test");
        runs.Should().Be(fires, "one run per claimed fire");
        fireTimes.Should().Be(runs, "no fire time started two runs");
    }

    private static WorkflowDefinition DelayCallSet(CallRecordingServer server)
    {
        var workflow = TestWorkflows.Chain("Delay, call, set",
            TestWorkflows.Node("wait", "delay", new JsonObject { ["duration"] = "3s" }),
            TestWorkflows.Node("call", "http-request", new JsonObject
            {
                ["method"] = "GET",
                ["url"] = $"{server.BaseUrl}/call?run={{{{ $execution.id }}}}&delayMs={CallDelayMs}",
            }),
            TestWorkflows.Node("done", "set-variables", new JsonObject
            {
                ["variables"] = new JsonArray(new JsonObject { ["name"] = "greeting", ["value"] = "called {{ $json.run }}" }),
            }));
        workflow.Settings.DefaultRetryPolicy = RetryPolicyNames.None;
        return workflow;
    }

    private static WorkflowDefinition EveryTwoSeconds() => new()
    {
        Name = "Every two seconds",
        Nodes = [TestWorkflows.Node("tick", "schedule-trigger", new JsonObject { ["cron"] = "*/2 * * * * *", ["timezone"] = "UTC", ["misfirePolicy"] = "skip" })],
    };

    private static Task<long> CompletedAsync(PostgresTestDatabase database, Guid workflowId) =>
        database.ScalarAsync($"SELECT COUNT(*) FROM \"Executions\" WHERE \"WorkflowId\" = '{workflowId}' AND \"Status\" = 3");

    private static async Task WaitForAsync(PostgresTestDatabase database, Guid workflowId, Func<long, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        long completed;
        while (!done(completed = await CompletedAsync(database, workflowId)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {completed} of {Runs} runs completed.");
            await Task.Delay(200);
        }
    }
}
