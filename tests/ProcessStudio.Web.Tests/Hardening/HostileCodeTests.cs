using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening;

/// <summary>Hostile Code-node scripts in the running app: each run fails with its limit and the app keeps serving and running.</summary>
public sealed class HostileCodeTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private AppFactory _factory = null!;
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _factory = new AppFactory(_folder.Path, new Dictionary<string, string?>
        {
            ["ProcessStudio:Engine:Code:Timeout"] = "00:00:01",
            ["ProcessStudio:Engine:Code:MaxMemoryBytes"] = "16777216",
            ["ProcessStudio:Engine:Code:MaxStatements"] = "2000000000",   // so the endless loop meets the time limit, bound from configuration
        });
        _api = new ApiClient(_factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Runaway_scripts_fail_their_runs_and_the_app_stays_ready_and_keeps_running_workflows()
    {
        var hostile = new Dictionary<string, string>
        {
            ["while (true) {}"] = "ran longer than 1 s",
            ["const a = []; while (true) a.push('x'.repeat(1000));"] = "allocated more than 16 MB",
            ["function f() { return f() + 1; } return f();"] = "nested deeper than",
            ["return (() => {}).constructor.constructor('return this')();"] = "String compilation has been disabled",
        };
        var runs = new List<(Guid Execution, string Expected)>();
        foreach (var (code, expected) in hostile)
            runs.Add((await _api.StartAsync(await _api.CreateWorkflowAsync(CodeWorkflow(code))), expected));

        foreach (var (execution, expected) in runs)
        {
            var finished = await _api.WaitForStatusAsync(execution, "completed", "failed");
            finished["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
            finished["execution"]!["error"]!["message"]!.GetValue<string>().Should().Contain(expected);
        }

        var ready = await _factory.CreateClient().GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var healthy = await _api.StartAsync(await _api.CreateWorkflowAsync(CodeWorkflow("return 6 * 7;")));
        (await _api.WaitForStatusAsync(healthy, "completed", "failed"))["execution"]!["status"]!.GetValue<string>().Should().Be("completed");
    }

    private static WorkflowDefinition CodeWorkflow(string code) => new()
    {
        Name = $"Code {Guid.NewGuid():N}",
        Nodes =
        [
            new() { Id = "start", Type = "manual-trigger", Name = "Start", Position = new(100, 150) },
            new() { Id = "code", Type = "code", Name = "Code", Position = new(300, 150), Settings = new JsonObject { ["code"] = code } },
        ],
        Connections = [new("start", "out", "code")],
    };
}
