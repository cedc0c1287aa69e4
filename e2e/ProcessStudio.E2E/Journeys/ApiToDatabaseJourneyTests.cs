using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Designer;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using ProcessStudio.Engine.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Journeys;

/// <summary>
/// The journey of an n8n user: an OAuth2 credential for an API, then HTTP Request → Code → Filter → Aggregate →
/// Execute SQL drawn in the designer, run, watched to the end in the monitor, and the summary found in the database.
/// </summary>
public sealed class ApiToDatabaseJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static ApiToDatabaseJourneyTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task Orders_fetched_with_an_OAuth2_credential_are_filtered_summarised_and_stored_with_SQL()
    {
        await using var server = await LocalTokenServer.StartAsync();
        var folder = Directory.CreateTempSubdirectory("ps-e2e-sql-");
        try
        {
            await CreateDatabaseCredentialAsync("Journey DB", Path.Combine(folder.FullName, "orders.db"));
            await WithPageAsync(async page =>
            {
                await AddOAuth2CredentialAsync(page, "Orders OAuth", server);
                var designer = await DrawWorkflowAsync(page, server.ApiUrl);

                await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).First.ClickAsync();
                await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

                var monitor = new MonitorPage(page);
                await monitor.ExpectRunStatusAsync("completed");
                foreach (var node in new[] { "HTTP Request", "Code", "Filter", "Aggregate / Summarize", "Execute SQL" })
                    await monitor.ExpectNodeStatusAsync(node, "succeeded");
                await Expect(monitor.LogLine("2 orders fetched")).ToBeVisibleAsync();
            });
            server.TokensIssued.Should().Be(2);   // one for the credential's test, one cached for the run
            // The API has orders of 20.5 and 7: the filter keeps the one over 10, the summary counts and totals it.
            (await StoredTotalsAsync(Path.Combine(folder.FullName, "orders.db"))).Should().Equal("1|20.5");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task AddOAuth2CredentialAsync(IPage page, string name, LocalTokenServer server)
    {
        await page.GotoAsync("settings");
        await page.Locator(".connections-card").GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await page.Locator("[data-type='oauth2-client-credentials']").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.FillFieldAsync("Name", name);
        await dialog.FillFieldAsync("Token URL", server.TokenUrl);
        await dialog.FillFieldAsync("Client id", LocalTokenServer.ClientId);
        await dialog.FillFieldAsync("Client secret", LocalTokenServer.ClientSecret);
        await dialog.FillFieldAsync("Test URL", server.ApiUrl);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(dialog.Locator(".connection-test.ok")).ToContainTextAsync("answered 200");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        var row = page.Locator($"tr[data-connection='{name}']");
        await Expect(row).ToContainTextAsync("clientSecret •••• set");
        await Expect(row).ToContainTextAsync(server.TokenUrl);
        (await page.ContentAsync()).Should().NotContain(LocalTokenServer.ClientSecret);
    }

    private static async Task<DesignerPage> DrawWorkflowAsync(IPage page, string apiUrl)
    {
        var designer = await DesignerPage.OpenNewAsync(page);
        await designer.DropAsync("Manual Trigger", 140, 160, "Manual Trigger");
        await designer.DropAsync("HTTP Request", 400, 160, "HTTP Request");
        await designer.DropAsync("Code", 660, 160, "Code");
        await designer.DropAsync("Filter", 140, 400, "Filter");
        await designer.DropAsync("Aggregate / Summarize", 400, 400, "Aggregate / Summarize");
        await designer.DropAsync("Execute SQL", 660, 400, "Execute SQL");
        await designer.ConnectAsync("Manual Trigger", "out", "HTTP Request");
        await designer.ConnectAsync("HTTP Request", "out", "Code");
        await designer.ConnectAsync("Code", "out", "Filter");
        await designer.ConnectAsync("Filter", "out", "Aggregate / Summarize");
        await designer.ConnectAsync("Aggregate / Summarize", "out", "Execute SQL");

        var inspector = page.Locator(".inspector");
        await designer.SelectAsync("HTTP Request");
        await designer.FillAsync("URL", apiUrl);
        await inspector.MudSelect("Credential").ChooseAsync("Orders OAuth");

        await designer.SelectAsync("Code");
        await designer.FillAsync("JavaScript", """
            const orders = $json.body.orders;
            console.log(`${orders.length} orders fetched`);
            return orders.map(o => ({ id: o.id, total: o.total }));
            """);

        await designer.SelectAsync("Filter");
        await inspector.MudSelect("Match by").ChooseAsync("expression");
        await designer.FillAsync("Keep when", "$item.total > 10");

        await designer.SelectAsync("Aggregate / Summarize");
        var aggregations = inspector.Locator(".object-list-field").Filter(new() { HasText = "Aggregations" });
        await aggregations.GetByRole(AriaRole.Button, new() { Name = "Add aggregation" }).ClickAsync();
        await aggregations.GetByRole(AriaRole.Button, new() { Name = "Add aggregation" }).ClickAsync();
        await FillRowAsync(aggregations.Locator(".object-item").Nth(0), "Output name", "n");
        var sum = aggregations.Locator(".object-item").Nth(1);
        await sum.MudSelect("Operation").ChooseAsync("sum");
        await FillRowAsync(sum, "Field", "total");
        await FillRowAsync(sum, "Output name", "total");

        await designer.SelectAsync("Execute SQL");
        await inspector.MudSelect("Database").ChooseAsync("Journey DB");
        await inspector.MudSelect("Mode").ChooseAsync("command");
        await designer.FillAsync("SQL", "CREATE TABLE IF NOT EXISTS totals (n INTEGER, total REAL); INSERT INTO totals VALUES (@n, @total)");
        var parameters = inspector.Locator(".kv-field").Filter(new() { HasText = "Parameters" });
        await parameters.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await parameters.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await SetPairAsync(parameters, 1, "n", "{{ $json[0].n }}");
        await SetPairAsync(parameters, 2, "total", "{{ $json[0].total }}");

        await designer.SaveAsync(expectedVersion: 1);
        return designer;
    }

    private static async Task FillRowAsync(ILocator row, string label, string value)
    {
        var field = row.GetByLabel(label, new() { Exact = true });
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    private static async Task<IReadOnlyList<string>> StoredTotalsAsync(string databaseFile)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT n || '|' || total FROM totals";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task SetPairAsync(ILocator editor, int row, string key, string value)
    {
        await editor.GetByLabel($"Parameters key {row}").FillAsync(key);
        await editor.GetByLabel($"Parameters key {row}").PressAsync("Tab");
        await editor.GetByLabel($"Parameters value {row}").FillAsync(value);
        await editor.GetByLabel($"Parameters value {row}").PressAsync("Tab");
    }

    private async Task CreateDatabaseCredentialAsync(string name, string path)
    {
        var created = await Api.Http.PostAsJsonAsync("/api/v1/connections", new { name, type = "database", fields = new { provider = "sqlite", path } });
        created.EnsureSuccessStatusCode();
    }
}
