using Npgsql;

namespace ProcessStudio.Data.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in PROCESSSTUDIO_TEST_POSTGRES, which ./test.sh sets to
/// a throwaway cluster it starts. Every test gets a database of its own, dropped afterwards.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "PROCESSSTUDIO_TEST_POSTGRES";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => AdminConnectionString is null
        ? $"PostgreSQL is not available: {Variable} is not set (./test.sh starts a throwaway PostgreSQL 15 cluster and sets it)."
        : null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"ps_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Admin()) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Admin() => AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
}
