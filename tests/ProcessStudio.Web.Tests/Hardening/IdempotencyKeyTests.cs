using System.Net;
using System.Text;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening;

/// <summary>
/// Idempotency-Key on run starts: a client whose connection dropped retries with the same key and gets the run its
/// first request started, never a second one.
/// </summary>
public sealed class IdempotencyKeyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    private static HttpRequestMessage Start(Guid workflowId, string key, object? input = null) =>
        WithKey(new HttpRequestMessage(HttpMethod.Post, "/api/v1/executions")
        {
            Content = new StringContent(ApiClient.Serialize(new { workflowId, input }), Encoding.UTF8, "application/json"),
        }, key);

    private static HttpRequestMessage Execute(Guid workflowId, string key, string body) =>
        WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/process-engine/executions/processes/execute?processID={workflowId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, key);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private async Task<int> RunCountAsync(Guid workflowId) =>
        (await _api.GetAsync($"/api/v1/executions?workflowId={workflowId}")).ShouldHave(HttpStatusCode.OK).Data["total"]!.GetValue<int>();

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_first_run()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent start"));
        var key = Guid.NewGuid().ToString();

        using var first = await _api.Http.SendAsync(Start(workflowId, key, new { name = "Ada" }));
        using var retry = await _api.Http.SendAsync(Start(workflowId, key, new { name = "Ada" }));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await RunCountAsync(workflowId)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_starts_nothing()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent mismatch"));
        var key = Guid.NewGuid().ToString();
        (await _api.SendAsync(Start(workflowId, key, new { name = "Ada" }))).ShouldHave(HttpStatusCode.Created);

        var other = await _api.SendAsync(Start(workflowId, key, new { name = "Grace" }));

        other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity).ErrorFields.Should().Contain("Idempotency-Key");
        (await RunCountAsync(workflowId)).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_start_one_run()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent burst"));
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.SendAsync(Start(workflowId, key))));

        responses.Should().OnlyContain(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict);
        responses.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Data["id"]!.GetValue<Guid>()).Distinct().Should().ContainSingle();
        (await RunCountAsync(workflowId)).Should().Be(1);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent callers"));
        var (operatorApi, _) = await app.Factory.ClientWithKeyAsync(_api, Roles.Operator, $"op-{Guid.NewGuid():N}");
        var key = Guid.NewGuid().ToString();

        var mine = (await _api.SendAsync(Start(workflowId, key))).ShouldHave(HttpStatusCode.Created).Data["id"]!.GetValue<Guid>();
        var theirs = (await operatorApi.SendAsync(Start(workflowId, key))).ShouldHave(HttpStatusCode.Created).Data["id"]!.GetValue<Guid>();

        theirs.Should().NotBe(mine);
    }

    [Fact]
    public async Task The_seed_execute_route_honours_the_key()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent seed route"));
        var key = Guid.NewGuid().ToString();

        var first = (await _api.SendAsync(Execute(workflowId, key, """{"name":"Ada"}"""))).ShouldHave(HttpStatusCode.OK);
        var retry = (await _api.SendAsync(Execute(workflowId, key, """{"name":"Ada"}"""))).ShouldHave(HttpStatusCode.OK);
        var other = await _api.SendAsync(Execute(workflowId, key, """{"name":"Grace"}"""));

        retry.Data["executionId"]!.GetValue<Guid>().Should().Be(first.Data["executionId"]!.GetValue<Guid>());
        other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await RunCountAsync(workflowId)).Should().Be(1);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_a_400_naming_the_header(string key)
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello($"Idempotent bad key {Guid.NewGuid():N}"));

        var response = await _api.SendAsync(Start(workflowId, key));

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain("Idempotency-Key");
        (await RunCountAsync(workflowId)).Should().Be(0);
    }

    [Fact]
    public async Task A_key_of_201_characters_is_a_400()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Idempotent long key"));

        (await _api.SendAsync(Start(workflowId, new string('k', 201)))).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
