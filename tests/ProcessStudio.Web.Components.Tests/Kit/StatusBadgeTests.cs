using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class StatusBadgeTests : ComponentTest
{
    [Theory]
    [InlineData(ExecutionStatus.Running, "running")]
    [InlineData(ExecutionStatus.Failed, "failed")]
    [InlineData(ExecutionStatus.Waiting, "waiting")]
    [InlineData(ExecutionStatus.Cancelled, "cancelled")]
    public void A_status_is_named_and_coloured_by_its_state(ExecutionStatus status, string name)
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, status));
        var chip = cut.Find("[data-status]");
        chip.GetAttribute("data-status").Should().Be(name);
        chip.ClassList.Should().Contain($"badge-{name}");
        chip.TextContent.Should().Contain(status.ToString());
    }

    [Fact]
    public void No_status_shows_the_empty_text()
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, null).Add(b => b.EmptyText, "Never run"));
        cut.Markup.Should().Contain("Never run");
        cut.FindAll("[data-status]").Should().BeEmpty();
    }
}
