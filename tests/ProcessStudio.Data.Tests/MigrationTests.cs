using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Tests.Fixtures;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

public sealed class MigrationTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_new_database_gets_every_migration_once_in_wal_mode()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Migrator.MigrateAsync(Ct);

        (await db.Migrator.GetCurrentVersionAsync(Ct)).Should().Be(MigrationCatalog.LatestVersion);
        (await db.ScalarAsync("SELECT COUNT(*) FROM __Migrations")).Should().Be(MigrationCatalog.All.Count);
        MigrationCatalog.All.Select(m => m.Version).Should().Equal(Enumerable.Range(1, MigrationCatalog.All.Count));
        (await db.ScalarAsync("SELECT COUNT(*) FROM ExecutionStatuses")).Should().Be(Enum.GetValues<ExecutionStatus>().Length);
        await using var connection = await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync(Ct)).Should().Be("wal");
    }

    [Fact]
    public async Task The_status_lookup_names_every_execution_status()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.Get<IDbContextFactory<ProcessStudioDbContext>>().CreateDbContextAsync(Ct);

        var rows = await context.ExecutionStatuses.OrderBy(s => s.Id).ToListAsync(Ct);

        rows.Select(r => (r.Id, r.Name)).Should().Equal(Enum.GetValues<ExecutionStatus>().Select(s => ((int)s, s.ToString().ToLowerInvariant())));
    }

    [Fact]
    public async Task Every_column_the_ef_model_maps_exists_in_the_migrated_schema()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.Get<IDbContextFactory<ProcessStudioDbContext>>().CreateDbContextAsync(Ct);

        foreach (var entity in context.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName();
                (await db.ScalarAsync($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"))
                    .Should().Be(1, $"{table}.{column} is mapped by EF Core");
            }
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_with_a_clear_message()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var connection = await db.Database.OpenConnectionAsync(Ct))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO __Migrations VALUES (99, 'from_the_future', 0)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var migrate = () => db.Migrator.MigrateAsync(Ct);

        await migrate.Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99*newer*");
    }

    [Fact]
    public async Task The_v1_fixture_upgrades_in_place_without_losing_a_row()
    {
        var folder = TestDatabase.NewFolder();
        File.Copy(SchemaV1Fixture.OutputPath, Path.Combine(folder, "processstudio.db"));
        await using var db = TestDatabase.OpenUnmigrated(folder);
        (await db.Migrator.GetCurrentVersionAsync(Ct)).Should().Be(1);

        await db.Migrator.MigrateAsync(Ct);

        (await db.Migrator.GetCurrentVersionAsync(Ct)).Should().Be(MigrationCatalog.LatestVersion);
        foreach (var (table, count) in SchemaV1Fixture.RowCounts)
            (await db.ScalarAsync($"SELECT COUNT(*) FROM {table}")).Should().Be(count, $"every {table} row survives the upgrade");

        await ItsWorkflowHistoryIsReadable(db);
        await ItsPausedRunCanBeResumedOnTheNewSchema(db);
    }

    private static async Task ItsWorkflowHistoryIsReadable(TestDatabase db)
    {
        var summary = (await db.Workflows.ListAsync(null, Ct)).Should().ContainSingle().Subject;
        summary.Id.Should().Be(SchemaV1Fixture.WorkflowId);
        summary.LatestVersion.Should().Be(2);
        summary.NodeCount.Should().Be(3);
        summary.LastRunStatus.Should().Be(ExecutionStatus.Paused);
        (await db.Workflows.GetVersionAsync(SchemaV1Fixture.WorkflowId, 1, Ct))!.Definition.Nodes.Should().HaveCount(2);

        var failed = await db.Executions.QueryAsync(new ExecutionQuery { Statuses = [ExecutionStatus.Failed] }, Ct);
        failed.Items.Should().ContainSingle().Which.ErrorNodeId.Should().Be("crm");
        (await db.Executions.QueryAsync(new ExecutionQuery { Search = "CRM returned" }, Ct)).Items.Select(r => r.Id).Should().Equal(SchemaV1Fixture.FailedRunId);

        (await db.Executions.GetAsync(SchemaV1Fixture.FailedRunId, Ct))!.Input!["customer"]!.GetValue<string>().Should().Be("ACME");
        (await db.ScalarAsync("SELECT COUNT(*) FROM Executions WHERE Input IS NOT NULL")).Should().Be(0, "migration 10 moves run inputs to value rows");
        (await db.ScalarAsync("SELECT COUNT(*) FROM ExecutionValues WHERE Key = 'input'")).Should().Be(3);

        var crm = (await db.Executions.GetNodeExecutionsAsync(SchemaV1Fixture.FailedRunId, Ct)).Single(n => n.NodeId == "crm");
        crm.Input!.ToJsonString().Should().Be("{}", "node inputs written before migration 10 stay inline");
        crm.Attempts.Should().Be(3);
        crm.AttemptLog.Should().ContainSingle().Which.Error.Should().Be("CRM returned 500");
        crm.Progress.Should().BeNull("v1 had no progress column");

        var warnings = await db.Executions.GetLogsAsync(SchemaV1Fixture.FailedRunId, new LogQuery { MinLevel = Microsoft.Extensions.Logging.LogLevel.Warning, NodeId = "crm" }, Ct);
        warnings.Items.Should().HaveCount(2);
        (await db.Executions.GetStatisticsAsync(SchemaV1Fixture.FirstRunAt.AddDays(-1), SchemaV1Fixture.FirstRunAt.AddDays(1), null, Ct)).Total.Should().Be(3);
    }

    private static async Task ItsPausedRunCanBeResumedOnTheNewSchema(TestDatabase db)
    {
        var store = db.Executions;
        var checkpoint = await store.GetCheckpointAsync(SchemaV1Fixture.PausedRunId, Ct);
        checkpoint!.IsActive.Should().BeTrue();
        checkpoint.StateJson.Should().Be(SchemaV1Fixture.PausedCheckpointState);
        (await store.GetCheckpointAtStepAsync(SchemaV1Fixture.PausedRunId, SchemaV1Fixture.PausedCheckpointStep, Ct))!.StateJson
            .Should().Be(SchemaV1Fixture.PausedCheckpointState, "migration 2 seeds the history from v1 checkpoints");
        checkpoint.BaseStep.Should().BeNull("checkpoints written before migration 8 are whole states");
        (await db.ScalarAsync("SELECT COUNT(*) FROM CheckpointHistory WHERE BaseStep IS NOT NULL")).Should().Be(0);

        var paused = await store.GetAsync(SchemaV1Fixture.PausedRunId, Ct);
        var resumed = await store.TryTransitionAsync(paused!.Id, paused.Version, [ExecutionStatus.Paused], r => r.Status = ExecutionStatus.Running, Ct);
        resumed.Should().NotBeNull();

        var step = TestData.Step(resumed!, SchemaV1Fixture.PausedCheckpointStep);
        step.NodeExecutions[0].Progress = new NodeProgress(1, 1, 1, "done");
        await store.CommitStepAsync(step, Ct);

        (await store.GetNodeExecutionsAsync(resumed!.Id, Ct)).Should().Contain(n => n.Progress != null && n.Progress.Message == "done");
        (await store.GetCheckpointAsync(resumed.Id, Ct))!.Step.Should().Be(SchemaV1Fixture.PausedCheckpointStep + 1);
        (await store.ListByStatusAsync([ExecutionStatus.Running], Ct)).Select(r => r.Id).Should().Equal(resumed.Id);
    }
}
