using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Layout;

namespace ProcessStudio.Web.Components.Tests.Layout;

public sealed class ThemeTests : ComponentTest
{
    [Theory]
    [InlineData("dark", true)]
    [InlineData("light", false)]
    [InlineData(null, null)]
    [InlineData("purple", null)]
    public void The_saved_cookie_decides_the_theme_and_anything_else_defers_to_the_browser(string? cookie, bool? dark)
    {
        ThemeChoice.FromCookie(cookie).Should().Be(dark);
    }

    [Fact]
    public void The_toggle_offers_the_other_theme()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<ThemeToggle>(p => p.Add(t => t.Dark, false));
        cut.Find("button").GetAttribute("aria-label").Should().Be("Switch to dark theme");
        cut.Render(p => p.Add(t => t.Dark, true));
        cut.Find("button").GetAttribute("aria-label").Should().Be("Switch to light theme");
    }

    [Fact]
    public void Clicking_the_toggle_asks_for_the_other_theme()
    {
        Render<MudBlazor.MudPopoverProvider>();
        bool? asked = null;
        var cut = Render<ThemeToggle>(p => p.Add(t => t.Dark, true).Add(t => t.DarkChanged, dark => asked = dark));
        cut.Find("button").Click();
        asked.Should().BeFalse();
    }
}
