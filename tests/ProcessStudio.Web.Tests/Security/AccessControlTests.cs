using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

public sealed class AccessControlTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _admin = app.Api;

    [Fact]
    public async Task An_API_key_works_with_its_role_and_once_revoked_gets_401()
    {
        var workflowId = await _admin.CreateWorkflowAsync(TestWorkflows.Hello("Key run"));
        var (operatorApi, keyId) = await app.Factory.ClientWithKeyAsync(_admin, Roles.Operator, "ci-runner");

        (await operatorApi.PostAsync("/api/v1/executions", new { workflowId })).ShouldHave(HttpStatusCode.Created);
        var listed = (await _admin.GetAsync("/api/v1/api-keys")).ShouldHave(HttpStatusCode.OK).Data.AsArray();
        listed.Should().Contain(k => k!["name"]!.GetValue<string>() == "ci-runner");
        listed.Should().OnlyContain(k => k!["key"] == null && k["hash"] == null, "a key is shown once, at creation");

        (await _admin.DeleteAsync($"/api/v1/api-keys/{keyId}")).ShouldHave(HttpStatusCode.OK);

        (await operatorApi.PostAsync("/api/v1/executions", new { workflowId })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await operatorApi.GetAsync("/api/v1/workflows")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_API_key_gets_401()
    {
        var client = app.Factory.AnonymousClient();
        client.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, "psk_not-a-real-key-000000000000000000000");
        (await new ApiClient(client).GetAsync("/api/v1/workflows")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_API_key_in_the_query_string_is_refused_outside_the_hub()
    {
        using var anonymous = app.Factory.AnonymousClient();
        var response = await new ApiClient(anonymous).GetAsync($"/api/v1/workflows?access_token={TestCredentials.AdminApiKey}");
        response.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_key_and_accepts_its_access_token()
    {
        var refused = () => app.Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/hubs/executions"), CancellationToken.None);
        (await refused.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*401*");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var client = await HubTestClient.ConnectAsync(app.Factory.Server, TestCredentials.AdminApiKey, timeout.Token);
    }

    [Fact]
    public async Task Run_pause_resume_and_cancel_are_audited_with_the_actor_and_noted_in_the_run_log()
    {
        var workflowId = await _admin.CreateWorkflowAsync(TestWorkflows.Delays(3, "00:00:05", "Audited run"));
        var (operatorApi, _) = await app.Factory.ClientWithKeyAsync(_admin, Roles.Operator, "night-shift");

        var executionId = (await operatorApi.PostAsync("/api/v1/executions", new { workflowId })).ShouldHave(HttpStatusCode.Created).Data["id"]!.GetValue<Guid>();
        await _admin.WaitForStatusAsync(executionId, "running");
        (await operatorApi.PostAsync($"/api/v1/executions/{executionId}/pause")).ShouldHave(HttpStatusCode.OK);
        await _admin.WaitForStatusAsync(executionId, "paused");
        (await operatorApi.PostAsync($"/api/v1/executions/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        (await operatorApi.PostAsync($"/api/v1/executions/{executionId}/cancel")).ShouldHave(HttpStatusCode.OK);

        var audit = (await _admin.GetAsync($"/api/v1/audit?targetId={executionId}")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray();
        audit.Select(a => a!["action"]!.GetValue<string>()).Should().Equal("execution.cancel", "execution.resume", "execution.pause", "execution.run");
        audit.Should().OnlyContain(a => a!["actor"]!.GetValue<string>() == "API key 'night-shift'" && a["targetType"]!.GetValue<string>() == "execution");

        var logs = (await _admin.GetAsync($"/api/v1/executions/{executionId}/logs?limit=1000")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray();
        logs.Select(l => l!["message"]!.GetValue<string>()).Should().Contain(["Started by API key 'night-shift'", "Paused by API key 'night-shift'", "Cancelled by API key 'night-shift'"]);
    }

    [Fact]
    public async Task The_audit_list_filters_by_actor_and_action_and_refuses_an_unknown_action()
    {
        await _admin.CreateWorkflowAsync(TestWorkflows.Hello("Audit filter"));

        var created = (await _admin.GetAsync("/api/v1/audit?action=workflow.create&actor=initial-admin")).ShouldHave(HttpStatusCode.OK).Data;
        created["items"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(a => a!["action"]!.GetValue<string>() == "workflow.create");
        (await _admin.GetAsync("/api/v1/audit?action=teleport")).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("action");
    }

    [Fact]
    public async Task A_user_signs_in_with_the_login_form_and_the_cookie_stops_working_once_the_admin_disables_them()
    {
        var user = (await _admin.PostAsync("/api/v1/users", new { userName = "vera", password = "vera-password-1", role = Roles.Viewer }))
            .ShouldHave(HttpStatusCode.Created).Data;
        using var browser = app.Factory.AnonymousClient();

        var signIn = await browser.SignInAsync("vera", "vera-password-1");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookieApi = new ApiClient(browser);
        (await cookieApi.GetAsync("/api/v1/workflows")).ShouldHave(HttpStatusCode.OK);
        (await cookieApi.PostAsync("/api/v1/workflows", TestWorkflows.Hello("Viewer save"))).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await _admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{user["id"]}", new { disabled = true })).ShouldHave(HttpStatusCode.OK);

        (await cookieApi.GetAsync("/api/v1/workflows")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await browser.SignInAsync("vera", "vera-password-1")).StatusCode.Should().Be(HttpStatusCode.OK, "a disabled user sees the form again");
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_that_user_out_of_the_form_even_with_the_right_one()
    {
        foreach (var name in new[] { "tara", "uma" })
            (await _admin.PostAsync("/api/v1/users", new { userName = name, password = $"{name}-password-1", role = Roles.Viewer })).ShouldHave(HttpStatusCode.Created);
        using var browser = app.Factory.AnonymousClient();

        for (var i = 1; i < 5; i++)
            (await (await browser.SignInAsync("tara", $"guess-{i}")).Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong");
        var fifth = await (await browser.SignInAsync("tara", "guess-5")).Content.ReadAsStringAsync();
        var withTheRightPassword = await browser.SignInAsync("tara", "tara-password-1");

        fifth.Should().Contain("Too many failed sign-ins");
        withTheRightPassword.StatusCode.Should().Be(HttpStatusCode.OK, "a locked-out user is not signed in, whatever the password");
        (await withTheRightPassword.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
        (await browser.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await browser.SignInAsync("uma", "uma-password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect, "other users are not affected");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_without_a_session()
    {
        using var browser = app.Factory.AnonymousClient();
        var response = await browser.SignInAsync(TestCredentials.AdminUserName, "not-the-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong");
        (await browser.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_redirect_to_the_login_page_with_the_return_url()
    {
        using var anonymous = app.Factory.AnonymousClient();
        var response = await anonymous.GetAsync("/executions?status=failed");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/login?returnUrl=%2Fexecutions%3Fstatus%3Dfailed");
    }

    [Fact]
    public async Task The_login_form_refuses_a_post_without_the_antiforgery_token()
    {
        using var anonymous = app.Factory.AnonymousClient();
        var response = await anonymous.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = TestCredentials.AdminUserName, ["Input.Password"] = TestCredentials.AdminPassword,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Users_cannot_lock_out_the_last_admin_and_bad_input_names_the_field()
    {
        var users = (await _admin.GetAsync("/api/v1/users")).ShouldHave(HttpStatusCode.OK).Data.AsArray();
        var adminId = users.Single(u => u!["userName"]!.GetValue<string>() == TestCredentials.AdminUserName)!["id"]!.GetValue<Guid>();

        (await _admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{adminId}", new { role = Roles.Viewer })).ShouldBeProblem(HttpStatusCode.Conflict);
        (await _admin.PostAsync("/api/v1/users", new { userName = "shorty", password = "short", role = Roles.Editor }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("password");
        (await _admin.PostAsync("/api/v1/users", new { userName = "bob", password = "long-enough-1", role = "Superuser" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("role");
        (await _admin.PostAsync("/api/v1/users", new { userName = TestCredentials.AdminUserName.ToUpperInvariant(), password = "long-enough-1", role = Roles.Editor }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("userName");
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/v1/health")]
    [InlineData("/api/v1/workflows")]
    public async Task Responses_carry_the_security_headers(string path)
    {
        using var anonymous = app.Factory.AnonymousClient();
        var response = await anonymous.GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
    }
}
