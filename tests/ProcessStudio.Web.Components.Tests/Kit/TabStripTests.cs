using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class TabStripTests : ComponentTest
{
    [Fact]
    public void Tabs_are_named_and_counts_show_as_badges()
    {
        var cut = Render<TabStrip>(p => p
            .Add(t => t.Items, ["Logs", "Timeline"])
            .Add(t => t.Active, "Logs")
            .Add(t => t.Counts, new Dictionary<string, int> { ["Logs"] = 7 }));
        var tabs = cut.FindAll(".mud-tab");
        tabs.Select(t => t.TextContent).Should().HaveCount(2);
        tabs[0].TextContent.Should().Contain("Logs").And.Contain("7");
        tabs[1].TextContent.Should().Contain("Timeline");
    }

    [Fact]
    public void Clicking_a_tab_selects_it_by_name()
    {
        string? selected = null;
        var cut = Render<TabStrip>(p => p
            .Add(t => t.Items, ["Output", "Input", "Attempts"])
            .Add(t => t.Active, "Output")
            .Add(t => t.ActiveChanged, name => selected = name));
        cut.FindAll(".mud-tab")[2].Click();
        selected.Should().Be("Attempts");
    }
}
