namespace ProcessStudio.Engine.Connections.Database;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>The values of a database credential, typed. Field names are the ones <see cref="DatabaseCredentialType"/> declares.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string Target)
{
    public const string ProviderField = "provider";
    public const string PathField = "path";
    public const string ConnectionStringField = "connectionString";
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>Reads the values; throws <see cref="FormatException"/> naming the field when one is missing.</summary>
    public static DatabaseSettings Read(ConnectionValues values) => values.Text(ProviderField) switch
    {
        PostgreSql => new(DatabaseProvider.PostgreSql, values.Text(ConnectionStringField) ?? throw new FormatException($"'{ConnectionStringField}' is required for PostgreSQL.")),
        Sqlite or null => new(DatabaseProvider.Sqlite, values.Text(PathField) ?? throw new FormatException($"'{PathField}' is required for SQLite.")),
        var other => throw new FormatException($"'{ProviderField}' must be {Sqlite} or {PostgreSql}, not '{other}'."),
    };
}
