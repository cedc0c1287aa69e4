using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Pages.Dashboard;

namespace ProcessStudio.Web.Components.Tests.Dashboard;

/// <summary>The dashboard counts a run whose rollback failed as a failure and lists it; a compensated run is no failure there.</summary>
public sealed class DashboardFailuresTests : ComponentTest
{
    private readonly InMemoryExecutionStore _store = new();

    public DashboardFailuresTests()
    {
        Services.AddLogging();
        Services.AddSingleton<IExecutionStore>(_store);
        Services.AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System));
        Services.AddProcessStudioEngine();
        Services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new BuiltAssets());
        Services.AddSingleton<IconRegistry>();
    }

    private async Task AddRunAsync(string workflowName, ExecutionStatus status, string? error = null)
    {
        var now = DateTimeOffset.UtcNow;
        await _store.CreateAsync(new ExecutionRecord
        {
            Id = Guid.NewGuid(), WorkflowId = Guid.NewGuid(), WorkflowVersion = 1, WorkflowName = workflowName, Status = status,
            CreatedAt = now, StartedAt = now, StoppedAt = now, ErrorMessage = error,
        }, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_run_whose_rollback_failed_counts_as_failed_and_is_listed_with_its_error_and_a_compensated_run_is_not()
    {
        await AddRunAsync("Invoices", ExecutionStatus.Completed);
        await AddRunAsync("Orders", ExecutionStatus.CompensationFailed, "Node 'Ship' failed: no courier Compensation of node 'Charge card' failed: 503");
        await AddRunAsync("Bookings", ExecutionStatus.Compensated, "Node 'Pay' failed: declined");

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=stat-today] .stat-sub").TextContent.Should().Be("1 completed · 1 failed"));
        cut.Find("[data-testid=stat-week] .stat-sub").TextContent.Should().Contain("1 failed · 1 compensated");
        var failures = cut.Find("[aria-label='Recent failures']").TextContent;
        failures.Should().Contain("Orders").And.Contain("Compensation of node 'Charge card' failed");
        failures.Should().NotContain("Bookings", "the rollback handled that failure");
        cut.Find("[data-testid=stat-success] .stat-value").TextContent.Should().Be("33.3%");
    }
}
