using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>MudBlazor selects as a person uses them: open the field by its label, pick the option by its text.</summary>
public static class MudSelects
{
    /// <summary>The MudSelect in <paramref name="scope"/> whose label reads <paramref name="label"/>.</summary>
    public static ILocator MudSelect(this ILocator scope, string label) =>
        scope.Locator(".mud-select").Filter(new() { Has = scope.Page.Locator("label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}\\*?$") }) });

    public static ILocator MudSelect(this IPage page, string label) => page.Locator("body").MudSelect(label);

    public static async Task ChooseAsync(this ILocator select, string option)
    {
        await select.Locator(".mud-input").ClickAsync();
        await select.Page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") })
            .First.ClickAsync();
        await Assertions.Expect(select.Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>The text the select shows for its value.</summary>
    public static ILocator ShownValue(this ILocator select) => select.Locator("input").First;
}
