using System.Data.Common;
using Npgsql;

namespace ProcessStudio.Engine.Connections.Database;

/// <summary>
/// A database the Execute SQL node runs statements on: a SQLite file by path, or a PostgreSQL server by connection
/// string (which holds the password, so it is the secret field).
/// </summary>
public sealed class DatabaseCredentialType(DatabaseConnector connector) : ConnectionType
{
    public const string TypeName = "database";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Database",
        Description = "A SQLite file or a PostgreSQL server. Used by the Execute SQL node.",
        Icon = "database",
        SummaryFields = [DatabaseSettings.ProviderField, DatabaseSettings.PathField],
        Fields =
        [
            new(DatabaseSettings.ProviderField, "Database", ConnectionFieldKind.Select) { Options = [DatabaseSettings.Sqlite, DatabaseSettings.PostgreSql], Default = DatabaseSettings.Sqlite },
            new(DatabaseSettings.PathField, "File", ConnectionFieldKind.Text)
            {
                Required = true, Placeholder = "/var/lib/processstudio/orders.db",
                Description = "Path of the SQLite file on this server; created when missing.",
                VisibleWhen = new(DatabaseSettings.ProviderField, [DatabaseSettings.Sqlite]),
            },
            new(DatabaseSettings.ConnectionStringField, "Connection string", ConnectionFieldKind.Text)
            {
                Secret = true, Required = true, Placeholder = "Host=db.example.com;Database=orders;Username=app;Password=…",
                Description = "An Npgsql connection string; kept encrypted as a whole because it holds the password.",
                VisibleWhen = new(DatabaseSettings.ProviderField, [DatabaseSettings.PostgreSql]),
            },
        ],
    };

    public override IEnumerable<(string Field, string Message)> Validate(ConnectionValues values)
    {
        if (values.Text(DatabaseSettings.ProviderField) == DatabaseSettings.PostgreSql && values.Text(DatabaseSettings.ConnectionStringField) is { } text
            && ConnectionStringProblem(text) is { } problem)
            yield return (DatabaseSettings.ConnectionStringField, problem);
    }

    public override async Task<ConnectionTestResult> TestAsync(ConnectionValues values, CancellationToken cancellationToken)
    {
        DatabaseSettings settings;
        try { settings = DatabaseSettings.Read(values); }
        catch (FormatException ex) { return new ConnectionTestResult(false, ex.Message, []); }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeout);
        try
        {
            await using var connection = await connector.OpenAsync(settings, timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return new ConnectionTestResult(true, $"Connected to {connection.DataSource} ({settings.Provider}, server version {connection.ServerVersion}).", []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(false, $"The database did not answer within {TestTimeout.TotalSeconds:0} s.", []);
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException)
        {
            return new ConnectionTestResult(false, ex.Message, []);
        }
    }

    private static string? ConnectionStringProblem(string text)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"Not a PostgreSQL connection string: {ex.Message}";
        }
    }
}
