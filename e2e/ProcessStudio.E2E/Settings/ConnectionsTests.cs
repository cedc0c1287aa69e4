using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Designer;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Settings;

public sealed class ConnectionsTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private const string Password = "e2e-secret-4411";

    [Fact]
    public async Task An_admin_adds_and_tests_an_smtp_connection_and_the_password_is_never_shown_again()
    {
        await using var sink = new SmtpSink(("robot", Password));
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("settings");
            await page.Locator(".connections-card").GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await page.Locator("[data-type='smtp']").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.FillFieldAsync("Name", "Team mail");
            await dialog.FillFieldAsync("Host", "127.0.0.1");
            await dialog.FillFieldAsync("Port", sink.Port.ToString());
            await dialog.MudSelect("Security").ChooseAsync("none");
            await dialog.FillFieldAsync("Username", "robot");
            await dialog.FillFieldAsync("Password", Password);
            await dialog.FillFieldAsync("From address", "robot@processstudio.test");

            await dialog.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
            await Expect(dialog.Locator(".connection-test.ok")).ToContainTextAsync("accepted the login of robot");
            await SaveScreenshotAsync(page, "connection-dialog");

            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            var row = page.Locator("tr[data-connection='Team mail']");
            await Expect(row).ToContainTextAsync("•••• set");
            await Expect(row).ToContainTextAsync($"127.0.0.1:{sink.Port}");
            await SaveScreenshotAsync(page, "connections");

            await row.GetByRole(AriaRole.Button, new() { Name = "Edit Team mail" }).ClickAsync();
            var password = page.GetByRole(AriaRole.Dialog).GetByLabel(FormFields.ExactLabel("Password"));
            await Expect(password).ToHaveValueAsync("");
            await Expect(password).ToHaveAttributeAsync("placeholder", "•••• set");
            (await page.ContentAsync()).Should().NotContain(Password);
        });
        sink.Logins.Should().Equal($"robot:{Password}");
    }

    [Fact]
    public async Task The_send_email_node_offers_the_saved_smtp_connections()
    {
        var created = await Api.Http.PostAsJsonAsync("/api/v1/connections", new
        {
            name = "Designer mail",
            type = "smtp",
            fields = new { host = "127.0.0.1", port = 2525, security = "none", fromAddress = "robot@processstudio.test" },
        });
        created.EnsureSuccessStatusCode();
        var connectionId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<string>();
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowDefinition
        {
            Name = "Mail in the designer",
            Nodes =
            [
                new() { Id = "start", Type = "manual-trigger", Name = "Start", Position = new(100, 150) },
                new() { Id = "mail", Type = "send-email", Name = "Notify", Position = new(340, 150),
                        Settings = new JsonObject { ["connection"] = connectionId, ["to"] = "ops@example.test", ["subject"] = "Hi" } },
            ],
            Connections = [new("start", "out", "mail")],
        });

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await designer.SelectAsync("Notify");
            var select = page.Locator(".inspector").MudSelect("Connection");
            await Expect(select.ShownValue()).ToHaveValueAsync("Designer mail");   // the select shows the connection's name for its id
            await SaveScreenshotAsync(page, "send-email-node");
        });
    }

    private static Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, $"{name}.png") });
    }
}
