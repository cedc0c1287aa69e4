using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>The live monitor of one run: canvas with overlays, controls, inspector, logs, timeline and replay.</summary>
public sealed partial class ExecutionPage
{
    private const string ChildRunsTab = "Child runs";
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(1);

    private IExecutionObserver? _observer;
    private readonly CancellationTokenSource _disposed = new();
    private bool _notFound;
    private bool _busy;
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    private string? _selectedNodeId;
    private NodeRunState? _inspectedState;
    private IReadOnlyList<NodeExecutionRecord> _nodeRecords = [];
    private JsonObject? _memory;
    private bool _memoryLoaded;
    private string _bottomTab = "Logs";
    private ReplayProjector? _replay;
    /// <summary>The workflow's latest version, read when the run finishes: retries can run it instead of the run's own.</summary>
    private int? _latestVersion;
    private RetryVersion _retryVersion = RetryVersion.Original;
    private DateTimeOffset? _replayMoment;
    private IReadOnlyList<ExecutionRecord> _children = [];
    private (ExecutionStatus, int, int)? _childrenKey;

    [Parameter] public Guid ExecutionId { get; set; }

    [Inject] private ExecutionObserverFactory Observers { get; set; } = default!;
    [Inject] private IWorkflowEngine Engine { get; set; } = default!;
    [Inject] private IExecutionStore Store { get; set; } = default!;
    [Inject] private IWorkflowStore Workflows { get; set; } = default!;
    [Inject] private ChildRuns ChildRunList { get; set; } = default!;
    [Inject] private CircuitReconnects Reconnects { get; set; } = default!;
    [Inject] private ConfirmService Confirm { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UiActor Actor { get; set; } = default!;

    private ExecutionViewModel? Run => _observer?.Model;

    private IReadOnlyDictionary<string, NodeOverlay> Overlays =>
        _replay is not null && _replayMoment is { } moment
            ? OverlayProjection.From(_replay.StateAt(moment), _now)
            : OverlayProjection.From(Run!.Nodes, _now, Run.Status);

    /// <summary>Items over each link: up to the replay moment while replaying, else everything so far.</summary>
    private IReadOnlyDictionary<string, int> LinkItems => Run!.LinkItems.For(Run.Workflow, _replayMoment);

    private IReadOnlySet<string> ActiveLinks => _replayMoment is null ? ActivePath.Of(Run!.Workflow, Run.Nodes) : new HashSet<string>();

    /// <summary>"Child runs" appears once the run has started one.</summary>
    private IReadOnlyList<string> BottomTabs => _children.Count > 0 ? ["Logs", "Timeline", ChildRunsTab] : ["Logs", "Timeline"];

    private NodeDefinition? SelectedNode => _selectedNodeId is null ? null : Run?.Workflow.FindNode(_selectedNodeId);
    private NodeRunState? SelectedState => _selectedNodeId is null ? null : Run?.Nodes.GetValueOrDefault(_selectedNodeId);
    private IReadOnlyList<ExecutionLogRecord> SelectedLogs => _selectedNodeId is null ? [] : Run!.Logs.ForNode(_selectedNodeId).ToList();
    private string? BreakpointNodeName => Run!.BreakpointNodeId is { } id ? Run.Workflow.FindNode(id)?.Name : null;
    private double? ReplayMarker => _replayMoment is { } m && Run is not null ? new TimelineLayout(Run.Workflow, Run.Timeline, _now).PercentOf(m) : null;

    protected override async Task OnParametersSetAsync()
    {
        if (_observer?.Model.Execution.Id == ExecutionId) return;
        await ReopenObserverAsync();
    }

    /// <summary>Opens the observer this run needs now: live while it can change, store-only once it has ended.</summary>
    private async Task ReopenObserverAsync()
    {
        await CloseObserverAsync();
        ResetSelection();
        _observer = await Observers.OpenAsync(ExecutionId, DispatchAsync, _disposed.Token);
        _notFound = _observer is null;
        if (_observer is null) return;
        Reconnects.Reconnected += ResyncAsync;
        AfterRunChanged();
        _ = TickClockAsync(_disposed.Token);
    }

    /// <summary>Applies observer changes on this circuit's dispatcher, then re-renders.</summary>
    private Task DispatchAsync(Action update) => InvokeAsync(() =>
    {
        update();
        AfterRunChanged();
        StateHasChanged();
    });

    private void AfterRunChanged()
    {
        if (Run is null) return;
        _now = DateTimeOffset.UtcNow;
        if (SelectedState is { } state && !ReferenceEquals(state, _inspectedState))
        {
            _inspectedState = state;
            _ = LoadNodeRecordsAsync(state.NodeId);
        }
        if (ChildRuns.RefreshKey(Run.Execution) != _childrenKey)
        {
            _childrenKey = ChildRuns.RefreshKey(Run.Execution);
            _ = LoadChildrenAsync();
        }
        if (Run.IsFinished && _latestVersion is null) _ = LoadLatestVersionAsync();
        if (Run.IsAtBreakpoint != _memoryLoaded)
        {
            _memoryLoaded = Run.IsAtBreakpoint;
            if (Run.IsAtBreakpoint) _ = LoadMemoryAsync();
            else _memory = null;
        }
    }

    /// <summary>Keeps the elapsed time moving while the run is active; the run's data itself only changes through events.</summary>
    private async Task TickClockAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ClockTick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Run is not { Execution.IsActive: true }) continue;
                await InvokeAsync(() => { _now = DateTimeOffset.UtcNow; StateHasChanged(); });
            }
        }
        catch (OperationCanceledException) { }
    }

    private void SelectNode(string? nodeId)
    {
        _selectedNodeId = nodeId;
        _inspectedState = null;
        _nodeRecords = [];
        AfterRunChanged();
    }

    private async Task LoadNodeRecordsAsync(string nodeId)
    {
        var records = await Store.GetNodeExecutionsAsync(ExecutionId, _disposed.Token);
        await InvokeAsync(() =>
        {
            if (_selectedNodeId != nodeId) return;
            _nodeRecords = records.Where(r => r.NodeId == nodeId).OrderBy(r => r.Step).ToList();
            StateHasChanged();
        });
    }

    private async Task LoadChildrenAsync()
    {
        var parentId = ExecutionId;
        var children = await ChildRunList.LoadAsync(parentId, _disposed.Token);
        await InvokeAsync(() =>
        {
            if (ExecutionId != parentId) return;   // the page moved on to another run meanwhile
            _children = children;
            StateHasChanged();
        });
    }

    private async Task LoadMemoryAsync()
    {
        var memory = await Engine.GetMemoryAsync(ExecutionId, _disposed.Token);
        await InvokeAsync(() => { _memory = memory; StateHasChanged(); });
    }

    private async Task OnCommandAsync(RunCommand command)
    {
        if (!await Actor.AllowsAsync(AccessPolicies.Operate))
        {
            Toasts.Error("Not allowed", "Your role cannot control runs.");
            return;
        }
        if (command == RunCommand.Compensate && !await Confirm.ConfirmAsync("Compensate this run?",
                "The compensating paths of the completed nodes run now, last completed first, to undo their work. " +
                "The run ends compensated, or compensationFailed if an undo fails.", "Compensate"))
            return;
        if (command == RunCommand.Cancel && !await Confirm.ConfirmAsync("Cancel this run?",
                "Running nodes are interrupted and the run ends as cancelled. This cannot be undone.", "Cancel run"))
            return;

        _busy = true;
        try
        {
            var result = command switch
            {
                RunCommand.Pause => await Engine.PauseAsync(ExecutionId, _disposed.Token),
                RunCommand.Resume => await Engine.ResumeAsync(ExecutionId, _disposed.Token),
                RunCommand.ResumeOnLatest => await Engine.ResumeAsync(ExecutionId, await LatestVersionAsync(), _disposed.Token),
                RunCommand.Cancel => await Engine.CancelAsync(ExecutionId, _disposed.Token),
                RunCommand.Step => await Engine.StepAsync(ExecutionId, _disposed.Token),
                RunCommand.RetryFromStart => await Engine.RetryAsync(ExecutionId, RetryMode.FromStart, null, _retryVersion, _disposed.Token),
                RunCommand.RetryFromFailed => await Engine.RetryAsync(ExecutionId, RetryMode.FromFailedNode, Run?.Execution.ErrorNodeId, _retryVersion, _disposed.Token),
                RunCommand.Compensate => await Engine.CompensateAsync(ExecutionId, _disposed.Token),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
            };
            await Actor.RecordAsync(AuditActionFor(command), AuditTarget.Execution(result.Id), _disposed.Token);
            if (result.Id != ExecutionId) Navigation.NavigateTo($"executions/{result.Id}");
            else if (command == RunCommand.Compensate) await ReopenObserverAsync();   // the ended run is live again while it rolls back
        }
        catch (Exception ex) when (ex is InvalidTransitionException or NotFoundException or ConcurrencyConflictException
                                       or CheckpointInvalidException or WorkflowInvalidException or ProcessStudio.Engine.Execution.Remote.RunCommandUnansweredException)
        {
            // A retry on the current version fails like this when that version lacks the failed node or is invalid.
            Toasts.Error($"Could not {command.ToString().ToLowerInvariant()} the run", ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<int?> LatestVersionAsync() => await Workflows.GetLatestVersionNumberAsync(Run!.Execution.WorkflowId, _disposed.Token);

    private static AuditAction AuditActionFor(RunCommand command) => command switch
    {
        RunCommand.Pause => AuditAction.ExecutionPaused,
        RunCommand.Resume or RunCommand.ResumeOnLatest => AuditAction.ExecutionResumed,
        RunCommand.Cancel => AuditAction.ExecutionCancelled,
        RunCommand.Step => AuditAction.ExecutionStepped,
        RunCommand.Compensate => AuditAction.ExecutionCompensated,
        _ => AuditAction.ExecutionRetried,
    };

    private async Task LoadLatestVersionAsync()
    {
        _latestVersion = Run!.Execution.WorkflowVersion;   // asked once; the real number follows
        try
        {
            var latest = await Workflows.GetLatestVersionNumberAsync(Run.Execution.WorkflowId, _disposed.Token);
            await InvokeAsync(() => { _latestVersion = latest; StateHasChanged(); });
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    private async Task RestartFromNodeAsync(string nodeId)
    {
        if (!await Actor.AllowsAsync(AccessPolicies.Operate))
        {
            Toasts.Error("Not allowed", "Your role cannot control runs.");
            return;
        }
        _busy = true;
        try
        {
            var retry = await Engine.RetryAsync(ExecutionId, RetryMode.FromNode, nodeId, _disposed.Token);
            await Actor.RecordAsync(AuditAction.ExecutionRetried, AuditTarget.Execution(retry.Id), _disposed.Token);
            Navigation.NavigateTo($"executions/{retry.Id}");
        }
        catch (Exception ex) when (ex is InvalidTransitionException or NotFoundException or InvalidOperationException)
        {
            Toasts.Error("Could not restart from this node", ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private void StartReplay()
    {
        _replay = new ReplayProjector(Run!.Timeline, Run.Workflow.Nodes.Select(n => n.Id).ToList(), Run.Compensable);
        _replayMoment = _replay.End;
        _bottomTab = "Timeline";
    }

    private void OnReplayMoment(DateTimeOffset moment) => _replayMoment = moment;

    private void ExitReplay()
    {
        _replay = null;
        _replayMoment = null;
    }

    private Task ResyncAsync() => _observer?.ResyncAsync(_disposed.Token) ?? Task.CompletedTask;

    private void ResetSelection()
    {
        _selectedNodeId = null;
        _inspectedState = null;
        _nodeRecords = [];
        _memory = null;
        _memoryLoaded = false;
        _children = [];
        _childrenKey = null;
        if (_bottomTab == ChildRunsTab) _bottomTab = "Logs";
        ExitReplay();
    }

    private async Task CloseObserverAsync()
    {
        Reconnects.Reconnected -= ResyncAsync;
        if (_observer is not null) await _observer.DisposeAsync();
        _observer = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await CloseObserverAsync();
        _disposed.Dispose();
    }
}
