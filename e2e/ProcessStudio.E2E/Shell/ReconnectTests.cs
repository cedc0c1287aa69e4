using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Shell;

/// <summary>A page left open while the server restarts comes back by itself, without the person reloading it.</summary>
[Collection(AppCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task After_a_server_restart_an_open_page_reloads_itself()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var dataFolder = Directory.CreateTempSubdirectory("processstudio-e2e-restart-").FullName;
        try
        {
            var first = await AppProcess.StartAsync(timeout.Token, dataFolder);
            var baseAddress = first.BaseAddress;
            await using var context = await browser.Browser.NewContextAsync(new()
            {
                BaseURL = baseAddress.ToString(),
                StorageState = await AppFixture.SignInAsync(browser.Browser, baseAddress),
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("executions");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Executions");
            await page.EvaluateAsync("() => { window.beforeRestart = true; }");

            await first.DisposeAsync();   // the server goes away; the open page's circuit dies with it
            await using var second = await AppProcess.StartAsync(timeout.Token, dataFolder, port: baseAddress.Port);

            // The restarted server rejects the old circuit; the page loads itself afresh (the marker is gone) and works.
            await page.WaitForFunctionAsync("() => window.beforeRestart === undefined", null, new() { Timeout = 90_000 });
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.Locator("#components-reconnect-modal.components-reconnect-rejected")).ToHaveCountAsync(0);
        }
        finally
        {
            try { Directory.Delete(dataFolder, recursive: true); }
            catch (IOException) { }
        }
    }
}
