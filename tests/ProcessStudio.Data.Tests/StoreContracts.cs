namespace ProcessStudio.Data.Tests;

// The store contract suites, one class per store: the same tests on a SQLite file and on a PostgreSQL database.
// PostgreSQL classes are skipped, with the reason, when no server is configured (see PostgresAwareTestFramework).

public sealed class SqliteExecutionQueryTests() : ExecutionQueryTests(DatabaseProvider.Sqlite);
public sealed class PostgresExecutionQueryTests() : ExecutionQueryTests(DatabaseProvider.Postgres);

public sealed class SqliteExecutionStoreWriteTests() : ExecutionStoreWriteTests(DatabaseProvider.Sqlite);
public sealed class PostgresExecutionStoreWriteTests() : ExecutionStoreWriteTests(DatabaseProvider.Postgres);

public sealed class SqliteIdempotencyStoreTests() : IdempotencyStoreTests(DatabaseProvider.Sqlite);
public sealed class PostgresIdempotencyStoreTests() : IdempotencyStoreTests(DatabaseProvider.Postgres);

public sealed class SqliteScheduleStoreTests() : ScheduleStoreTests(DatabaseProvider.Sqlite);
public sealed class PostgresScheduleStoreTests() : ScheduleStoreTests(DatabaseProvider.Postgres);

public sealed class SqliteWorkflowStoreConcurrencyTests() : WorkflowStoreConcurrencyTests(DatabaseProvider.Sqlite);
public sealed class PostgresWorkflowStoreConcurrencyTests() : WorkflowStoreConcurrencyTests(DatabaseProvider.Postgres);

public sealed class SqliteWorkflowStoreTests() : WorkflowStoreTests(DatabaseProvider.Sqlite);
public sealed class PostgresWorkflowStoreTests() : WorkflowStoreTests(DatabaseProvider.Postgres);

public sealed class SqliteRetentionTests() : RetentionTests(DatabaseProvider.Sqlite);
public sealed class PostgresRetentionTests() : RetentionTests(DatabaseProvider.Postgres);

public sealed class SqliteRunCommandStoreTests() : RunCommandStoreTests(DatabaseProvider.Sqlite);
public sealed class PostgresRunCommandStoreTests() : RunCommandStoreTests(DatabaseProvider.Postgres);
