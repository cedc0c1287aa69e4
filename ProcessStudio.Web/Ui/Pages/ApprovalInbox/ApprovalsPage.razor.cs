using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Ui.Pages.ApprovalInbox;

/// <summary>The approvals inbox: every Wait for approval node that waits, oldest first; a row opens its run, where the decision is made.</summary>
public sealed partial class ApprovalsPage
{
    private const int Limit = 200;
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<PendingApproval>? _pending;
    private IReadOnlyList<SelectOption> _workflowOptions = [];
    private string? _workflowId;
    private ExecutionStatusFeed? _feed;
    private RenderThrottle? _reloadThrottle;

    [Inject] private Approvals Approvals { get; set; } = default!;
    [Inject] private IWorkflowStore Workflows { get; set; } = default!;
    [Inject] private ILiveEventStream Events { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _workflowOptions = (await Workflows.ListAsync(null, _disposed.Token))
            .OrderBy(w => w.Name)
            .Select(w => new SelectOption(w.Id.ToString(), w.Name))
            .ToList();
        await LoadAsync();
        // Any run changing status may start or end a wait: reload, at most once a second.
        _reloadThrottle = new RenderThrottle(TimeSpan.FromSeconds(1), () => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }));
        _feed = new ExecutionStatusFeed(Events, _ => { _reloadThrottle.Signal(); return Task.CompletedTask; });
    }

    private async Task FilterAsync(string? workflowId)
    {
        _workflowId = workflowId;
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        _pending = await Approvals.ListAsync(Guid.TryParse(_workflowId, out var id) ? id : null, Limit, _disposed.Token);

    private void Open(PendingApproval approval) => Navigation.NavigateTo($"executions/{approval.ExecutionId}");

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_feed is not null) await _feed.DisposeAsync();
        _reloadThrottle?.Dispose();
        _disposed.Dispose();
    }
}
