using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Tests.Nodes;

namespace ProcessStudio.Engine.Tests.Sql;

/// <summary>Execute SQL on a SQLite file: parameters from expressions, rows as objects, the row cap, timeouts and errors.</summary>
public sealed class ExecuteSqlNodeTests : NodeFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ps-sql-").FullName;

    public ExecuteSqlNodeTests()
    {
        var values = new Dictionary<string, string?> { ["provider"] = "sqlite", ["path"] = Path.Combine(_folder, "shop.db") };
        ((InMemoryConnectionResolver)Services.GetRequiredService<IConnectionResolver>())
            .Add(new ResolvedConnection(Guid.NewGuid(), "Shop", "database", new ConnectionValues(values)));
    }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Parameters_from_expressions_keep_their_types_and_a_query_returns_rows_as_objects()
    {
        await CommandAsync("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL, paid INTEGER, note TEXT)");
        var order = JsonNode.Parse("""{"id":7,"customer":"Ada","total":19.5,"paid":true,"note":null}""");
        var insert = await RunAsync(new
        {
            credential = "Shop", mode = "command",
            sql = "INSERT INTO orders (id, customer, total, paid, note) VALUES (@id, @customer, @total, @paid, @note)",
            parameters = new { id = "{{ $json.id }}", customer = "{{ $json.customer }}", total = "{{ $json.total }}", paid = "{{ $json.paid }}", note = "{{ $json.note }}" },
        }, order);

        var select = await RunAsync(new { credential = "Shop", sql = "SELECT * FROM orders WHERE total > @min", parameters = new { min = "{{ 10 }}" } });

        insert.Output!.ToJsonString().Should().Be("""{"affected":1}""");
        select.Output!.ToJsonString().Should().Be("""[{"id":7,"customer":"Ada","total":19.5,"paid":1,"note":null}]""");
    }

    [Fact]
    public async Task A_value_is_never_read_as_SQL()
    {
        await CommandAsync("CREATE TABLE notes (text TEXT)");
        const string hostile = "x'); DROP TABLE notes; --";

        await RunAsync(new { credential = "Shop", mode = "command", sql = "INSERT INTO notes (text) VALUES (@text)", parameters = new { text = "{{ $json.text }}" } },
            new JsonObject { ["text"] = hostile });
        var rows = await RunAsync(new { credential = "Shop", sql = "SELECT text FROM notes" });

        rows.Output!.AsArray().Should().ContainSingle().Which!["text"]!.GetValue<string>().Should().Be(hostile);
    }

    [Fact]
    public async Task The_row_cap_keeps_the_first_rows_and_warns()
    {
        await CommandAsync("CREATE TABLE n (v INTEGER)");
        await CommandAsync("INSERT INTO n (v) VALUES (1), (2), (3), (4), (5)");

        var result = await RunAsync(new { credential = "Shop", sql = "SELECT v FROM n ORDER BY v", maxRows = 2 });

        result.Output!.ToJsonString().Should().Be("""[{"v":1},{"v":2}]""");
        result.Logs.Should().Contain(l => l.Level == LogLevel.Warning && l.Message.Contains("more than 2 rows"));
    }

    [Fact]
    public async Task A_statement_the_database_refuses_fails_with_its_reason()
    {
        var result = await RunAsync(new { credential = "Shop", sql = "SELECT * FROM missing_table" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("Database 'Shop' refused the statement").And.Contain("no such table: missing_table");
    }

    [Fact]
    public async Task A_parameter_the_statement_uses_but_the_node_does_not_give_is_named()
    {
        var result = await RunAsync(new { credential = "Shop", sql = "SELECT @missing AS v" });

        result.Error.Should().Contain("refers to @missing").And.Contain("'Parameters'");
    }

    [Fact]
    public async Task At_signs_in_text_and_comments_are_not_parameters()
    {
        var result = await RunAsync(new { credential = "Shop", sql = "SELECT 'mail@example.com' AS a, @x AS b -- @notOne\n /* @norThis */", parameters = new { x = 1 } });

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!.ToJsonString().Should().Be("""[{"a":"mail@example.com","b":1}]""");
    }

    [Fact]
    public async Task A_statement_running_past_the_timeout_is_stopped()
    {
        var result = await RunAsync(new
        {
            credential = "Shop", timeout = "300ms",
            sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c",
        });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("did not finish within 0.3 s");
    }

    [Fact]
    public async Task An_unknown_database_credential_is_named()
    {
        var result = await RunAsync(new { credential = "Warehouse", sql = "SELECT 1" });

        result.Error.Should().Contain("Setting 'Database'").And.Contain("Warehouse");
    }

    private Task<Engine.Execution.NodeTestResult> RunAsync(object settings, JsonNode? input = null) => TestAsync("execute-sql", settings, input);

    private async Task CommandAsync(string sql)
    {
        var result = await RunAsync(new { credential = "Shop", mode = "command", sql });
        result.Succeeded.Should().BeTrue(result.Error);
    }
}
