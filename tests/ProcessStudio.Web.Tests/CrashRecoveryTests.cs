using ProcessStudio.Engine.Execution;
using Xunit.Abstractions;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>The real executable, killed with SIGKILL mid-run and started again over the same data folder.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int StepDelayMs = 400;

    [Fact]
    public async Task A_run_killed_mid_step_completes_after_restart_and_only_the_step_in_flight_runs_again()
    {
        using var folder = new TempFolder();
        await using var counter = await CountingHttpServer.StartAsync();
        var steps = Enumerable.Range(1, 8).Select(i => $"step{i}").ToList();
        var workflow = TestWorkflows.HttpSteps(steps.Select(s => counter.Url(s, StepDelayMs)).ToList(), "Crash me");

        Guid executionId;
        await using (var doomed = await AppProcess.StartAsync(folder.Path))
        {
            var workflowId = await doomed.Api.CreateWorkflowAsync(workflow);
            executionId = await doomed.Api.StartAsync(workflowId);
            await doomed.Api.WaitForExecutionAsync(executionId, detail => SucceededSteps(detail) >= 2);
            doomed.Kill();
        }

        var committed = (await StoreReader.NodeExecutionsAsync(folder.Path, executionId))
            .Where(n => n.Status == NodeExecutionStatus.Succeeded && n.NodeId.StartsWith("step"))
            .Select(n => n.NodeId)
            .ToHashSet();
        var hitsAtCrash = steps.ToDictionary(s => s, counter.Hits);
        committed.Should().BeEquivalentTo(steps.Take(committed.Count), "a linear run commits its steps in order");
        committed.Count.Should().BeInRange(2, steps.Count - 1, "the kill came after two steps and before the last one");
        var inFlight = steps[committed.Count];
        output.WriteLine($"Killed with {committed.Count} steps committed; {inFlight} was in flight; hits at the crash: {string.Join(", ", hitsAtCrash)}");
        steps.Where(s => s != inFlight && !committed.Contains(s)).Should().OnlyContain(s => hitsAtCrash[s] == 0, "later steps had not started");

        await using (var restarted = await AppProcess.StartAsync(folder.Path))
        {
            var detail = await restarted.Api.WaitForStatusAsync(executionId, "completed", "failed", "cancelled");
            detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", restarted.Output);
        }

        var records = await StoreReader.NodeExecutionsAsync(folder.Path, executionId);
        foreach (var nodeId in steps.Prepend("start"))
            records.Count(r => r.NodeId == nodeId && r.Status == NodeExecutionStatus.Succeeded).Should().Be(1, $"{nodeId} succeeded exactly once in the store");
        records.Should().NotContain(r => r.Status == NodeExecutionStatus.Running, "no activation is left running");
        foreach (var step in steps)
        {
            var expected = committed.Contains(step) ? 1 : hitsAtCrash[step] + 1;
            counter.Hits(step).Should().Be(expected,
                $"{step} was {(committed.Contains(step) ? "committed before the crash and must not run again" : step == inFlight ? "in flight and re-runs once" : "not started and runs once")}");
        }
    }

    [Fact]
    public async Task The_app_prints_its_address_and_writes_its_log_file_in_the_data_folder()
    {
        using var folder = new TempFolder();

        await using (var app = await AppProcess.StartAsync(folder.Path))
        {
            app.Output.Should().Contain($"ProcessStudio is running at {app.BaseUrl}");
        }

        Directory.GetFiles(Path.Combine(folder.Path, "logs"), "processstudio-*.log").Should().NotBeEmpty();
        File.Exists(Path.Combine(folder.Path, "processstudio.db")).Should().BeTrue();
    }

    private static int SucceededSteps(System.Text.Json.Nodes.JsonNode detail) =>
        detail["nodes"]!.AsArray().Count(n => n!["nodeId"]!.GetValue<string>().StartsWith("step") && n["status"]!.GetValue<string>() == "succeeded");
}
