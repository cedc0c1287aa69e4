using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProcessStudio.Data.Sqlite;

/// <summary>
/// One SQL statement prepared once on a connection and run many times, binding its parameters by position. The step
/// write path runs ≈ 6 of these per durable step: through <see cref="SqliteCommand"/> each run re-resolved every
/// parameter by name, built a data reader and prepared BEGIN and COMMIT again, which cost more CPU than SQLite's own work.
/// Errors surface as the <see cref="SqliteException"/> Microsoft.Data.Sqlite would throw (same codes and messages).
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    /// <param name="parameterNames">The parameters, in the order <see cref="Bind"/> takes their values ("$Name").</param>
    public PreparedStatement(SqliteConnection connection, string sql, IEnumerable<string> parameterNames)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
        _indexes = [.. parameterNames.Select(name => raw.sqlite3_bind_parameter_index(_statement, name))];
    }

    public int ParameterCount => _indexes.Length;

    /// <summary>Binds the value of the <paramref name="position"/>th parameter (a name the SQL does not use is skipped).</summary>
    public void Bind(int position, object? value)
    {
        var index = _indexes[position];
        if (index == 0) return;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text16(_statement, index, text.AsSpan()),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            _ => throw new NotSupportedException($"Cannot bind a {value.GetType().Name} to a SQLite parameter."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs the statement with the values bound since the last run; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>Runs a query that returns one integer (the first column of its first row, 0 when none).</summary>
    public long ExecuteScalar()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW) return raw.sqlite3_column_int64(_statement, 0);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return 0;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
