using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

/// <summary>Destructive actions ask first, in a MudDialog that names the action.</summary>
public sealed class ConfirmServiceTests : ComponentTest
{
    private readonly ConfirmService _confirm;
    private readonly IRenderedComponent<MudBlazor.MudDialogProvider> _host;

    public ConfirmServiceTests()
    {
        Services.AddScoped<ConfirmService>();
        _host = RenderDialogHost();
        _confirm = Services.GetRequiredService<ConfirmService>();
    }

    private Task<bool> AskAsync() => _host.InvokeAsync(() => _confirm.ConfirmAsync("Delete Orders?", "All versions are deleted.", "Delete workflow"));

    [Fact]
    public async Task The_dialog_shows_the_question_and_the_action()
    {
        var answer = AskAsync();
        _host.WaitForAssertion(() => _host.Find("[role=dialog]").TextContent.Should().Contain("Delete Orders?").And.Contain("All versions are deleted."));
        _host.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["Keep it", "Delete workflow"]);
        _host.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        (await answer).Should().BeFalse();
    }

    [Fact]
    public async Task Confirming_answers_true()
    {
        var answer = AskAsync();
        _host.WaitForElement("[role=dialog]");
        _host.FindAll("button").Single(b => b.TextContent.Trim() == "Delete workflow").Click();
        (await answer).Should().BeTrue();
        _host.WaitForAssertion(() => _host.FindAll("[role=dialog]").Should().BeEmpty());
    }

    [Fact]
    public async Task The_destructive_action_is_coloured_as_an_error()
    {
        var answer = AskAsync();
        _host.WaitForElement("[role=dialog]");
        var action = _host.FindAll("button").Single(b => b.TextContent.Trim() == "Delete workflow");
        action.ClassList.Should().Contain(c => c.Contains("error"));
        action.Click();
        await answer;
    }
}
