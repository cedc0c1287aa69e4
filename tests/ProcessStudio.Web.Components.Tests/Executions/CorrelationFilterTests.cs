using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Security;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>The history's correlation id filter: read from a shared link, written back to the URL, applied to the rows.</summary>
public sealed class CorrelationFilterTests : ComponentTest
{
    private readonly InMemoryExecutionStore _store = new();

    public CorrelationFilterTests()
    {
        AddAuthorization().SetAuthorized("ada").SetPolicies(AccessPolicies.View, AccessPolicies.Operate);
        Services.AddLogging();
        Services.AddSingleton<IExecutionStore>(_store);
        Services.AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System));
        Services.AddProcessStudioEngine();
        Services.AddScoped<ConfirmService>();
        Services.AddScoped<ToastService>();
        Services.AddSingleton(sp => new AuditTrail(new NoAudit(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditTrail>.Instance));
        Services.AddScoped<UiActor>();
        Services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new BuiltAssets());
        Services.AddSingleton<IconRegistry>();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<ExecutionRecord> AddRunAsync(string workflowName, string? correlationId)
    {
        var run = new ExecutionRecord
        {
            Id = Guid.NewGuid(), WorkflowId = Guid.NewGuid(), WorkflowVersion = 1, WorkflowName = workflowName, Status = ExecutionStatus.Completed,
            CreatedAt = DateTimeOffset.UtcNow, CorrelationId = correlationId,
        };
        await _store.CreateAsync(run, null, CancellationToken.None);
        return run;
    }

    [Fact]
    public async Task A_shared_link_with_a_correlation_id_lists_only_that_transactions_runs()
    {
        await AddRunAsync("Invoice", "order-7");
        await AddRunAsync("Shipping", "order-7");
        await AddRunAsync("Invoice", "order-8");
        Navigation.NavigateTo("executions?correlation=order-7");

        var cut = Render<ExecutionsPage>();

        cut.WaitForAssertion(() => cut.FindAll(".executions-grid tbody tr a.status-link").Should().HaveCount(2));
        cut.Find(".executions-grid tbody").TextContent.Should().Contain("order-7").And.NotContain("order-8");
        cut.Find(".correlation-filter input").GetAttribute("value").Should().Be("order-7");
    }

    [Fact]
    public async Task Typing_a_correlation_id_filters_the_rows_and_goes_into_the_url()
    {
        await AddRunAsync("Invoice", "order-7");
        var wanted = await AddRunAsync("Invoice", "order-9");
        var cut = Render<ExecutionsPage>();
        cut.WaitForAssertion(() => cut.FindAll(".executions-grid tbody tr a.status-link").Should().HaveCount(2));

        cut.Find(".correlation-filter input").Input("order-9");

        cut.WaitForAssertion(() => Navigation.Uri.Should().EndWith("executions?correlation=order-9"), TimeSpan.FromSeconds(3));
        cut.WaitForAssertion(() => cut.FindAll(".executions-grid tbody tr a.status-link").Select(a => a.GetAttribute("data-execution-id"))
            .Should().Equal(wanted.Id.ToString()), TimeSpan.FromSeconds(3));
    }

    private sealed class NoAudit : IAuditStore
    {
        public Task AppendAsync(AuditEntry entry, ExecutionLogNote? note, CancellationToken ct) => Task.CompletedTask;
        public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct) => Task.FromResult(new Page<AuditEntry>([], 0, 0, 0));
    }
}
