using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Workflows;

namespace ProcessStudio.Web.Ui.Pages.Designer;

/// <summary>The designer page: wires the palette, canvas and inspector to one <see cref="DesignerSession"/>, and saves to the store.</summary>
public sealed partial class DesignerPage
{
    private static readonly IReadOnlyList<string> InspectorTabs = ["Properties", "Problems"];
    private DesignerSession? _session;
    private WorkflowCanvas? _canvas;
    private Guid? _loadedId;
    private bool _notFound;
    private bool _saving;
    private bool _runOpen;
    private bool _versionsOpen;
    private bool _paletteOpen;
    private string _inspectorTab = "Properties";
    /// <summary>The latest run's data: real paths for expression hints, previews and "pin last run's output".</summary>
    private RunSample _sample = RunSample.None;

    [Inject] private IWorkflowStore Store { get; set; } = default!;
    [Inject] private INodeCatalog Catalog { get; set; } = default!;
    [Inject] private IWorkflowValidator Validator { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;
    [Inject] private ConfirmService Confirm { get; set; } = default!;
    [Inject] private UiActor Actor { get; set; } = default!;
    [Inject] private SecretFilter Secrets { get; set; } = default!;
    [Inject] private BrowserFiles Files { get; set; } = default!;
    [Inject] private ILogger<DesignerPage> Logger { get; set; } = default!;
    [Inject] private RunSampleLoader Samples { get; set; } = default!;

    /// <summary>The workflow to open; null on /workflows/new.</summary>
    [Parameter] public Guid? Id { get; set; }

    private IReadOnlyDictionary<string, int> ProblemCount =>
        new Dictionary<string, int> { ["Problems"] = _session?.Problems.Count(p => p.Severity == ProblemSeverity.Error) ?? 0 };

    protected override async Task OnParametersSetAsync()
    {
        // After the first save of a new workflow the URL changes to its id; the session already holds it.
        if (_session is not null && Id == _session.Workflow.Id) return;
        if (_session is not null && Id is null && _loadedId is null) return;
        _loadedId = Id;

        if (Id is not { } id)
        {
            Open(new DesignerSession(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "My workflow" }, null, Catalog, Validator));
            return;
        }
        var stored = await Store.GetLatestAsync(id, Aborted);
        if (stored is null)
        {
            _notFound = true;
            return;
        }
        stored = await Secrets.ForReaderAsync(stored, await Actor.UserAsync());
        Open(new DesignerSession(stored.Definition, stored.Version, Catalog, Validator));
        _sample = await Samples.LatestAsync(id, Aborted);
    }

    private void Open(DesignerSession session)
    {
        if (_session is not null)
        {
            _session.Changed -= OnSessionChanged;
            _session.ShortcutRequested -= OnShortcut;
        }
        _session = session;
        _session.Changed += OnSessionChanged;
        _session.ShortcutRequested += OnShortcut;
    }

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    private void OnShortcut(string combo)
    {
        if (combo == "ctrl+s") InvokeAsync(SaveAsync);
    }

    private void AddNodeAtCenter(string type)
    {
        _session!.AddNodeInFreeSpot(type, _canvas?.VisibleCenter() ?? new Position(0, 0));
        _paletteOpen = false;
    }

    private void AddNoteAtCenter() => _session!.AddNote(_canvas?.VisibleCenter() ?? new Position(0, 0));

    private void RenameWorkflow(ChangeEventArgs e)
    {
        var name = (e.Value?.ToString() ?? "").Trim();
        if (name.Length == 0)
        {
            Toasts.Warning("A workflow needs a name");
            StateHasChanged();
            return;
        }
        _session!.Edit("Rename workflow", w => w.Name = name);
    }

    private async Task AutoLayoutAsync()
    {
        _session!.AutoLayout();
        await Task.Yield();
        if (_canvas is not null) await _canvas.FitAsync();
    }

    private async Task SaveAsync()
    {
        if (_session is null || _saving) return;
        if (!await Actor.AllowsAsync(AccessPolicies.Edit))
        {
            Toasts.Error("Not allowed", "Your role cannot save workflows.");
            return;
        }
        _saving = true;
        try
        {
            var isNew = _session.SavedVersion is null;
            // The version this page loaded or last saved: a save by someone else since then is refused, never overwritten.
            var expected = _session.SavedVersion is { } loaded ? ExpectedVersion.At(loaded) : ExpectedVersion.New;
            var saved = await Store.SaveAsync(_session.Workflow, "Saved in the designer", expected, Aborted);
            _session.MarkSaved(saved.Version);
            await Actor.RecordAsync(isNew ? AuditAction.WorkflowCreated : AuditAction.WorkflowUpdated, AuditTarget.Workflow(saved.WorkflowId, saved.Definition.Name), Aborted);
            Logger.LogInformation("Workflow {WorkflowId} saved as version {Version}", saved.WorkflowId, saved.Version);
            Toasts.Success($"Saved version {saved.Version}", _session.Problems.Count > 0 ? $"{_session.Problems.Count} problem(s) still need fixing before it can run." : null);
            if (isNew) Navigation.NavigateTo($"workflows/{saved.WorkflowId}", replace: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Toasts.Error("Could not save", ex.Message);
        }
        catch (WorkflowVersionConflictException ex)
        {
            Toasts.Error("Not saved: the workflow changed meanwhile", ex.CurrentVersion is { } current
                ? $"Someone saved version {current} since you opened it. Export your edits, then reopen the workflow."
                : "It was deleted since you opened it. Export your edits to keep them.");
        }
        catch (WorkflowInvalidException ex)   // refused by the store, e.g. a webhook path another workflow owns
        {
            Toasts.Error("Could not save", string.Join(" ", ex.Problems.Select(p => p.Message)));
        }
        catch (Engine.Webhooks.WebhookPathConflictException ex)   // taken a moment ago through another instance
        {
            Toasts.Error("Could not save", ex.Message);
        }
        finally
        {
            _saving = false;
            StateHasChanged();
        }
    }

    /// <summary>Runs use stored versions, so a draft with edits is saved first.</summary>
    private async Task<bool> SaveBeforeRunAsync()
    {
        if (_session!.IsDirty || _session.SavedVersion is null) await SaveAsync();
        return !_session.IsDirty;
    }

    private async Task ExportAsync() =>
        await Files.DownloadAsync(WorkflowCopies.ExportFileName(_session!.Workflow), WorkflowJson.Serialize(_session.Workflow), "application/json", Aborted);

    private void RestoreVersion(WorkflowVersion version)
    {
        _session!.RestoreVersion(version.Definition, version.Version);
        Toasts.Info($"Version {version.Version} restored", "Save to keep it as the newest version; Ctrl+Z undoes the restore.");
    }

    private async Task FocusProblemAsync(ValidationProblem problem)
    {
        if (problem.NodeId is null) return;
        _session!.Select([problem.NodeId]);
        _inspectorTab = "Properties";
        if (_canvas is not null) await _canvas.FocusNodeAsync(problem.NodeId);
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (_session?.IsDirty != true) return;
        // Our own redirect after the first save keeps the session.
        if (_session.SavedVersion is not null && context.TargetLocation.EndsWith($"workflows/{_session.Workflow.Id}", StringComparison.OrdinalIgnoreCase)) return;
        if (!await Confirm.ConfirmAsync("Leave without saving?", "Your unsaved edits to this workflow will be lost.", "Leave"))
            context.PreventNavigation();
    }

    public override void Dispose()
    {
        if (_session is not null)
        {
            _session.Changed -= OnSessionChanged;
            _session.ShortcutRequested -= OnShortcut;
        }
        base.Dispose();
    }
}
