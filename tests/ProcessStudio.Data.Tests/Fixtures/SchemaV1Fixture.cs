using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Data.Tests.Fixtures;

/// <summary>
/// Builds Fixtures/schema-v1.db: a database as the first release (schema version 1) left it, with real data.
/// The rows are written with plain SQL against the v1 tables, because today's stores target the latest schema.
/// Regenerate with: PROCESSSTUDIO_REGENERATE_FIXTURES=1 dotnet test tests/ProcessStudio.Data.Tests --filter SchemaV1FixtureTests
/// </summary>
public static class SchemaV1Fixture
{
    public const string FileName = "schema-v1.db";

    public static readonly Guid WorkflowId = Guid.Parse("6f1f3c2e-8a4b-4c1d-9e2f-0a1b2c3d4e5f");
    public static readonly Guid CompletedRunId = Guid.Parse("11111111-1111-4111-8111-111111111111");
    public static readonly Guid FailedRunId = Guid.Parse("22222222-2222-4222-8222-222222222222");
    public static readonly Guid PausedRunId = Guid.Parse("33333333-3333-4333-8333-333333333333");
    public static readonly DateTimeOffset FirstRunAt = DateTimeOffset.FromUnixTimeMilliseconds(1762000000000);
    public const long PausedCheckpointStep = 2;
    public const string PausedCheckpointState = """{"stack":[{"nodeId":"log2","port":"in"}],"memory":{"variables":{"attempt":1},"outputs":{"trigger":{"customer":"ACME"}}}}""";

    /// <summary>Rows per table the fixture holds; the upgrade test checks every one survived.</summary>
    public static readonly IReadOnlyDictionary<string, int> RowCounts = new Dictionary<string, int>
    {
        ["Workflows"] = 1, ["WorkflowVersions"] = 2, ["Executions"] = 3, ["NodeExecutions"] = 5, ["ExecutionLogs"] = 7, ["Checkpoints"] = 1,
    };

    public static string SourcePath([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, FileName);

    public static string OutputPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", FileName);

    public static async Task BuildAsync(string path, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase($"Data Source={path};Pooling=False", TimeSpan.FromSeconds(5));
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateToAsync(1, cancellationToken);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var transaction = connection.BeginTransaction())
        {
            var sql = new SqlWriter(connection, transaction);
            await InsertWorkflowAsync(sql, cancellationToken);
            await InsertRunsAsync(sql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // A single self-contained file: fold the WAL back in and stop using it.
        await new SqlWriter(connection, null).ExecAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;", cancellationToken);
    }

    private static async Task InsertWorkflowAsync(SqlWriter sql, CancellationToken ct)
    {
        var v1 = TestData.Workflow("Customer onboarding", WorkflowId, nodeCount: 2);
        var v2 = TestData.Workflow("Customer onboarding", WorkflowId, nodeCount: 3);
        await sql.ExecAsync("INSERT INTO Workflows VALUES ($id, 'Customer onboarding', 'Welcome mail and CRM entry', 2, 1761998400000, 1762002000000)", ct,
            ("$id", WorkflowId.ToString()));
        await sql.ExecAsync("INSERT INTO WorkflowVersions VALUES ($id, 1, $json, 2, 'first draft', 1761998400000)", ct,
            ("$id", WorkflowId.ToString()), ("$json", WorkflowJson.Serialize(v1)));
        await sql.ExecAsync("INSERT INTO WorkflowVersions VALUES ($id, 2, $json, 3, 'added CRM step', 1762002000000)", ct,
            ("$id", WorkflowId.ToString()), ("$json", WorkflowJson.Serialize(v2)));
    }

    private static async Task InsertRunsAsync(SqlWriter sql, CancellationToken ct)
    {
        const string execution =
            "INSERT INTO Executions (Id, WorkflowId, WorkflowVersion, WorkflowName, Status, Mode, Input, Output, CreatedAt, StartedAt, StoppedAt, PausedAt, " +
            "ErrorMessage, ErrorNodeId, TotalNodes, CompletedNodes, FailedNodes, Breakpoints, Version) " +
            "VALUES ($id, $wf, $ver, 'Customer onboarding', $status, 0, $input, $output, $created, $started, $stopped, $paused, $error, $errorNode, 3, $done, $failed, '[]', $version)";
        (string, object?)[] Run(Guid id, int version, int status, long created, long? stopped, long? paused, string? output, string? error, string? errorNode, int done, int failed, long rowVersion) =>
        [
            ("$id", id.ToString()), ("$wf", WorkflowId.ToString()), ("$ver", version), ("$status", status), ("$input", """{"customer":"ACME"}"""),
            ("$output", output), ("$created", created), ("$started", created + 5), ("$stopped", stopped), ("$paused", paused),
            ("$error", error), ("$errorNode", errorNode), ("$done", done), ("$failed", failed), ("$version", rowVersion),
        ];
        await sql.ExecAsync(execution, ct, Run(CompletedRunId, 1, 3, 1762000000000, 1762000001500, null, """{"welcomed":true}""", null, null, 2, 0, 4));
        await sql.ExecAsync(execution, ct, Run(FailedRunId, 2, 4, 1762003600000, 1762003602000, null, null, "CRM returned 500", "crm", 1, 1, 3));
        await sql.ExecAsync(execution, ct, Run(PausedRunId, 2, 2, 1762007200000, null, 1762007201000, null, null, null, 2, 0, 3));

        const string node =
            "INSERT INTO NodeExecutions VALUES ($id, $run, $node, $node, $type, $step, $status, $attempts, $started, $finished, '{}', $output, $port, $error, $attempts_log)";
        var nodes = new (Guid Run, string Node, string Type, long Step, int Status, int Attempts, string? Output, string? Port, string? Error)[]
        {
            (CompletedRunId, "trigger", "manual-trigger", 0, 3, 1, """{"customer":"ACME"}""", "out", null),
            (CompletedRunId, "log1", "log", 1, 3, 1, """{"message":"Welcome ACME"}""", "out", null),
            (FailedRunId, "trigger", "manual-trigger", 0, 3, 1, """{"customer":"ACME"}""", "out", null),
            (FailedRunId, "crm", "http-request", 1, 4, 3, null, null, "CRM returned 500"),
            (PausedRunId, "trigger", "manual-trigger", 0, 3, 1, """{"customer":"ACME"}""", "out", null),
        };
        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            await sql.ExecAsync(node, ct, ("$id", $"aaaaaaaa-0000-4000-8000-{i:D12}"), ("$run", n.Run.ToString()), ("$node", n.Node), ("$type", n.Type),
                ("$step", n.Step), ("$status", n.Status), ("$attempts", n.Attempts), ("$started", 1762000000000 + i * 1000), ("$finished", 1762000000200 + i * 1000),
                ("$output", n.Output), ("$port", n.Port), ("$error", n.Error),
                ("$attempts_log", $$"""[{"number":1,"startedAt":"2025-11-01T12:26:40+00:00","finishedAt":"2025-11-01T12:26:40.2+00:00","error":{{(n.Error is null ? "null" : $"\"{n.Error}\"")}}}]"""));
        }

        const string log = "INSERT INTO ExecutionLogs (ExecutionId, Timestamp, Level, Message, NodeId, Step, Data) VALUES ($run, $ts, $level, $message, $node, $step, $data)";
        var logs = new (Guid Run, int Level, string Message, string? Node, long? Step, string? Data)[]
        {
            (CompletedRunId, 2, "Execution started", null, null, null),
            (CompletedRunId, 2, "Welcome ACME", "log1", 1, null),
            (CompletedRunId, 2, "Execution completed", null, null, null),
            (FailedRunId, 3, "Attempt 1 of 3 failed: CRM returned 500", "crm", 1, """{"status":500}"""),
            (FailedRunId, 4, "CRM returned 500", "crm", 1, """{"status":500}"""),
            (PausedRunId, 2, "Execution started", null, null, null),
            (PausedRunId, 2, "Execution paused", null, null, null),
        };
        for (var i = 0; i < logs.Length; i++)
        {
            var l = logs[i];
            await sql.ExecAsync(log, ct, ("$run", l.Run.ToString()), ("$ts", 1762000000000 + i * 100), ("$level", l.Level), ("$message", l.Message),
                ("$node", l.Node), ("$step", l.Step), ("$data", l.Data));
        }

        await sql.ExecAsync("INSERT INTO Checkpoints VALUES ($run, $step, $state, 1, 1762007201000)", ct,
            ("$run", PausedRunId.ToString()), ("$step", PausedCheckpointStep), ("$state", PausedCheckpointState));
    }

    private sealed class SqlWriter(SqliteConnection connection, SqliteTransaction? transaction)
    {
        public async Task ExecAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
