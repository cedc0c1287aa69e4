using System.Net;
using System.Text;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Webhooks;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>A signed webhook drawn in the designer: its URL is shown, its secret is masked, and the saved hook answers.</summary>
public sealed class WebhookDesignerTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static WebhookDesignerTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task A_signed_webhook_built_in_the_designer_shows_its_url_and_answers_through_respond()
    {
        var path = $"designer/{Guid.NewGuid():N}"[..20];
        const string secret = "designer-secret";
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Webhook", 140, 200, "Webhook");
            await designer.DropAsync("Respond", 460, 200, "Respond");
            await designer.ConnectAsync("Webhook", "out", "Respond");

            await designer.SelectAsync("Webhook");
            await designer.FillAsync("Path", path);
            var inspector = page.Locator(".inspector");
            await Expect(inspector.GetByRole(AriaRole.Textbox, new() { Name = "URL" })).ToHaveValueAsync(new Uri(App.BaseAddress, "/hooks/" + path).ToString());
            await inspector.MudSelect("Authentication").ChooseAsync("hmac-sha256");
            await inspector.MudSelect("Response").ChooseAsync("wait");
            await Expect(inspector.GetByLabel("Secret")).ToHaveAttributeAsync("type", "password");
            await designer.FillAsync("Secret", secret);
            await inspector.GetByLabel("Path").ScrollIntoViewIfNeededAsync();
            await page.WaitForTimeoutAsync(300);   // let the focus ring fade before the screenshot
            await SaveScreenshotAsync(page, "webhook-node-light");

            await designer.SelectAsync("Respond");
            await designer.FillAsync("Status code", "201");
            await designer.SaveAsync(expectedVersion: 1);
        });

        const string body = """{"order":7}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "hooks/" + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.Add("X-Signature", WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), secret, now));
        request.Headers.Add("X-Webhook-Timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Api.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var file = Path.Combine(ArtifactsFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Output.WriteLine($"wrote {file}");
    }
}
