using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>A hub client on one instance follows runs another instance drives, event for event.</summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class LiveFanOutTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task A_hub_client_on_one_instance_receives_every_event_of_a_run_on_another_once_and_in_order()
    {
        await using var hubs = await HubsOnBoth.StartAsync();

        var (seenAtA, seenAtB) = await hubs.RunOnBAsync();

        seenAtB.Should().Contain(c => c.StartsWith("log:")).And.Contain(c => c.StartsWith("nodeUpdate:"));
        seenAtA.Should().Equal(seenAtB, "the other instance shows the same events, in the same order, each once");
    }

    [PostgresFact]
    public async Task After_its_listener_connection_is_killed_an_instance_reconnects_and_again_receives_every_event_once()
    {
        await using var hubs = await HubsOnBoth.StartAsync();
        await hubs.RunOnBAsync();

        await hubs.Cluster.KillListenerAsync(hubs.Cluster.A, MaxWait);
        var (seenAtA, seenAtB) = await hubs.RunOnBAsync();

        seenAtA.Should().Equal(seenAtB);
    }

    [PostgresFact]
    public async Task A_run_that_moves_while_the_listener_is_down_shows_its_final_state_after_the_reconnect()
    {
        await using var cluster = await TwoInstances.StartAsync();
        using var timeout = new CancellationTokenSource(MaxWait);
        await using var atA = await JoinedAllAsync(cluster.A, timeout.Token);
        var workflowId = await cluster.ApiB.CreateWorkflowAsync(TestWorkflows.Delays(3, "300ms"));
        var executionId = await cluster.ApiB.StartAsync(workflowId);
        await cluster.ApiB.WaitForStatusAsync(executionId, "running", "waiting");

        await cluster.KillListenerAsync(cluster.A, MaxWait);

        var calls = await atA.CollectUntilAsync(c => IsFinished(c, executionId), timeout.Token);
        calls.Last().Payload["status"]!.GetValue<string>().Should().Be("completed");
        var lastStateByNode = calls.Where(c => c.Method == "nodeUpdate" && IsOf(c, executionId))
            .GroupBy(c => c.Payload["nodeId"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Last().Payload["state"]!.GetValue<string>());
        lastStateByNode.Should().Contain(new Dictionary<string, string> { ["wait1"] = "succeeded", ["wait2"] = "succeeded", ["wait3"] = "succeeded" });
    }

    private static async Task<HubTestClient> JoinedAllAsync(AppFactory app, CancellationToken cancellationToken)
    {
        var client = await HubTestClient.ConnectAsync(app.Server, TestCredentials.AdminApiKey, cancellationToken);
        await client.InvokeAsync("JoinAll");
        return client;
    }

    private static bool IsFinished(HubTestClient.HubCall call, Guid executionId) =>
        call.Method == "executionUpdate" && IsOf(call, executionId) && call.Payload["status"]!.GetValue<string>() is "completed" or "failed" or "cancelled";

    private static bool IsOf(HubTestClient.HubCall call, Guid executionId) => call.Payload["executionId"]!.GetValue<Guid>() == executionId;

    /// <summary>The run's calls as comparable text: method and the whole payload.</summary>
    private static List<string> Describe(List<HubTestClient.HubCall> calls, Guid executionId) =>
        calls.Where(c => IsOf(c, executionId)).Select(c => $"{c.Method}:{c.Payload.ToJsonString()}").ToList();

    /// <summary>A cluster with a hub client on each instance, following every run, and a workflow saved on B.</summary>
    private sealed class HubsOnBoth : IAsyncDisposable
    {
        private readonly CancellationTokenSource _timeout = new(MaxWait);
        private HubTestClient _atA = null!;
        private HubTestClient _atB = null!;
        private Guid _workflowId;

        public TwoInstances Cluster { get; private init; } = null!;

        public static async Task<HubsOnBoth> StartAsync()
        {
            var hubs = new HubsOnBoth { Cluster = await TwoInstances.StartAsync() };
            hubs._atA = await JoinedAllAsync(hubs.Cluster.A, hubs._timeout.Token);
            hubs._atB = await JoinedAllAsync(hubs.Cluster.B, hubs._timeout.Token);
            hubs._workflowId = await hubs.Cluster.ApiB.CreateWorkflowAsync(TestWorkflows.Hello());
            return hubs;
        }

        /// <summary>Starts a run on B and returns what each hub client received of it, up to its end.</summary>
        public async Task<(List<string> AtA, List<string> AtB)> RunOnBAsync()
        {
            var executionId = await Cluster.ApiB.StartAsync(_workflowId, new { name = "cluster" });
            var seenAtB = await _atB.CollectUntilAsync(c => IsFinished(c, executionId), _timeout.Token);
            var seenAtA = await _atA.CollectUntilAsync(c => IsFinished(c, executionId), _timeout.Token);
            return (Describe(seenAtA, executionId), Describe(seenAtB, executionId));
        }

        public async ValueTask DisposeAsync()
        {
            await _atA.DisposeAsync();
            await _atB.DisposeAsync();
            await Cluster.DisposeAsync();
            _timeout.Dispose();
        }
    }
}
