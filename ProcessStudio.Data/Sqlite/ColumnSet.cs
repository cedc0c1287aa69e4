using Microsoft.Data.Sqlite;

namespace ProcessStudio.Data.Sqlite;

/// <summary>
/// The columns of one table and how to read each from its entity, so the hand-written hot-path SQL is generated
/// from a single list instead of repeating column names in every statement.
/// </summary>
internal sealed class ColumnSet<TEntity>(string table, params (string Name, Func<TEntity, object?> Value)[] columns)
{
    public string Table { get; } = table;

    public IEnumerable<string> Names => columns.Select(c => c.Name);

    public string InsertSql() =>
        $"INSERT INTO {Table} ({string.Join(", ", Names)}) VALUES ({string.Join(", ", Names.Select(n => "$" + n))})";

    /// <summary>INSERT ... ON CONFLICT (keys) DO UPDATE SET every other column, except those in <paramref name="keepOnUpdate"/>.</summary>
    public string UpsertSql(string[] conflictKeys, params string[] keepOnUpdate) => UpsertSql(conflictKeys, keepOnUpdate, []);

    /// <summary>As above; columns in <paramref name="keepWhenNull"/> keep their stored value when the new row leaves them null.</summary>
    public string UpsertSql(string[] conflictKeys, string[] keepOnUpdate, string[] keepWhenNull) =>
        $"{InsertSql()} ON CONFLICT ({string.Join(", ", conflictKeys)}) DO UPDATE SET " +
        string.Join(", ", Names.Except(conflictKeys).Except(keepOnUpdate)
            .Select(n => keepWhenNull.Contains(n) ? $"{n} = COALESCE(excluded.{n}, {n})" : $"{n} = excluded.{n}"));

    public SqliteCommand CreateCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in Names)
            command.Parameters.Add(new SqliteParameter("$" + name, null));
        return command;
    }

    public void Bind(SqliteCommand command, TEntity entity)
    {
        for (var i = 0; i < columns.Length; i++)
            command.Parameters[i].Value = columns[i].Value(entity) ?? DBNull.Value;
    }
}
