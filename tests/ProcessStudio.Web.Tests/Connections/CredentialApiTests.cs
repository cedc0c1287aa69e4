using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Connections;

/// <summary>API and database credentials through /api/v1/connections, and a run that uses both: HTTP (OAuth2) → Code → Execute SQL.</summary>
public sealed class CredentialApiTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private readonly ApiClient _api = app.Api;
    private LocalTokenServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalTokenServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_OAuth2_credential_keeps_its_secret_and_its_test_fetches_a_token()
    {
        var id = await _api.CreateConnectionAsync(OAuth2("Orders OAuth"));

        var read = (await _api.GetAsync($"/api/v1/connections/{id}")).ShouldHave(HttpStatusCode.OK);
        var test = (await _api.PostAsync($"/api/v1/connections/{id}/test")).ShouldHave(HttpStatusCode.OK);

        read.Data["hasSecret"]!["clientSecret"]!.GetValue<bool>().Should().BeTrue();
        read.Data["fields"]!.AsObject().Should().NotContainKey("clientSecret");
        read.Body.Should().NotContain(LocalTokenServer.ClientSecret);
        test.Data["success"]!.GetValue<bool>().Should().BeTrue(test.Body);
        test.Body.Should().NotContain(LocalTokenServer.ClientSecret).And.NotContain("token-1");
        _server.TokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task A_node_setting_for_HTTP_credentials_lists_every_kind_and_nothing_else()
    {
        await _api.CreateConnectionAsync(OAuth2("Listed OAuth"));
        await _api.CreateConnectionAsync(new { name = "Listed key", type = "http-api-key", fields = new { name = "X-Api-Key", value = "k" } });
        await _api.CreateConnectionAsync(Sqlite("Listed DB", Path.Combine(app.Factory.DataFolder, "listed.db")));

        var listed = (await _api.GetAsync("/api/v1/connections?type=http-auth")).ShouldHave(HttpStatusCode.OK);

        var names = listed.Data.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        names.Should().Contain(["Listed OAuth", "Listed key"]).And.NotContain("Listed DB");
    }

    [Fact]
    public async Task A_database_credential_asks_only_for_the_fields_of_its_kind()
    {
        var sqlite = (await _api.PostAsync("/api/v1/connections", Sqlite("Local file", Path.Combine(app.Factory.DataFolder, "kind.db"))))
            .ShouldHave(HttpStatusCode.Created);
        var postgresWithoutString = (await _api.PostAsync("/api/v1/connections", new { name = "PG", type = "database", fields = new { provider = "postgresql" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        var badString = (await _api.PostAsync("/api/v1/connections", new { name = "PG", type = "database", fields = new { provider = "postgresql", connectionString = "Nonsense Key=1" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        sqlite.Data["hasSecret"]!.AsObject().Should().BeEmpty();   // the connection string does not apply to a SQLite file
        postgresWithoutString.ErrorFields.Should().Equal("fields.connectionString");
        badString.ErrorFields.Should().Equal("fields.connectionString");
    }

    [Fact]
    public async Task Viewers_see_credentials_but_only_admins_change_or_test_them()
    {
        var id = await _api.CreateConnectionAsync(OAuth2("Guarded OAuth"));
        var (viewer, _) = await app.Factory.ClientWithKeyAsync(_api, Roles.Viewer, "credential-viewer");
        var (editor, _) = await app.Factory.ClientWithKeyAsync(_api, Roles.Editor, "credential-editor");

        (await viewer.GetAsync($"/api/v1/connections/{id}")).ShouldHave(HttpStatusCode.OK).Body.Should().NotContain(LocalTokenServer.ClientSecret);
        (await viewer.PostAsync("/api/v1/connections", OAuth2("Viewer's"))).Status.Should().Be(HttpStatusCode.Forbidden);
        (await editor.PutAsync($"/api/v1/connections/{id}", OAuth2("Renamed"))).Status.Should().Be(HttpStatusCode.Forbidden);
        (await editor.PostAsync($"/api/v1/connections/{id}/test")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await editor.DeleteAsync($"/api/v1/connections/{id}")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_run_fetches_orders_with_OAuth2_totals_them_in_code_and_stores_them_with_SQL()
    {
        var database = Path.Combine(app.Factory.DataFolder, "orders.db");
        var oauth = await _api.CreateConnectionAsync(OAuth2("Run OAuth"));
        var db = await _api.CreateConnectionAsync(Sqlite("Run DB", database));
        var workflowId = await _api.CreateWorkflowAsync(OrdersWorkflow(oauth, db));

        var executionId = await _api.StartAsync(workflowId);
        var finished = await _api.WaitForStatusAsync(executionId, "completed", "failed");

        finished["execution"]!["status"]!.GetValue<string>().Should().Be("completed", finished.ToJsonString());
        var logs = (await _api.GetAsync($"/api/v1/executions/{executionId}/logs")).ShouldHave(HttpStatusCode.OK);
        logs.Body.Should().Contain("2 orders, 27.5 in total");
        var stored = await _api.StartAsync(await _api.CreateWorkflowAsync(ReadBack(db)));
        var readBack = await _api.WaitForStatusAsync(stored, "completed", "failed");
        readBack.ToJsonString().Should().Contain("27.5");
    }

    private WorkflowDefinition OrdersWorkflow(Guid oauth, Guid db) => new()
    {
        Name = "Orders to SQL",
        Nodes =
        [
            new() { Id = "start", Type = "manual-trigger", Name = "Start", Position = new(100, 150) },
            new() { Id = "fetch", Type = "http-request", Name = "Fetch orders", Position = new(300, 150),
                    Settings = new JsonObject { ["url"] = _server.ApiUrl, ["credential"] = oauth.ToString() } },
            new() { Id = "sum", Type = "code", Name = "Total", Position = new(500, 150),
                    Settings = new JsonObject { ["code"] = """
                        const orders = $json.body.orders;
                        const total = orders.reduce((s, o) => s + o.total, 0);
                        console.log(`${orders.length} orders, ${total} in total`);
                        return { count: orders.length, total };
                        """ } },
            new() { Id = "store", Type = "execute-sql", Name = "Store", Position = new(700, 150),
                    Settings = new JsonObject
                    {
                        ["credential"] = db.ToString(), ["mode"] = "command",
                        ["sql"] = "CREATE TABLE IF NOT EXISTS totals (n INTEGER, total REAL); INSERT INTO totals VALUES (@n, @total)",
                        ["parameters"] = new JsonObject { ["n"] = "{{ $json.count }}", ["total"] = "{{ $json.total }}" },
                    } },
        ],
        Connections = [new("start", "out", "fetch"), new("fetch", "out", "sum"), new("sum", "out", "store")],
    };

    private static WorkflowDefinition ReadBack(Guid db) => new()
    {
        Name = "Read totals",
        Nodes =
        [
            new() { Id = "start", Type = "manual-trigger", Name = "Start", Position = new(100, 150) },
            new() { Id = "read", Type = "execute-sql", Name = "Read", Position = new(300, 150),
                    Settings = new JsonObject { ["credential"] = db.ToString(), ["sql"] = "SELECT total FROM totals" } },
        ],
        Connections = [new("start", "out", "read")],
    };

    private object OAuth2(string name) => new
    {
        name, type = "oauth2-client-credentials",
        fields = new { tokenUrl = _server.TokenUrl, clientId = LocalTokenServer.ClientId, clientSecret = LocalTokenServer.ClientSecret },
    };

    private static object Sqlite(string name, string path) => new { name, type = "database", fields = new { provider = "sqlite", path } };
}
