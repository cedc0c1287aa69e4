using System.Net;
using System.Net.Sockets;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening;

/// <summary>
/// A second instance started by mistake on a taken port over the same data folder exits without touching a run: the
/// port is bound before interrupted runs are recovered and before any worker starts.
/// </summary>
public sealed class BusyPortStartTests
{
    [Fact]
    public async Task An_instance_that_cannot_bind_its_port_recovers_and_runs_nothing()
    {
        using var folder = new TempFolder();
        await using var counter = await CountingHttpServer.StartAsync();
        var steps = Enumerable.Range(1, 6).Select(i => $"busy{i}").ToList();
        var workflow = TestWorkflows.HttpSteps(steps.Select(s => counter.Url(s, 300)).ToList(), "Interrupted");

        Guid executionId;
        await using (var first = await AppProcess.StartAsync(folder.Path))
        {
            var workflowId = await first.Api.CreateWorkflowAsync(workflow);
            executionId = await first.Api.StartAsync(workflowId);
            await first.Api.WaitForExecutionAsync(executionId, d => d["nodes"]!.AsArray().Count(n => n!["status"]!.GetValue<string>() == "succeeded") >= 3);
            first.Kill();   // leaves the run "running" in the store, for the next start to recover
        }
        var recordsAtKill = (await StoreReader.NodeExecutionsAsync(folder.Path, executionId)).Count;
        var hitsAtKill = steps.Sum(counter.Hits);

        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var (exitCode, output) = await AppProcess.RunUntilExitAsync(folder.Path, ((IPEndPoint)squatter.LocalEndpoint).Port, TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0, output);
        output.Should().Contain("address already in use", "the failure names the taken port");
        output.Should().NotContain("Recovered");
        await Task.Delay(1_000);   // anything the failed instance had started would reach the server by now
        steps.Sum(counter.Hits).Should().Be(hitsAtKill, "no step ran in the instance that could not bind");
        (await StoreReader.NodeExecutionsAsync(folder.Path, executionId)).Should().HaveCount(recordsAtKill);
        (await StoreReader.ExecutionAsync(folder.Path, executionId))!.Status.Should().Be(ExecutionStatus.Running, "the run waits for a working instance");
    }
}
