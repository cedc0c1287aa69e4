using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Retention;

namespace ProcessStudio.Data.Sqlite;

/// <summary>The database file's connection string and the per-connection settings every connection gets.</summary>
public sealed class SqliteDatabase : IDatabaseSpace
{
    public SqliteDatabase(string connectionString, TimeSpan busyTimeout)
    {
        ConnectionString = connectionString;
        ConnectionPragmas = string.Join(" ",
            // A new database gets 2 KB pages (SQLite's default is 4 KB). A durable step changes a few small rows in
            // ≈ 6 b-trees and the WAL takes each changed page whole: a chain step writes ≈ 17 KB instead of ≈ 26 KB.
            // 1 KB pages wrote less per step but pushed node records (WITHOUT ROWID, ≈ 230 B inline at 1 KB) into
            // overflow pages and doubled what atBoundaries wrote (docs/performance.md, "Durable write path"). No effect
            // on an existing file.
            "PRAGMA page_size = 2048;",
            "PRAGMA foreign_keys = ON;",
            // In WAL mode NORMAL is durable across application crashes; only an OS crash or power loss can drop the
            // last commits (never corrupt the file).
            "PRAGMA synchronous = NORMAL;",
            // Waits for another process's write lock; writers in this process queue on SqliteWriteGate instead.
            $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};",
            // 8 MB of page cache keeps the step hot path's index pages in memory.
            "PRAGMA cache_size = -8000;",
            // Checkpoint the WAL every 4,000 pages (≈ 8 MB with 2 KB pages, ≈ 16 MB in files made with 4 KB pages) instead of
            // SQLite's 1,000: a busy run pays fewer fsyncs. Trim it back to 32 MB.
            "PRAGMA wal_autocheckpoint = 4000;",
            "PRAGMA journal_size_limit = 33554432;");
    }

    public string ConnectionString { get; }

    /// <summary>Settings that SQLite keeps per connection, so they are applied on every open.</summary>
    public string ConnectionPragmas { get; }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ApplyPragmasAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task ApplyPragmasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a consistent, compacted copy of the live database to <paramref name="targetPath"/> (VACUUM INTO), while
    /// runs keep writing. Copying the .db file alone is not a backup in WAL mode: recent commits live in the -wal file.
    /// </summary>
    public async Task BackupToAsync(string targetPath, CancellationToken cancellationToken)
    {
        if (File.Exists(targetPath))
            throw new IOException($"The backup target '{targetPath}' already exists.");
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", Path.GetFullPath(targetPath));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the pages that deletes freed back to the file system: an incremental vacuum, then a WAL checkpoint so the
    /// main file is truncated now. A database created before auto_vacuum was enabled is converted once with a full
    /// VACUUM (which rewrites the file). Returns how many free pages were released. Callers hold the write gate.
    /// </summary>
    public async Task<long> ReclaimFreePagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var before = await ScalarAsync(connection, "PRAGMA freelist_count;", cancellationToken);
        if (await ScalarAsync(connection, "PRAGMA auto_vacuum;", cancellationToken) != IncrementalAutoVacuum)
            await ExecuteAsync(connection, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM;", cancellationToken);
        await ExecuteAsync(connection, "PRAGMA incremental_vacuum;", cancellationToken);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        return before - await ScalarAsync(connection, "PRAGMA freelist_count;", cancellationToken);
    }

    /// <summary>The value of <c>PRAGMA auto_vacuum</c> for INCREMENTAL.</summary>
    public const long IncrementalAutoVacuum = 2;

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Full path of the database file, or null for in-memory databases.</summary>
    public string? FilePath
    {
        get
        {
            var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
        }
    }
}
