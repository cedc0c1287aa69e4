using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Sqlite;
using SQLitePCL;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// An IMMEDIATE transaction on the execution writer's connection, with BEGIN, COMMIT, ROLLBACK and the step savepoint
/// prepared once (a <see cref="SqliteTransaction"/> prepares two statements to begin and one to commit, every time).
/// Disposing it without <see cref="Commit"/> rolls back whatever it still holds.
/// </summary>
internal sealed class WriteTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Statements _statements;

    public WriteTransaction(SqliteConnection connection, Statements statements)
    {
        _connection = connection;
        _statements = statements;
        statements.Begin.Execute();
    }

    public void Commit() => _statements.Commit.Execute();

    public void Rollback()
    {
        if (IsOpen) _statements.Rollback.Execute();
    }

    /// <summary>Marks a point that <see cref="RollbackToSavepoint"/> returns to, so one step's failure undoes only that step.</summary>
    public void Savepoint() => _statements.Savepoint.Execute();

    public void RollbackToSavepoint() => _statements.RollbackToSavepoint.Execute();

    public void ReleaseSavepoint() => _statements.ReleaseSavepoint.Execute();

    /// <summary>SQLite ends a transaction by itself on some errors (a full disk); then there is nothing left to roll back.</summary>
    private bool IsOpen => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    public void Dispose() => Rollback();

    internal sealed class Statements(SqliteConnection connection) : IDisposable
    {
        private const string StepSavepoint = "step";

        public PreparedStatement Begin { get; } = new(connection, "BEGIN IMMEDIATE", []);
        public PreparedStatement Commit { get; } = new(connection, "COMMIT", []);
        public PreparedStatement Rollback { get; } = new(connection, "ROLLBACK", []);
        public PreparedStatement Savepoint { get; } = new(connection, $"SAVEPOINT {StepSavepoint}", []);
        public PreparedStatement RollbackToSavepoint { get; } = new(connection, $"ROLLBACK TO {StepSavepoint}", []);
        public PreparedStatement ReleaseSavepoint { get; } = new(connection, $"RELEASE {StepSavepoint}", []);

        public void Dispose()
        {
            foreach (var statement in new[] { Begin, Commit, Rollback, Savepoint, RollbackToSavepoint, ReleaseSavepoint })
                statement.Dispose();
        }
    }
}
