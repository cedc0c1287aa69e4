using System.Net;
using System.Text;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

/// <summary>
/// A state-changing API call made with the sign-in cookie needs a same-origin Origin (or Sec-Fetch-Site) and a JSON
/// body; a page on another site cannot start a run with the user's cookie. API-key calls are not affected.
/// </summary>
public sealed class CookieCsrfTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string ForeignOrigin = "https://evil.example";

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = app.Factory.AnonymousClient();
        (await browser.SignInAsync(TestCredentials.AdminUserName, TestCredentials.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    private static HttpRequestMessage StartRun(Guid workflowId, string? origin, string contentType = "application/json", string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/executions")
        {
            Content = new StringContent($$"""{"workflowId":"{{workflowId}}"}""", Encoding.UTF8, contentType),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    [Fact]
    public async Task A_cookie_call_from_another_origin_is_refused_and_starts_nothing()
    {
        var workflowId = await app.Api.CreateWorkflowAsync(TestWorkflows.Hello("CSRF target"));
        using var browser = await SignedInBrowserAsync();
        var api = new ApiClient(browser);

        var foreignJson = await api.SendAsync(StartRun(workflowId, ForeignOrigin));
        var foreignText = await api.SendAsync(StartRun(workflowId, ForeignOrigin, "text/plain"));
        var noOrigin = await api.SendAsync(StartRun(workflowId, origin: null));
        var crossSite = await api.SendAsync(StartRun(workflowId, origin: null, fetchSite: "cross-site"));

        foreach (var refused in new[] { foreignJson, foreignText, noOrigin, crossSite })
            refused.ShouldBeProblem(HttpStatusCode.Forbidden).ErrorFields.Should().Contain("Origin");
        var runs = (await app.Api.GetAsync($"/api/v1/executions?workflowId={workflowId}")).ShouldHave(HttpStatusCode.OK);
        runs.Data["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_same_origin_cookie_call_with_json_is_accepted_and_text_is_415()
    {
        var workflowId = await app.Api.CreateWorkflowAsync(TestWorkflows.Hello("CSRF same origin"));
        using var browser = await SignedInBrowserAsync();
        var api = new ApiClient(browser);
        var origin = browser.BaseAddress!.GetLeftPart(UriPartial.Authority);

        (await api.SendAsync(StartRun(workflowId, origin))).ShouldHave(HttpStatusCode.Created);
        (await api.SendAsync(StartRun(workflowId, origin: null, fetchSite: "same-origin"))).ShouldHave(HttpStatusCode.Created);
        (await api.SendAsync(StartRun(workflowId, origin, "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType)
            .ErrorFields.Should().Contain("Content-Type");
        (await api.GetAsync("/api/v1/workflows")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_API_key_call_is_not_subject_to_the_origin_rule()
    {
        var workflowId = await app.Api.CreateWorkflowAsync(TestWorkflows.Hello("CSRF key"));

        (await app.Api.SendAsync(StartRun(workflowId, ForeignOrigin))).ShouldHave(HttpStatusCode.Created);
    }
}
