using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Live;

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
    private readonly HashSet<Guid> _selected = [];
    private HistoryFilter _filter = new();
    private Page<ExecutionRecord>? _page;
    private IReadOnlyList<SelectOption> _workflowOptions = [];
    private ExecutionStatusFeed? _feed;
    private RenderThrottle? _reloadThrottle;
    private bool _busy;

    [Inject] private IExecutionStore Store { get; set; } = default!;
    [Inject] private IWorkflowStore Workflows { get; set; } = default!;
    [Inject] private IWorkflowEngine Engine { get; set; } = default!;
    [Inject] private IEngineEventStream Events { get; set; } = default!;
    [Inject] private ConfirmService Confirm { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UiActor Actor { get; set; } = default!;

    private int PageCount => _page is null ? 1 : Math.Max(1, (int)Math.Ceiling(_page.Total / (double)HistoryFilter.PageSize));
    private IEnumerable<ExecutionRecord> SelectedRows => _page?.Items.Where(r => _selected.Contains(r.Id)) ?? [];
    private bool AllChecked => _page is { Items.Count: > 0 } && _page.Items.All(r => _selected.Contains(r.Id));

    protected override async Task OnInitializedAsync()
    {
        _workflowOptions = (await Workflows.ListAsync(null, _disposed.Token))
            .OrderBy(w => w.Name)
            .Select(w => new SelectOption(w.Id.ToString(), w.Name))
            .ToList();
        await LoadAsync();
        _reloadThrottle = new RenderThrottle(TimeSpan.FromSeconds(1), () => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }));
        _feed = new ExecutionStatusFeed(Events, changes => InvokeAsync(() => OnStatusChanges(changes)));
    }

    private async Task ApplyAsync(HistoryFilter filter)
    {
        _filter = filter;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _page = await Store.QueryAsync(_filter.ToQuery(), _disposed.Token);
        _selected.IntersectWith(_page.Items.Select(r => r.Id));
    }

    private void OnStatusChanges(IReadOnlyCollection<ExecutionStatusChanged> changes)
    {
        if (_page is null) return;
        var rows = _page.Items.ToDictionary(r => r.Id);
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

    private void Open(Guid executionId) => Navigation.NavigateTo($"executions/{executionId}");

    private void Toggle(Guid executionId)
    {
        if (!_selected.Remove(executionId)) _selected.Add(executionId);
    }

    private void ToggleAll()
    {
        if (_page is null) return;
        if (AllChecked) _selected.Clear();
        else _selected.UnionWith(_page.Items.Select(r => r.Id));
    }

    private async Task CancelSelectedAsync()
    {
        var active = SelectedRows.Where(r => r.IsActive).Select(r => r.Id).ToList();
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
                catch (Exception ex) when (ex is InvalidTransitionException or NotFoundException or ConcurrencyConflictException) { failures++; }
            }
            Report("Cancelled", active.Count - failures, failures);
        });
    }

    private async Task DeleteSelectedAsync()
    {
        var finished = SelectedRows.Where(r => !r.IsActive).Select(r => r.Id).ToList();
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
            _selected.Clear();
            await LoadAsync();
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
