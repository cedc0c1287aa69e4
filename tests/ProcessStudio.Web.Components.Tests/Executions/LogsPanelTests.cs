using Microsoft.Extensions.Logging;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Live;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>The logs panel's filters: level, node and text narrow the lines and the count says so.</summary>
public sealed class LogsPanelTests : ComponentTest
{
    private readonly LogBuffer _logs = new();
    private int _filterChanges;

    public LogsPanelTests()
    {
        JSInterop.SetupModule("./js/monitor.js");
        _logs.Reset([
            Runs.Log(1, LogLevel.Information, "hello from the monitor test", "n1"),
            Runs.Log(2, LogLevel.Warning, "disk almost full", "n2"),
            Runs.Log(3, LogLevel.Error, "DISK failed", "n2"),
        ]);
    }

    private IRenderedComponent<LogsPanel> RenderPanel()
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<LogsPanel>(p => p
            .Add(l => l.Logs, _logs)
            .Add(l => l.Workflow, Runs.Line("Say hello", "Check disk"))
            .Add(l => l.FilterChanged, () => _filterChanges++));
    }

    private static string Count(IRenderedComponent<LogsPanel> cut) => cut.Find("[data-testid=log-count]").TextContent;

    [Fact]
    public void Every_line_is_counted_without_a_filter()
    {
        Count(RenderPanel()).Should().Be("3 of 3 lines");
    }

    [Fact]
    public async Task Search_text_narrows_the_lines_case_insensitively()
    {
        var cut = RenderPanel();
        cut.Find(".logs-search input").Input("disk");
        await Task.Delay(400);   // the search field debounces typing
        cut.WaitForAssertion(() => Count(cut).Should().Be("2 of 3 lines"));
        _logs.Filter.Search.Should().Be("disk");
        _filterChanges.Should().BeGreaterThan(0);
    }

    [Fact]
    public void The_level_filter_names_the_minimum_level()
    {
        var cut = RenderPanel();
        cut.Find(".logs-filter input").GetAttribute("value").Should().Be("All levels");
        _logs.SetFilter(_logs.Filter with { MinLevel = LogLevel.Warning });
        cut.Render();
        cut.Find(".logs-filter input").GetAttribute("value").Should().Be("Warning and above");
        Count(cut).Should().Be("2 of 3 lines");
    }

    [Fact]
    public void The_node_filter_shows_the_nodes_name()
    {
        var cut = RenderPanel();
        _logs.SetFilter(_logs.Filter with { NodeId = "n2" });
        cut.Render();
        cut.FindAll(".logs-filter input")[1].GetAttribute("value").Should().Be("Check disk");
        Count(cut).Should().Be("2 of 3 lines");
    }
}
