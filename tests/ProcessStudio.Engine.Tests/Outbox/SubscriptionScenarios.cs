using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Subscriptions;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Tests.Outbox;

/// <summary>Outbound event subscriptions: signed POSTs from the outbox, retried with backoff, every attempt recorded.</summary>
public abstract class SubscriptionScenarios : EngineScenarioBase
{
    private const string Secret = "s3cret-for-the-receiver";
    private readonly LocalHttpServer _receiver = new();

    protected override void ConfigureEngine(EngineOptions options)
    {
        options.Outbox.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(50);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<EventSubscription> SubscribeAsync(string path, string[] events, Guid? workflowId = null)
    {
        var subscription = new EventSubscription(Guid.NewGuid(), _receiver.Url(path), events, workflowId, Secret, DateTimeOffset.UtcNow);
        await Host.Get<IEventSubscriptionStore>().AddAsync(subscription, CancellationToken.None);
        return subscription;
    }

    private static WorkflowDefinition Hello() => new WorkflowBuilder("hello").Trigger().Node("say", "log", new { message = "hi" }).Chain("start", "say").Build();

    private async Task<IReadOnlyList<LocalHttpServer.Received>> WaitForRequestsAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_receiver.Requests(path).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} received {_receiver.Requests(path).Count} of {count} requests.");
            await Task.Delay(20);
        }
        return _receiver.Requests(path);
    }

    private static bool SignatureIsValid(LocalHttpServer.Received request) =>
        WebhookSignature.IsValidSignature(request.Headers[SubscriptionDelivery.SignatureHeader], request.Body, Secret,
            long.Parse(request.Headers[SubscriptionDelivery.TimestampHeader]!));

    [Fact]
    public async Task A_completed_run_is_posted_signed_and_retried_after_the_receiver_answers_500_twice()
    {
        _receiver.Script("/hook", new LocalHttpServer.Reply(500, "{\"error\":\"busy\"}"), new LocalHttpServer.Reply(500), new LocalHttpServer.Reply(200, "{\"ok\":true}"));
        var subscription = await SubscribeAsync("/hook", [RunEventTypes.Completed]);

        var run = await RunAsync(Hello());

        var requests = await WaitForRequestsAsync("/hook", 3);
        requests.Should().OnlyContain(r => SignatureIsValid(r), "every attempt is signed with the subscription's secret");
        requests.Select(r => r.Headers[SubscriptionDelivery.DeliveryHeader]).Distinct().Should().ContainSingle("the retries carry the same delivery id");
        requests.Should().OnlyContain(r => r.Headers[SubscriptionDelivery.EventHeader] == "execution.completed");
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(requests[0].Body))!;
        payload["type"]!.GetValue<string>().Should().Be("execution.completed");
        payload["execution"]!["id"]!.GetValue<string>().Should().Be(run.Id.ToString());

        var attempts = await WaitForAttemptsAsync(subscription.Id, 3);
        attempts.OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.StatusCode)).Should().Equal((1, 500), (2, 500), (3, 200));
        attempts.Single(a => a.Attempt == 1).Response.Should().Contain("busy");
        var delivery = (await Host.Outbox.QueryAsync(new() { SubscriptionId = subscription.Id }, CancellationToken.None)).Items.Single();
        delivery.State.Should().Be(OutboxState.Done);
        (attempts.Single(a => a.Attempt == 3).At - attempts.Single(a => a.Attempt == 1).At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150),
            "the second retry waits twice as long as the first (50 ms, then 100 ms)");
    }

    [Fact]
    public async Task Only_subscribers_of_that_event_and_workflow_receive_it()
    {
        _receiver.Script("/all", new LocalHttpServer.Reply(204)).Script("/failures", new LocalHttpServer.Reply(204)).Script("/other", new LocalHttpServer.Reply(204));
        await SubscribeAsync("/failures", [RunEventTypes.Failed]);
        await SubscribeAsync("/other", [RunEventTypes.Completed], workflowId: Guid.NewGuid());
        await SubscribeAsync("/all", [.. RunEventTypes.Public]);

        var run = await RunAsync(Hello());

        await WaitForRequestsAsync("/all", 1);
        await Task.Delay(300);   // time for any wrong delivery to arrive
        _receiver.Hits("/failures").Should().Be(0);
        _receiver.Hits("/other").Should().Be(0);
        _receiver.Hits("/all").Should().Be(1, $"one event for run {run.Id}");
    }

    [Fact]
    public async Task A_run_that_starts_waiting_for_an_approval_announces_approval_requested()
    {
        _receiver.Script("/approvals", new LocalHttpServer.Reply(200));
        await SubscribeAsync("/approvals", [RunEventTypes.ApprovalRequested]);
        var workflow = new WorkflowBuilder("approve").Trigger()
            .Node("ask", "wait-for-approval", new { title = "Pay invoice 7" }, n => n.Name = "Ask finance")
            .Chain("start", "ask").Build();

        var run = await StartAsync(workflow);

        var request = (await WaitForRequestsAsync("/approvals", 1)).Single();
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(request.Body))!;
        payload["type"]!.GetValue<string>().Should().Be("approval.requested");
        payload["execution"]!["id"]!.GetValue<string>().Should().Be(run.Id.ToString());
        payload["approval"]!["nodeId"]!.GetValue<string>().Should().Be("ask");
        payload["approval"]!["title"]!.GetValue<string>().Should().Be("Pay invoice 7");
    }

    private async Task<IReadOnlyList<DeliveryAttempt>> WaitForAttemptsAsync(Guid subscriptionId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var attempts = await Host.Get<IEventSubscriptionStore>().ListAttemptsAsync(subscriptionId, 100, CancellationToken.None);
            if (attempts.Count >= count) return attempts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{attempts.Count} of {count} attempts recorded.");
            await Task.Delay(20);
        }
    }
}

public sealed class InMemorySubscriptionScenarios : SubscriptionScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
