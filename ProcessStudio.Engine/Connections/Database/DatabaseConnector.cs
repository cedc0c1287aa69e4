using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProcessStudio.Engine.Connections.Database;

/// <summary>Opens an ADO.NET connection for a database credential; Execute SQL and the credential's test share it.</summary>
public sealed class DatabaseConnector
{
    public async Task<DbConnection> OpenAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        DbConnection connection = settings.Provider switch
        {
            // ReadWriteCreate: a workflow may create its own tables in a new file; the folder must exist.
            DatabaseProvider.Sqlite => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = settings.Target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()),
            _ => new NpgsqlConnection(settings.Target),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes <paramref name="cancellationToken"/> stop a running statement. Npgsql does that itself; Microsoft.Data.Sqlite
    /// ignores the token once a statement runs, so SQLite is interrupted through its handle.
    /// </summary>
    public static IDisposable StopOnCancel(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection { Handle: { } handle }
            ? cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle))
            : default(CancellationTokenRegistration);
}
