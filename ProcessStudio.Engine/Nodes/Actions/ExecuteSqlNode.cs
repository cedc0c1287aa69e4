using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Database;
using ProcessStudio.Engine.Nodes.Settings;
using ProcessStudio.Engine.Sql;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Runs one SQL statement on a database credential. Values come in only as named parameters (@name), rendered from
/// expressions, so a value never becomes SQL text. A query returns its rows as an array of objects (up to the row
/// cap); a command returns {affected}.
/// </summary>
public sealed class ExecuteSqlNode(IConnectionResolver connections, DatabaseConnector connector, IOptions<EngineOptions> options) : NodeType
{
    public const string TypeName = "execute-sql";
    private const string Query = "query";
    private const string Command = "command";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Execute SQL",
        Category = NodeCategory.Action,
        Description = "Runs a SQL statement on a SQLite or PostgreSQL database credential. Put values in as @name parameters; " +
                      "a query outputs its rows as an array of objects, a command outputs {affected}.",
        Icon = "database",
        Settings =
        [
            new("credential", "Database", SettingKind.Connection) { Required = true, ConnectionType = DatabaseCredentialType.TypeName, AllowsTemplates = false },
            new("mode", "Mode", SettingKind.Select)
            {
                Options = [Query, Command], Default = Query, AllowsTemplates = false,
                Description = "query: output the rows. command (INSERT, UPDATE, DELETE, DDL): output the number of rows affected.",
            },
            new("sql", "SQL", SettingKind.Code)
            {
                Required = true, AllowsTemplates = false,
                Placeholder = "SELECT id, total FROM orders WHERE customer = @customer AND total > @min",
                Description = "Refer to values as @name; never paste values into the text.",
            },
            new("parameters", "Parameters", SettingKind.KeyValue)
            {
                Description = "Name (without @) → value; values may be {{ }} templates and keep their type (number, text, true/false, null).",
            },
            new("maxRows", "Row cap", SettingKind.Integer) { Min = 1, Description = "Rows a query outputs at most; more are dropped with a warning. Empty: the server's cap." },
            new("timeout", "Timeout", SettingKind.Duration) { Placeholder = "30s", Description = "How long the statement may run. Empty: the server's default." },
        ],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var credential = await connections.ResolveAsync(NodeJson.String(context.Setting("credential")), "Database",
            [DatabaseCredentialType.TypeName], "a database credential", cancellationToken);
        var settings = ReadSettings(credential);
        var sql = NodeJson.String(context.Setting("sql"));
        if (string.IsNullOrWhiteSpace(sql))
            throw new NodeFailedException("Setting 'SQL' is empty.", "InvalidSetting");
        var parameters = context.Evaluated("parameters", cancellationToken) as JsonObject ?? [];
        if (SqlParameterNames.Referenced(sql).FirstOrDefault(name => !parameters.Any(p => string.Equals(p.Key.TrimStart('@'), name, StringComparison.OrdinalIgnoreCase))) is { } missing)
            throw new NodeFailedException($"The SQL refers to @{missing}, but setting 'Parameters' has no '{missing}'.", "InvalidSetting");
        var limits = options.Value.Sql;
        var maxRows = Math.Min(NodeJson.Int(context.Setting("maxRows")) is > 0 and int cap ? cap : limits.MaxRows, limits.MaxRows);
        var timeout = ReadTimeout(context, limits.CommandTimeout);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await using var connection = await connector.OpenAsync(settings, timeoutSource.Token);
            using var stop = DatabaseConnector.StopOnCancel(connection, timeoutSource.Token);
            await using var command = BuildCommand(connection, sql, parameters, timeout);
            JsonNode output = NodeJson.String(context.Setting("mode")) == Command
                ? new JsonObject { ["affected"] = await command.ExecuteNonQueryAsync(timeoutSource.Token) }
                : await ReadRowsAsync(command, maxRows, context, timeoutSource.Token);
            return NodeOutcome.Next(output);
        }
        catch (Exception ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or DbException)
        {
            throw new TimeoutException($"The statement on '{credential.Name}' did not finish within {timeout.TotalSeconds:0.#} s.");
        }
        catch (DbException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);   // interrupted because the run stops, not refused
        }
        catch (Exception ex) when (Explain(ex, credential.Name) is { } failure)
        {
            throw failure;
        }
    }

    private static DatabaseSettings ReadSettings(ResolvedConnection credential)
    {
        try { return DatabaseSettings.Read(credential.Values); }
        catch (FormatException ex) { throw new NodeFailedException($"Credential '{credential.Name}' is incomplete: {ex.Message}", "InvalidConnection"); }
    }

    private static TimeSpan ReadTimeout(NodeContext context, TimeSpan ceiling) =>
        DurationParser.TryParse(NodeJson.String(context.Setting("timeout")) ?? "", out var timeout) && timeout > TimeSpan.Zero && timeout < ceiling ? timeout : ceiling;

    private static DbCommand BuildCommand(DbConnection connection, string sql, JsonObject parameters, TimeSpan timeout)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name.StartsWith('@') || name.StartsWith(':') || name.StartsWith('$') ? name : "@" + name;
            parameter.Value = SqlValues.ToParameter(value);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task<JsonArray> ReadRowsAsync(DbCommand command, int maxRows, NodeContext context, CancellationToken cancellationToken)
    {
        var rows = new JsonArray();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == maxRows)
            {
                context.Log(LogLevel.Warning, $"The query returned more than {maxRows} rows; only the first {maxRows} are in the output.");
                break;
            }
            var row = new JsonObject();
            for (var i = 0; i < names.Length; i++)
                row[names[i]] = SqlValues.FromColumn(reader.GetValue(i));   // a repeated column name keeps the last value
            rows.Add(row);
        }
        return rows;
    }

    private static NodeFailedException? Explain(Exception error, string credential) => error switch
    {
        NpgsqlException { IsTransient: true } => new TransientFailureException($"Database '{credential}' is unavailable: {error.Message}", "SqlUnavailable", inner: error),
        DbException => new NodeFailedException($"Database '{credential}' refused the statement: {error.Message}", "SqlError", inner: error),
        InvalidOperationException or ArgumentException => new NodeFailedException($"Database '{credential}': {error.Message}", "SqlError", inner: error),
        _ => null,
    };
}
