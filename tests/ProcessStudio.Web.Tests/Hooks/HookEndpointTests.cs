using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Webhooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hooks;

/// <summary>/hooks over real HTTP: what starts a run, and what is refused before anything starts.</summary>
public sealed class HookEndpointTests(HookFixture app) : IClassFixture<HookFixture>
{
    private const string Secret = "hook-secret-1";
    private readonly ApiClient _api = app.Api;

    private static object Signed(string path) => new { path, method = "POST", authentication = "hmac-sha256", secret = Secret };

    /// <summary>The signature and the signed timestamp headers a sender puts on <paramref name="body"/>.</summary>
    private static (string, string)[] Signature(string body, string secret = Secret, long? unixSeconds = null)
    {
        var seconds = unixSeconds ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return [("X-Signature", WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), secret, seconds)), ("X-Webhook-Timestamp", seconds.ToString())];
    }

    [Fact]
    public async Task A_signed_request_starts_a_webhook_run_with_the_request_as_input()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Signed orders", Signed("orders/signed"), HookFixture.Log()));
        const string body = """{"order":42,"items":["a","b"]}""";

        var accepted = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/signed?source=shop", body, Signature(body)));

        accepted.ShouldHave(HttpStatusCode.Accepted);
        var executionId = accepted.Json["executionId"]!.GetValue<Guid>();
        var run = await _api.WaitForStatusAsync(executionId, "completed");
        var execution = run["execution"]!;
        execution["workflowId"]!.GetValue<Guid>().Should().Be(workflowId);
        execution["mode"]!.GetValue<string>().Should().Be("webhook");
        var input = execution["input"]!;
        input["body"]!.ToJsonString().Should().Be(body);
        input["method"]!.GetValue<string>().Should().Be("POST");
        input["path"]!.GetValue<string>().Should().Be("orders/signed");
        input["query"]!["source"]!.GetValue<string>().Should().Be("shop");
        input["headers"]!["x-signature"]!.GetValue<string>().Should().StartWith("sha256=");
    }

    [Fact]
    public async Task Unsigned_and_wrongly_signed_requests_are_refused_and_start_nothing()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Refused orders", Signed("orders/refused"), HookFixture.Log()));
        const string body = """{"order":1}""";

        var unsigned = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/refused", body));
        var wrongSecret = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/refused", body, Signature(body, "guess")));
        var otherBody = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/refused", body, Signature("""{"order":2}""")));

        unsigned.ShouldBeProblem(HttpStatusCode.Unauthorized);
        wrongSecret.ShouldBeProblem(HttpStatusCode.Forbidden);
        otherBody.ShouldBeProblem(HttpStatusCode.Forbidden);
        wrongSecret.Body.Should().NotContain(Secret);
        (await app.RunCountAsync(workflowId)).Should().Be(0);
    }

    [Fact]
    public async Task A_signed_request_is_accepted_once_and_a_changed_timestamp_breaks_the_signature()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Replayed orders", Signed("orders/replayed"), HookFixture.Log()));
        const string body = """{"order":5}""";
        var signed = Signature(body);
        var seconds = long.Parse(signed[1].Item2);

        var first = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/replayed", body, signed));
        var replay = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/replayed", body, signed));
        var restamped = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/replayed", body,
            signed[0], ("X-Webhook-Timestamp", (seconds + 1).ToString())));
        var malformed = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/replayed", body, signed[0], ("X-Webhook-Timestamp", "soon")));

        first.ShouldHave(HttpStatusCode.Accepted);
        replay.ShouldBeProblem(HttpStatusCode.Conflict);
        restamped.ShouldBeProblem(HttpStatusCode.Forbidden);   // the timestamp is part of what is signed
        malformed.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain("X-Webhook-Timestamp");
        (await app.RunCountAsync(workflowId)).Should().Be(1);
    }

    [Fact]
    public async Task Signed_requests_outside_the_time_window_or_without_a_timestamp_are_refused()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Stale orders", Signed("orders/stale"), HookFixture.Log()));
        const string body = """{"order":6}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var tooOld = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/stale", body, Signature(body, unixSeconds: now - 400)));
        var tooNew = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/stale", body, Signature(body, unixSeconds: now + 400)));
        var unstamped = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/stale", body,
            ("X-Signature", WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Secret))));

        tooOld.ShouldBeProblem(HttpStatusCode.Forbidden);
        tooNew.ShouldBeProblem(HttpStatusCode.Forbidden);
        unstamped.ShouldBeProblem(HttpStatusCode.Unauthorized).Body.Should().Contain("X-Webhook-Timestamp");
        (await app.RunCountAsync(workflowId)).Should().Be(0);
    }

    [Fact]
    public async Task A_token_hook_needs_the_exact_token_and_keeps_it_out_of_the_run()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Token hook",
            new { path = "token", method = "PUT", authentication = "header-token", headerName = "X-Api-Token", secret = Secret }, HookFixture.Log()));

        var missing = await _api.SendAsync(HookFixture.Request(HttpMethod.Put, "token", "{}"));
        var wrong = await _api.SendAsync(HookFixture.Request(HttpMethod.Put, "token", "{}", ("X-Api-Token", "nope")));
        (await app.RunCountAsync(workflowId)).Should().Be(0);
        var right = await _api.SendAsync(HookFixture.Request(HttpMethod.Put, "token", "{}", ("X-Api-Token", Secret)));

        missing.ShouldBeProblem(HttpStatusCode.Unauthorized);
        wrong.ShouldBeProblem(HttpStatusCode.Forbidden);
        right.ShouldHave(HttpStatusCode.Accepted);
        var run = await _api.WaitForStatusAsync(right.Json["executionId"]!.GetValue<Guid>(), "completed");
        run["execution"]!["input"]!["headers"]!.AsObject().Select(h => h.Key).Should().NotContain("x-api-token");
        run.ToJsonString().Should().NotContain(Secret);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_starts_nothing()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Big orders", Signed("orders/big"), HookFixture.Log()));
        var body = $$"""{"blob":"{{new string('x', HookFixture.MaxBodyBytes)}}"}""";

        var declared = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "orders/big", body, Signature(body)));
        var streamed = await SendChunkedAsync("orders/big", body, Signature(body));

        declared.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        streamed.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await app.RunCountAsync(workflowId)).Should().Be(0);
    }

    [Fact]
    public async Task A_body_declared_json_that_is_not_gets_400_and_starts_nothing()
    {
        var workflowId = await _api.CreateWorkflowAsync(HookFixture.Flow("Broken JSON", new { path = "broken" }, HookFixture.Log()));

        var response = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "broken", "{\"order\":"));

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().Equal("body");
        (await app.RunCountAsync(workflowId)).Should().Be(0);
    }

    [Fact]
    public async Task A_text_body_arrives_as_text()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Text hook", new { path = "text" }, HookFixture.Log()));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/text") { Content = new StringContent("plain words", Encoding.UTF8, "text/plain") };

        var accepted = (await _api.SendAsync(request)).ShouldHave(HttpStatusCode.Accepted);

        var run = await _api.WaitForStatusAsync(accepted.Json["executionId"]!.GetValue<Guid>(), "completed");
        run["execution"]!["input"]!["body"]!.GetValue<string>().Should().Be("plain words");
    }

    [Fact]
    public async Task The_wrong_method_gets_405_with_allow_and_an_unknown_path_gets_404()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Post only", new { path = "post-only", method = "POST" }, HookFixture.Log()));

        using var wrongMethod = await _api.Http.SendAsync(HookFixture.Request(HttpMethod.Get, "post-only"));
        var unknown = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "nobody-listens", "{}"));

        wrongMethod.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        wrongMethod.Content.Headers.Allow.Should().Equal("POST");
        unknown.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_get_429_with_retry_after()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Limited", new { path = "limited" }, HookFixture.Log()));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= HookFixture.PermitLimit; i++)
        {
            last?.Dispose();
            last = await _api.Http.SendAsync(HookFixture.Request(HttpMethod.Post, "limited", "{}"));
            statuses.Add(last.StatusCode);
        }

        statuses.Take(HookFixture.PermitLimit).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
        last!.Headers.RetryAfter.Should().NotBeNull();
        (await last.Content.ReadAsStringAsync()).Should().Contain("rate limit");
        last.Dispose();
    }

    /// <summary>A body without Content-Length, so only the server's reading can notice its size.</summary>
    private async Task<HttpStatusCode> SendChunkedAsync(string path, string body, (string Name, string Value)[] headers)
    {
        var request = HookFixture.Request(HttpMethod.Post, path, null, headers);
        request.Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        request.Content.Headers.ContentType = new("application/json");
        using var response = await _api.Http.SendAsync(request);
        return response.StatusCode;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
