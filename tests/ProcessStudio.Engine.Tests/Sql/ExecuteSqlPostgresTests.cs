using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Tests.Nodes;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Sql;

/// <summary>Execute SQL on a real PostgreSQL 15 server; skipped, with the reason, where none can be started.</summary>
public sealed class ExecuteSqlPostgresTests : NodeFixture, IClassFixture<ThrowawayPostgres>
{
    private readonly ThrowawayPostgres _postgres;

    public ExecuteSqlPostgresTests(ThrowawayPostgres postgres)
    {
        _postgres = postgres;
        if (postgres.ConnectionString is { } connectionString)
            ((InMemoryConnectionResolver)Services.GetRequiredService<IConnectionResolver>()).Add(new ResolvedConnection(Guid.NewGuid(), "Warehouse", "database",
                new ConnectionValues(new Dictionary<string, string?> { ["provider"] = "postgresql", ["connectionString"] = connectionString })));
    }

    [SkippableFact]
    public async Task Typed_parameters_go_in_and_typed_rows_come_out()
    {
        Skip.If(_postgres.SkipReason is not null, _postgres.SkipReason);
        await CommandAsync("CREATE TABLE stock (sku text PRIMARY KEY, qty integer, price numeric(10,2), active boolean, seen timestamptz)");
        var item = JsonNode.Parse("""{"sku":"a-1","qty":5,"active":true}""");

        var insert = await RunAsync(new
        {
            credential = "Warehouse", mode = "command",
            sql = "INSERT INTO stock VALUES (@sku, @qty, 12.50, @active, TIMESTAMPTZ '2026-12-07 10:00:00+00'), ('b-2', 0, 1, false, NULL)",
            parameters = new { sku = "{{ $json.sku }}", qty = "{{ $json.qty }}", active = "{{ $json.active }}" },
        }, item);
        var rows = await RunAsync(new { credential = "Warehouse", sql = "SELECT sku, qty, price, active, seen FROM stock WHERE qty >= @min ORDER BY sku", parameters = new { min = "{{ 1 }}" } });

        insert.Output!.ToJsonString().Should().Be("""{"affected":2}""");
        rows.Succeeded.Should().BeTrue(rows.Error);
        var row = rows.Output!.AsArray().Should().ContainSingle().Subject!;
        row["sku"]!.GetValue<string>().Should().Be("a-1");
        row["qty"]!.GetValue<long>().Should().Be(5);
        row["price"]!.GetValue<decimal>().Should().Be(12.50m);
        row["active"]!.GetValue<bool>().Should().BeTrue();
        DateTimeOffset.Parse(row["seen"]!.GetValue<string>()).Should().Be(DateTimeOffset.Parse("2026-12-07T10:00:00Z"));
    }

    [SkippableFact]
    public async Task A_refused_statement_and_a_slow_one_fail_clearly()
    {
        Skip.If(_postgres.SkipReason is not null, _postgres.SkipReason);

        var refused = await RunAsync(new { credential = "Warehouse", sql = "SELECT * FROM no_such_table" });
        var slow = await RunAsync(new { credential = "Warehouse", sql = "SELECT pg_sleep(10)", timeout = "300ms" });

        refused.Error.Should().Contain("Database 'Warehouse' refused the statement").And.Contain("no_such_table");
        slow.Error.Should().Contain("did not finish within 0.3 s");
    }

    private Task<Engine.Execution.NodeTestResult> RunAsync(object settings, JsonNode? input = null) => TestAsync("execute-sql", settings, input);

    private async Task CommandAsync(string sql)
    {
        var result = await RunAsync(new { credential = "Warehouse", mode = "command", sql });
        result.Succeeded.Should().BeTrue(result.Error);
    }
}
