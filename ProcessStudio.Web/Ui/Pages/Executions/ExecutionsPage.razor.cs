using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Live;
using MudBlazor;

namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>
/// The executions history. Rows of running runs update from the engine's status events; a new run on the first page
/// reloads it (at most once a second). The store is only queried when filters change or events say something moved.
/// </summary>
public sealed partial class ExecutionsPage
{
    private static readonly IReadOnlyList<SelectOption> StatusOptions =
        Enum.GetValues<ExecutionStatus>().Select(s => new SelectOption(s.ToString(), s.ToString())).ToList();
    private static readonly IReadOnlyList<SelectOption> ModeOptions =
        Enum.GetValues<ExecutionMode>().Select(m => new SelectOption(m.ToString(), m.ToString())).ToList();

    private readonly CancellationTokenSource _disposed = new();
    private HashSet<ExecutionRecord> _selected = [];
    private HistoryFilter _filter = new();
    private MudDataGrid<ExecutionRecord>? _grid;
    /// <summary>The rows on screen; status events update them in place.</summary>
    private IReadOnlyList<ExecutionRecord> _rows = [];
    private IReadOnlyList<SelectOption> _workflowOptions = [];
    private ExecutionStatusFeed? _feed;
    private RenderThrottle? _reloadThrottle;
    private bool _busy;

    [Inject] private IExecutionStore Store { get; set; } = default!;
    [Inject] private IWorkflowStore Workflows { get; set; } = default!;
    [Inject] private IWorkflowEngine Engine { get; set; } = default!;
    [Inject] private ILiveEventStream Events { get; set; } = default!;
    [Inject] private ConfirmService Confirm { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UiActor Actor { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Filters, sort and page live in the URL: a reload or a shared link shows the same view.
        _filter = HistoryFilter.FromQuery(GridUrlState.Read(Navigation));
        _workflowOptions = (await Workflows.ListAsync(null, _disposed.Token))
            .OrderBy(w => w.Name)
            .Select(w => new SelectOption(w.Id.ToString(), w.Name))
            .ToList();
        _reloadThrottle = new RenderThrottle(TimeSpan.FromSeconds(1), () => InvokeAsync(ReloadAsync));
        _feed = new ExecutionStatusFeed(Events, changes => InvokeAsync(() => OnStatusChanges(changes)));
    }

    private SortDirection InitialDirection(string column) => GridUrlState.InitialDirection(_filter.SortBy, _filter.Descending, column);

    /// <summary>The grid asks for a page: its page and sort join the filters, the URL follows, the store answers.</summary>
    private async Task<GridData<ExecutionRecord>> LoadGridAsync(GridState<ExecutionRecord> state, CancellationToken cancellationToken)
    {
        var (page, sortBy, descending) = GridUrlState.From(state, SortColumn, "createdAt");
        _filter = _filter with { Page = page, SortBy = sortBy, Descending = descending };
        GridUrlState.Keep(Navigation, "executions", _filter.ToQueryString());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var rows = await Store.QueryAsync(_filter.ToQuery(), linked.Token);
        _rows = rows.Items;
        return new GridData<ExecutionRecord> { Items = rows.Items, TotalItems = rows.Total };
    }

    private static string SortColumn(string property) => property switch
    {
        nameof(ExecutionRecord.Status) => "status",
        nameof(ExecutionRecord.WorkflowName) => "workflowName",
        nameof(ExecutionRecord.StartedAt) => "startedAt",
        nameof(ExecutionRecord.DurationMs) => "duration",
        _ => "createdAt",
    };

    private async Task ApplyAsync(HistoryFilter filter)
    {
        _filter = filter;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        ClearSelection();
        if (_grid is null) return;
        // New filters start at the first page; the grid asks LoadGridAsync for it.
        if (_filter.Page == 0 && _grid.CurrentPage != 0) _grid.NavigateTo(MudBlazor.Page.First);
        else await _grid.ReloadServerData();
    }

    private void OnStatusChanges(IReadOnlyCollection<ExecutionStatusChanged> changes)
    {
        var rows = _rows.ToDictionary(r => r.Id);
        var unseen = false;
        foreach (var change in changes)
        {
            if (!rows.TryGetValue(change.ExecutionId, out var row))
            {
                unseen = true;
                continue;
            }
            row.Status = change.Status;
            row.TotalNodes = change.TotalNodes;
            row.CompletedNodes = change.CompletedNodes;
            row.FailedNodes = change.FailedNodes;
            row.ErrorMessage = change.ErrorMessage ?? row.ErrorMessage;
            if (change.Status == ExecutionStatus.Running) row.StartedAt ??= change.Timestamp;
            if (change.Status.IsFinished()) row.StoppedAt ??= change.Timestamp;
        }
        // A run this page has not listed yet belongs on top of the default view: fetch it.
        if (unseen && _filter.IsDefaultView) _reloadThrottle?.Signal();
        StateHasChanged();
    }

    private void OnSelectionChanged(HashSet<ExecutionRecord> selected) => _selected = selected;

    private void ClearSelection() => _selected = [];

    private async Task CancelSelectedAsync()
    {
        var active = _selected.Where(r => r.IsActive).Select(r => r.Id).ToList();
        if (!await Confirm.ConfirmAsync($"Cancel {active.Count} run(s)?", "Running nodes are interrupted and the runs end as cancelled.", "Cancel runs"))
            return;
        if (!await Actor.AllowsAsync(AccessPolicies.Operate)) return;
        await RunBulkAsync(async () =>
        {
            var failures = 0;
            foreach (var id in active)
            {
                try
                {
                    await Engine.CancelAsync(id, _disposed.Token);
                    await Actor.RecordAsync(AuditAction.ExecutionCancelled, AuditTarget.Execution(id), _disposed.Token);
                }
                catch (Exception ex) when (ex is InvalidTransitionException or NotFoundException or ConcurrencyConflictException
                                               or ProcessStudio.Engine.Execution.Remote.RunCommandUnansweredException) { failures++; }
            }
            Report("Cancelled", active.Count - failures, failures);
        });
    }

    private async Task DeleteSelectedAsync()
    {
        var finished = _selected.Where(r => !r.IsActive).Select(r => r.Id).ToList();
        if (!await Confirm.ConfirmAsync($"Delete {finished.Count} execution(s)?", "Their logs and node records are deleted too. Running executions are skipped.", "Delete"))
            return;
        if (!await Actor.AllowsAsync(AccessPolicies.Operate)) return;
        await RunBulkAsync(async () =>
        {
            var deleted = await Store.DeleteAsync(finished, _disposed.Token);
            foreach (var id in finished)
                await Actor.RecordAsync(AuditAction.ExecutionDeleted, AuditTarget.Execution(id), _disposed.Token);
            Report("Deleted", deleted, finished.Count - deleted);
        });
    }

    private async Task RunBulkAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Report(string verb, int done, int failed)
    {
        if (failed == 0) Toasts.Success($"{verb} {done} execution(s)");
        else Toasts.Warning($"{verb} {done} execution(s)", $"{failed} could not be changed; they may have finished already.");
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_feed is not null) await _feed.DisposeAsync();
        _reloadThrottle?.Dispose();
        _disposed.Dispose();
    }
}
