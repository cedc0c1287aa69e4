using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Screenshots;

/// <summary>Writes a page as docs/screenshots/NAME.png, once its CSS transitions have settled.</summary>
internal static class DocScreenshots
{
    public static readonly string Folder = Path.Combine(AppLocator.RepositoryRoot, "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name, ITestOutputHelper output)
    {
        Directory.CreateDirectory(Folder);
        await page.WaitForTimeoutAsync(400);   // let CSS transitions settle
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"wrote {path}");
    }
}
