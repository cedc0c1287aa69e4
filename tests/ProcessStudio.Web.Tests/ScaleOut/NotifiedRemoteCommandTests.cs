using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Data.Cluster;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution.Remote;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>
/// A command for a run another instance drives wakes that instance over the cluster channel: with its poll set to an
/// hour the command is still applied. When the notice never arrives, the poll still applies it.
/// </summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class NotifiedRemoteCommandTests(NotifiedRemoteCommandTests.PollingHourly instances)
    : IClassFixture<NotifiedRemoteCommandTests.PollingHourly>
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task A_pause_and_a_cancel_sent_to_the_other_instance_wake_the_instance_driving_the_run()
    {
        var workflowId = await instances.A.Api.CreateWorkflowAsync(SlowCalls(instances.Server.BaseUrl));
        var run = await instances.B.Api.StartAsync(workflowId);
        var driver = await instances.DriverAsync(run, instances.A, instances.B);
        var other = driver == instances.A ? instances.B : instances.A;

        var paused = await other.Api.PostAsync($"/api/v1/executions/{run}/pause");

        paused.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("paused");
        (await other.Api.PostAsync($"/api/v1/executions/{run}/resume")).ShouldHave(HttpStatusCode.OK);
        driver = await instances.DriverAsync(run, instances.A, instances.B);
        other = driver == instances.A ? instances.B : instances.A;
        var cancelled = await other.Api.PostAsync($"/api/v1/executions/{run}/cancel");
        cancelled.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("cancelled");
    }

    [PostgresFact]
    public async Task Without_notices_the_instance_driving_the_run_finds_the_command_at_its_next_poll()
    {
        await using var server = await CallRecordingServer.StartAsync();
        await using var cluster = await TwoInstances.StartAsync(services => services.AddSingleton<IClusterChannel>(
            sp => new WithoutCommandNotices(sp.GetRequiredService<PostgresClusterChannel>())));
        var workflowId = await cluster.ApiA.CreateWorkflowAsync(SlowCalls(server.BaseUrl));
        var run = await cluster.ApiB.StartAsync(workflowId);
        var driver = await cluster.DriverAsync(run, MaxWait);
        var other = driver == cluster.A ? cluster.ApiB : cluster.ApiA;

        var paused = await other.PostAsync($"/api/v1/executions/{run}/pause");

        paused.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("paused");
        (await other.PostAsync($"/api/v1/executions/{run}/cancel")).ShouldHave(HttpStatusCode.OK);
    }

    private static WorkflowDefinition SlowCalls(string baseUrl) =>
        TestWorkflows.HttpSteps([.. Enumerable.Repeat($"{baseUrl}/call?run={{{{ $execution.id }}}}&delayMs=400", 40)], "Slow calls");

    /// <summary>Two app processes whose poll for commands runs once an hour: only a notice can wake them in time.</summary>
    public sealed class PollingHourly() : TwoAppProcesses(new Dictionary<string, string>
    {
        ["ProcessStudio:Engine:RemoteCommands:PollInterval"] = "01:00:00",
    });

    /// <summary>The PostgreSQL channel with the command notices dropped on sending, as if every one of them were lost.</summary>
    private sealed class WithoutCommandNotices(PostgresClusterChannel channel) : IClusterChannel, IHostedService
    {
        public bool IsShared => channel.IsShared;

        public string InstanceId => channel.InstanceId;

        public Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken) =>
            topic == RunCommandListener.Topic ? Task.CompletedTask : channel.PublishAsync(topic, messages, cancellationToken);

        public IDisposable Subscribe(string topic, IClusterTopicHandler handler) => channel.Subscribe(topic, handler);

        public Task StartAsync(CancellationToken cancellationToken) => channel.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => channel.StopAsync(cancellationToken);
    }
}
