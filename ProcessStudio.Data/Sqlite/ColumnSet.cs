using Microsoft.Data.Sqlite;

namespace ProcessStudio.Data.Sqlite;

/// <summary>
/// The columns of one table and how to read each from its entity, so the hand-written hot-path SQL (SQLite's and
/// PostgreSQL's) is generated from a single list instead of repeating column names in every statement.
/// </summary>
internal sealed class ColumnSet<TEntity>(string table, params (string Name, Func<TEntity, object?> Value)[] columns)
{
    public string Table { get; } = table;

    public IEnumerable<string> Names => columns.Select(c => c.Name);

    public int Count => columns.Length;

    public string InsertSql(SqlDialect? dialect = null)
    {
        var d = dialect ?? SqlDialect.Sqlite;
        return $"INSERT INTO {d.Quote(Table)} ({string.Join(", ", Names.Select(d.Quote))}) " +
               $"VALUES ({string.Join(", ", columns.Select((c, i) => d.Parameter(c.Name, i)))})";
    }

    /// <summary>INSERT ... ON CONFLICT (keys) DO UPDATE SET every other column, except those in <paramref name="keepOnUpdate"/>.</summary>
    public string UpsertSql(string[] conflictKeys, params string[] keepOnUpdate) => UpsertSql(conflictKeys, keepOnUpdate, []);

    /// <summary>As above; columns in <paramref name="keepWhenNull"/> keep their stored value when the new row leaves them null.</summary>
    public string UpsertSql(string[] conflictKeys, string[] keepOnUpdate, string[] keepWhenNull, SqlDialect? dialect = null)
    {
        var d = dialect ?? SqlDialect.Sqlite;
        return $"{InsertSql(d)} ON CONFLICT ({string.Join(", ", conflictKeys.Select(d.Quote))}) DO UPDATE SET " +
               string.Join(", ", Names.Except(conflictKeys).Except(keepOnUpdate)
                   .Select(n => keepWhenNull.Contains(n)
                       ? $"{d.Quote(n)} = COALESCE(excluded.{d.Quote(n)}, {d.Quote(Table)}.{d.Quote(n)})"
                       : $"{d.Quote(n)} = excluded.{d.Quote(n)}"));
    }

    /// <summary>The entity's column values in column order, nulls as <see cref="DBNull"/>.</summary>
    public IEnumerable<object> Values(TEntity entity) => columns.Select(c => c.Value(entity) ?? DBNull.Value);

    /// <summary>The values of the named columns, in the order of <paramref name="names"/>.</summary>
    public IEnumerable<object> ValuesOf(TEntity entity, IEnumerable<string> names) =>
        names.Select(name => columns.Single(c => c.Name == name).Value(entity) ?? DBNull.Value);

    /// <summary>
    /// <paramref name="sql"/> prepared on <paramref name="connection"/>, its parameters bound in column order ($Name) and
    /// then <paramref name="extraParameters"/>.
    /// </summary>
    public PreparedStatement Prepare(SqliteConnection connection, string sql, params string[] extraParameters) =>
        new(connection, sql, Names.Select(n => "$" + n).Concat(extraParameters));

    /// <summary>Binds the entity's columns; extra parameters follow at positions <see cref="Count"/> and on.</summary>
    public void Bind(PreparedStatement statement, TEntity entity)
    {
        for (var i = 0; i < columns.Length; i++)
            statement.Bind(i, columns[i].Value(entity));
    }
}

/// <summary>How identifiers and parameters are written: SQLite takes names as they are, PostgreSQL folds unquoted names to lower case.</summary>
internal sealed record SqlDialect(Func<string, string> Quote, Func<string, int, string> Parameter)
{
    public static readonly SqlDialect Sqlite = new(name => name, (name, _) => "$" + name);

    /// <summary>Quoted identifiers (the schema's names are PascalCase) and positional parameters $1, $2, ...</summary>
    public static readonly SqlDialect Postgres = new(name => $"\"{name}\"", (_, index) => "$" + (index + 1));
}
