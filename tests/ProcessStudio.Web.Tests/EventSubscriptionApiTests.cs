using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Webhooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>/api/v1/event-subscriptions: create, list, test delivery (signed, recorded), delete, and field-named 400s.</summary>
public sealed class EventSubscriptionApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Secret = "a-long-enough-secret";
    private readonly ApiClient _api = app.Api;

    [Theory]
    [InlineData("""{"url":"ftp://example.test/x","events":["execution.failed"],"secret":"a-long-enough-secret"}""", "url")]
    [InlineData("""{"url":"https://example.test/x","events":[],"secret":"a-long-enough-secret"}""", "events")]
    [InlineData("""{"url":"https://example.test/x","events":["execution.exploded"],"secret":"a-long-enough-secret"}""", "events")]
    [InlineData("""{"url":"https://example.test/x","events":["execution.failed"],"secret":"short"}""", "secret")]
    [InlineData("""{"url":"https://example.test/x","events":["execution.failed"],"secret":"a-long-enough-secret","workflowId":"7d5c3f3e-0000-4000-8000-000000000000"}""", "workflowId")]
    [InlineData("""{"url":"http://169.254.169.254/latest","events":["execution.failed"],"secret":"a-long-enough-secret"}""", "url")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var response = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/event-subscriptions", body);

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain(field);
    }

    [Fact]
    public async Task A_test_event_reaches_the_receiver_signed_and_the_attempt_is_listed_until_the_subscription_is_deleted()
    {
        await using var receiver = await CountingHttpServer.StartAsync();
        var created = (await _api.PostAsync("/api/v1/event-subscriptions", new { url = receiver.Url("hook"), events = new[] { "execution.failed" }, secret = Secret }))
            .ShouldHave(HttpStatusCode.Created).Data;
        var id = created["id"]!.GetValue<Guid>();
        created.AsObject().ContainsKey("secret").Should().BeFalse("the secret is never shown again");
        (await _api.GetAsync("/api/v1/event-subscriptions")).Data.AsArray().Select(s => s!["id"]!.GetValue<Guid>()).Should().Contain(id);

        (await _api.PostAsync($"/api/v1/event-subscriptions/{id}/test")).ShouldHave(HttpStatusCode.Accepted);

        var attempts = await WaitForAttemptsAsync(id);
        attempts[0]!["statusCode"]!.GetValue<int>().Should().Be(200);
        attempts[0]!["eventType"]!.GetValue<string>().Should().Be("subscription.test");
        var post = receiver.Posts("hook").Should().ContainSingle().Subject;
        WebhookSignature.IsValidSignature(post.Headers["X-Signature"], post.Body, Secret, long.Parse(post.Headers["X-Webhook-Timestamp"])).Should().BeTrue();
        JsonNode.Parse(Encoding.UTF8.GetString(post.Body))!["subscriptionId"]!.GetValue<string>().Should().Be(id.ToString());

        (await _api.DeleteAsync($"/api/v1/event-subscriptions/{id}")).ShouldHave(HttpStatusCode.OK);
        (await _api.GetAsync($"/api/v1/event-subscriptions/{id}/attempts")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_and_deleting_a_subscription_is_audited_like_other_admin_changes()
    {
        var created = (await _api.PostAsync("/api/v1/event-subscriptions", new { url = "https://example.test/audited", events = new[] { "execution.failed" }, secret = Secret }))
            .ShouldHave(HttpStatusCode.Created).Data;
        var id = created["id"]!.GetValue<Guid>();
        (await _api.DeleteAsync($"/api/v1/event-subscriptions/{id}")).ShouldHave(HttpStatusCode.OK);

        var audit = (await _api.GetAsync($"/api/v1/audit?targetId={id}")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray();
        audit.Select(a => a!["action"]!.GetValue<string>()).Should().Equal("subscription.delete", "subscription.create");
        audit.Should().OnlyContain(a => a!["targetType"]!.GetValue<string>() == "subscription" && a["targetName"]!.GetValue<string>() == "https://example.test/audited");
        audit.ToJsonString().Should().NotContain(Secret, "the secret is never recorded");
    }

    private async Task<JsonArray> WaitForAttemptsAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var attempts = (await _api.GetAsync($"/api/v1/event-subscriptions/{id}/attempts")).ShouldHave(HttpStatusCode.OK).Data.AsArray();
            if (attempts.Count > 0) return attempts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No delivery attempt was recorded.");
            await Task.Delay(50);
        }
    }
}
