using Npgsql;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A database of its own on the PostgreSQL server in PROCESSSTUDIO_TEST_POSTGRES (./test.sh starts a throwaway
/// cluster and sets it), dropped afterwards.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "PROCESSSTUDIO_TEST_POSTGRES";

    private PostgresTestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException($"{Variable} is not set.");
        var name = $"ps_web_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new PostgresTestDatabase(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    /// <summary>The configuration keys that put an app instance on this database.</summary>
    public Dictionary<string, string> AppSettings() => new() { ["ProcessStudio:Database:Provider"] = "postgres", ["ConnectionStrings:ProcessStudio"] = ConnectionString };

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await ExecuteAsync(AdminConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, with the reason, when no server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.AdminConnectionString is null)
            Skip = $"PostgreSQL is not available: {PostgresTestDatabase.Variable} is not set (./test.sh starts a throwaway PostgreSQL 15 cluster and sets it).";
    }
}
