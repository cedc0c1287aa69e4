using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProcessStudio.Data.Sqlite;

/// <summary>Applies the per-connection pragmas to every connection EF Core opens.</summary>
internal sealed class SqlitePragmaInterceptor(SqliteDatabase database) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = database.ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        database.ApplyPragmasAsync((SqliteConnection)connection, cancellationToken);
}
