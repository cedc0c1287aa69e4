using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Live;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>The run page's node inspector: status, the error of a failed node, its output as a tree, attempts and logs.</summary>
public sealed class NodeInspectorTests : ComponentTest
{
    private static readonly NodeDefinition Fetch = new() { Id = "fetch", Type = "http.request", Name = "Fetch order" };
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public NodeInspectorTests() => AddAuthorization().SetAuthorized("ada").SetPolicies(AccessPolicies.View, AccessPolicies.Operate);

    private static NodeExecutionRecord Record(NodeExecutionStatus status, JsonNode? output = null, params NodeAttempt[] attempts) => new()
    {
        Id = Guid.NewGuid(), NodeId = Fetch.Id, NodeName = Fetch.Name, NodeType = Fetch.Type, Step = 3, Status = status, Attempts = attempts.Length,
        StartedAt = Start, FinishedAt = Start.AddSeconds(2), Output = output, Input = new JsonObject { ["id"] = 42 }, AttemptLog = [.. attempts],
    };

    private static NodeRunState State(NodeExecutionStatus status, string? error = null) =>
        new(Fetch.Id, status, 1, 3, Start, 2000, null, error, null, null);

    private IRenderedComponent<NodeInspector> RenderInspector(NodeRunState state, NodeExecutionRecord record, bool canRestart = false,
        IReadOnlyList<ExecutionLogRecord>? logs = null, Action<string>? restart = null)
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<NodeInspector>(p => p
            .Add(i => i.Node, Fetch)
            .Add(i => i.State, state)
            .Add(i => i.Records, [record])
            .Add(i => i.NodeLogs, logs ?? [])
            .Add(i => i.CanRestart, canRestart)
            .Add(i => i.RestartFromHere, id => restart?.Invoke(id)));
    }

    [Fact]
    public void A_succeeded_node_opens_on_its_output_as_a_tree()
    {
        var cut = RenderInspector(State(NodeExecutionStatus.Succeeded), Record(NodeExecutionStatus.Succeeded, new JsonObject { ["total"] = 240, ["customer"] = "Ada" }));
        cut.Find(".inspector-title").TextContent.Should().Be("Fetch order");
        cut.Find("[data-testid=inspector-status]").TextContent.Should().Contain("Succeeded");
        cut.Markup.Should().Contain("total").And.Contain("240").And.Contain("customer");
    }

    [Fact]
    public void Strings_in_the_output_tree_are_shown_as_written_without_unicode_escapes()
    {
        var cut = RenderInspector(State(NodeExecutionStatus.Succeeded),
            Record(NodeExecutionStatus.Succeeded, new JsonObject { ["csp"] = "default-src 'self' <none> & more" }));
        var text = cut.Find(".jt-string").TextContent;
        text.Should().Be("\"default-src 'self' <none> & more\"");
        cut.Markup.Should().NotContain("\\u0027");
    }

    [Fact]
    public void A_failed_node_shows_its_error_and_opens_on_its_attempts()
    {
        var attempt1 = new NodeAttempt(1, Start, Start.AddSeconds(1), "503 Service Unavailable", null, Start.AddSeconds(3));
        var attempt2 = new NodeAttempt(2, Start.AddSeconds(3), Start.AddSeconds(4), "503 Service Unavailable", "at Fetch()", null);
        var cut = RenderInspector(State(NodeExecutionStatus.Failed, "503 Service Unavailable"), Record(NodeExecutionStatus.Failed, null, attempt1, attempt2));
        cut.Find(".inspector-error").TextContent.Should().Contain("503 Service Unavailable");
        cut.FindAll(".attempt").Should().HaveCount(2);
        cut.Markup.Should().Contain("Next attempt at");
    }

    [Fact]
    public void The_input_tab_shows_what_the_node_received()
    {
        var cut = RenderInspector(State(NodeExecutionStatus.Succeeded), Record(NodeExecutionStatus.Succeeded, new JsonObject()));
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Input")).Click();
        cut.Find(".inspector-body").TextContent.Should().Contain("id").And.Contain("42");
    }

    [Fact]
    public void The_logs_tab_lists_the_nodes_own_lines()
    {
        var logs = new[] { Runs.Log(1, LogLevel.Information, "GET /orders/42 200", "fetch") };
        var cut = RenderInspector(State(NodeExecutionStatus.Succeeded), Record(NodeExecutionStatus.Succeeded), logs: logs);
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Logs")).Click();
        cut.Find(".inspector-logs").TextContent.Should().Contain("GET /orders/42 200");
    }

    [Fact]
    public void Restart_from_here_is_offered_when_allowed_and_names_the_node()
    {
        string? restarted = null;
        var cut = RenderInspector(State(NodeExecutionStatus.Failed, "boom"), Record(NodeExecutionStatus.Failed), canRestart: true, restart: id => restarted = id);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Restart from here")).Click();
        restarted.Should().Be("fetch");
    }

    [Fact]
    public void Restart_is_not_offered_when_the_run_cannot_restart()
    {
        var cut = RenderInspector(State(NodeExecutionStatus.Succeeded), Record(NodeExecutionStatus.Succeeded), canRestart: false);
        cut.FindAll("button").Should().NotContain(b => b.TextContent.Contains("Restart from here"));
    }
}
