using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Shell;

/// <summary>Keyboard users see where focus is on the main buttons in both themes; dialogs take focus and Escape closes them.</summary>
public sealed class KeyboardTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_focused_main_button_shows_a_focus_ring(string theme)
    {
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("workflows");
            var create = page.GetByRole(AriaRole.Button, new() { Name = "New workflow" });
            await create.WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).FocusAsync();
            await page.Keyboard.PressAsync("Tab");   // keyboard focus, so :focus-visible applies

            await Expect(create).ToBeFocusedAsync();
            var outline = await create.EvaluateAsync<string>("b => { const s = getComputedStyle(b); return s.outlineStyle + ' ' + s.outlineWidth; }");
            outline.Should().NotStartWith("none").And.NotEndWith(" 0px");
        }, colorScheme: theme);
    }

    [Fact]
    public async Task A_dialog_takes_focus_and_escape_closes_it()
    {
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("workflows");
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("Import workflow");

            var focusInside = await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)");
            focusInside.Should().BeTrue("the dialog takes focus so keyboard users are inside it");

            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
        });
    }
}
