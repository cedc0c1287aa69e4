namespace ProcessStudio.Data;

/// <summary>Where the database lives and how long finished runs are kept. Bound from the "Data" configuration section.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>SQLite (one machine, the default) or PostgreSQL (several instances sharing one database).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder holding the database file; relative paths resolve against the current directory.</summary>
    public string DataFolder { get; set; } = "data";

    public string DatabaseFileName { get; set; } = "processstudio.db";

    /// <summary>
    /// A full connection string: required for PostgreSQL; for SQLite it replaces <see cref="DataFolder"/> and
    /// <see cref="DatabaseFileName"/> when set.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a connection waits for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public RetentionOptions Retention { get; set; } = new();

    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? ConnectionString
            : $"Data Source={Path.GetFullPath(Path.Combine(DataFolder, DatabaseFileName))};Pooling=True";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class RetentionOptions
{
    /// <summary>Whether the background clean-up runs at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Finished executions (with their node records, logs and checkpoints) older than this are deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the clean-up runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
