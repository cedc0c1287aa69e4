using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening;

/// <summary>
/// HTTP Request nodes, run or tested, connect only where the outbound address policy allows: checked on the resolved
/// address of every connection, redirects included, before a single byte is sent.
/// </summary>
public sealed class OutboundAddressPolicyTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private CountingHttpServer _server = null!;
    private AppFactory _app = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await CountingHttpServer.StartAsync();
        _app = new AppFactory(_folder.Path, new Dictionary<string, string?>
        {
            ["ProcessStudio:Engine:OutboundAddresses:AllowLoopback"] = "false",
            // One loopback address allowed by the list: the redirect test's first hop.
            ["ProcessStudio:Engine:OutboundAddresses:Allow:0"] = "127.0.0.1",
            ["ProcessStudio:Engine:OutboundAddresses:Deny:0"] = "127.0.0.5",
        });
        _api = new ApiClient(_app.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<JsonNode> TestNodeAsync(string url)
    {
        var workflow = TestWorkflows.HttpSteps([url], $"Policy {Guid.NewGuid():N}");
        var id = await _api.CreateWorkflowAsync(workflow);
        return (await _api.PostAsync($"/api/v1/workflows/{id}/nodes/step1/test", new { input = new { } })).ShouldHave(HttpStatusCode.OK).Data;
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("http://100.100.100.200/", "metadata")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://127.0.0.2/", "loopback")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://127.0.0.5/", "deny list")]
    public async Task Test_node_refuses_an_address_the_policy_forbids(string url, string reason)
    {
        var result = await TestNodeAsync(url);

        result["succeeded"]!.GetValue<bool>().Should().BeFalse();
        result["error"]!.GetValue<string>().Should().Contain("refused").And.Contain(reason);
    }

    [Fact]
    public async Task An_allowed_address_is_called()
    {
        var result = await TestNodeAsync(_server.Url("allowed"));

        result["succeeded"]!.GetValue<bool>().Should().BeTrue(result.ToJsonString());
        _server.Hits("allowed").Should().Be(1);
    }

    [Fact]
    public async Task A_redirect_to_a_forbidden_address_is_refused_when_it_is_followed()
    {
        var result = await TestNodeAsync(_server.RedirectUrl("http://169.254.169.254/latest/meta-data/"));

        result["succeeded"]!.GetValue<bool>().Should().BeFalse();
        result["error"]!.GetValue<string>().Should().Contain("169.254.169.254").And.Contain("refused");
        _server.Hits("redirect").Should().Be(1, "the first hop was allowed and answered with the redirect");
    }

    [Fact]
    public async Task A_run_fails_on_a_refused_address_without_retrying()
    {
        var workflow = TestWorkflows.HttpSteps(["http://169.254.169.254/"], "Refused run");
        workflow.Settings.DefaultRetryPolicy = "Default";
        var id = await _api.CreateWorkflowAsync(workflow);

        var executionId = await _api.StartAsync(id);
        var run = await _api.WaitForStatusAsync(executionId, "failed", "completed");

        run["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
        run["execution"]!["error"]!.ToJsonString().Should().Contain("refused");
        var node = run["nodes"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == "step1")!;
        node["attempts"]!.GetValue<int>().Should().Be(1, "a refused address is not a transient failure");
    }
}
