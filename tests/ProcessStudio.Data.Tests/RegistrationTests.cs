using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Retention;
using ProcessStudio.Data.Stores;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddProcessStudioData_wires_singleton_stores_migrator_retention_and_a_scoped_context()
    {
        await using var db = await TestDatabase.CreateAsync();

        db.Get<IExecutionStore>().Should().BeOfType<SqliteExecutionStore>().And.BeSameAs(db.Get<IExecutionStore>());
        db.Get<IWorkflowStore>().Should().BeOfType<SqliteWorkflowStore>().And.BeSameAs(db.Get<IWorkflowStore>());
        db.Get<IDatabaseInitializer>().Should().BeSameAs(db.Get<DatabaseMigrator>());
        db.RetentionService().Should().BeOfType<ExecutionRetentionService>();

        await using var scope = db.Get<IServiceScopeFactory>().CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ProcessStudioDbContext>();
        (await context.Database.CanConnectAsync()).Should().BeTrue("an EF Core health check runs exactly this");
        db.FilePath.Should().Be(db.Database.FilePath);
    }

    [Fact]
    public async Task A_connection_string_overrides_the_data_folder()
    {
        var folder = TestDatabase.NewFolder();
        var file = Path.Combine(folder, "custom.sqlite");
        await using var db = TestDatabase.OpenUnmigrated(TestDatabase.NewFolder(), o => o.ConnectionString = $"Data Source={file}");

        await db.Migrator.MigrateAsync(CancellationToken.None);

        File.Exists(file).Should().BeTrue();
        File.Exists(db.FilePath).Should().BeFalse();
        Directory.Delete(folder, recursive: true);
    }
}
