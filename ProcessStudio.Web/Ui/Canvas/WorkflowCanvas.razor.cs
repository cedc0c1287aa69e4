using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Ui.Canvas.Notes;
using ProcessStudio.Web.Ui.Kit;
using Position = ProcessStudio.Engine.Model.Position;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// The workflow canvas on Z.Blazor.Diagrams: a view of <see cref="Workflow"/> (node widgets, links, selection, pan,
/// zoom, navigator, virtualization). Used read-only by the monitor (overlays, animated links, single selection) and
/// editable by the designer, where every gesture becomes an <see cref="ICanvasEditor"/> command and the diagram
/// follows the workflow after each change.
/// </summary>
public sealed partial class WorkflowCanvas : ICanvasGestures
{
    private readonly BlazorDiagram _diagram;
    private readonly CanvasBehavior _behavior;
    private ElementReference _root;
    private CanvasControls? _controls;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<WorkflowCanvas>? _self;
    private bool _fitted;
    /// <summary>Until a person presses or scrolls the canvas, the view keeps fitting the workflow as the canvas resizes.</summary>
    private bool _autoFit = true;
    private (string NodeId, string Port)? _linking;
    private PortRef? _pendingSource;
    private List<CanvasNodeView> _nodes = [];
    private List<LinkView> _links = [];
    private IReadOnlyList<GroupFrame> _frames = [];
    private List<StickyNoteView> _notes = [];

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private INodeCatalog Catalog { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;

    [Parameter, EditorRequired] public WorkflowDefinition Workflow { get; set; } = default!;
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public IReadOnlyDictionary<string, NodeOverlay>? Overlays { get; set; }
    /// <summary>Connection ids (<see cref="Connection.Id"/>) drawn animated, e.g. the active path of a run.</summary>
    [Parameter] public IReadOnlySet<string>? ActiveConnectionIds { get; set; }
    /// <summary>Run view: items that went over each connection (by <see cref="Connection.Id"/>), shown on the links.</summary>
    [Parameter] public IReadOnlyDictionary<string, int>? LinkItemCounts { get; set; }
    [Parameter] public string? SelectedNodeId { get; set; }
    [Parameter] public EventCallback<string?> SelectedNodeIdChanged { get; set; }
    /// <summary>The designer; null for a read-only canvas.</summary>
    [Parameter] public ICanvasEditor? Editor { get; set; }
    [Parameter] public RenderFragment? EmptyContent { get; set; }

    public bool Editable => !ReadOnly && Editor is not null;

    public WorkflowCanvas()
    {
        _diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            Zoom = { Minimum = Viewport.MinZoom, Maximum = Viewport.MaxZoom },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                RequireTarget = true,
                EnableSnapping = false,
            },
            // Only nodes on screen are rendered; their sizes and ports are preset, so culled nodes keep their links.
            Virtualization = { Enabled = true },
        });
        // Selection, deletion and shortcuts belong to the designer session: the library's own versions would change
        // the diagram behind the session's back. The drag behaviour is registered again after ours (see CanvasBehavior).
        _diagram.UnregisterBehavior<SelectionBehavior>();
        _diagram.UnregisterBehavior<KeyboardShortcutsBehavior>();
        _diagram.UnregisterBehavior<DragMovablesBehavior>();
        _behavior = new CanvasBehavior(_diagram, this);
        _diagram.RegisterBehavior(_behavior);
        _diagram.RegisterBehavior(new DragMovablesBehavior(_diagram));
        _diagram.Options.Links.Factory = (_, source, target) => _behavior.CreatePreviewLink(source, target);
        _diagram.RegisterComponent<WorkflowNodeModel, WorkflowNodeWidget>();
        _diagram.RegisterComponent<WorkflowLinkModel, WorkflowLinkWidget>();
        _diagram.RegisterComponent<StickyNoteModel, StickyNoteWidget>();
        _diagram.RegisterComponent<Blazor.Diagrams.Core.Models.LinkModel, WorkflowLinkWidget>();
        _diagram.ContainerChanged += OnContainerChanged;
        _diagram.PointerDown += (_, _) => _autoFit = false;
        _diagram.Wheel += _ => _autoFit = false;
    }

    public BlazorDiagram Diagram => _diagram;

    /// <summary>The frames of the workflow's groups, in diagram coordinates.</summary>
    public IReadOnlyList<GroupFrame> Frames => _frames;

    /// <summary>
    /// Raised when the frames were rebuilt. The frames are drawn inside the library's canvas, which does not re-render its
    /// widgets when this component does, so they redraw themselves on this (like on pan and zoom).
    /// </summary>
    public event Action? FramesChanged;

    protected override void OnParametersSet()
    {
        BuildViews();
        if (_fitted) ApplyViews();
    }

    /// <summary>Notes first: a note added in the same batch as nodes then lies under them.</summary>
    private void ApplyViews()
    {
        NoteSync.Apply(_diagram, _notes, locked: !Editable);
        DiagramSync.Apply(_diagram, _nodes, _links, locked: !Editable);
    }

    private void BuildViews()
    {
        var selected = Editor?.SelectedNodeIds;
        var errors = Editor?.NodesWithErrors;
        var breakpoints = Editor?.Breakpoints;
        var validTargets = Editable && (_linking ?? (_pendingSource is { IsInput: false } p ? (p.NodeId, p.Port!) : null)) is { } source
            ? Editor!.ValidTargets(source.NodeId, source.Port).ToHashSet()
            : null;

        var nodes = new List<CanvasNodeView>(Workflow.Nodes.Count);
        foreach (var node in Workflow.Nodes)
        {
            var isSelected = selected?.Contains(node.Id) ?? node.Id == SelectedNodeId;
            nodes.Add(CanvasNodeView.Create(node, Catalog.Find(node.Type), Catalog.OutputPorts(node), Catalog.InputPorts(node).Count > 0,
                isSelected, errors?.Contains(node.Id) == true, breakpoints?.Contains(node.Id) == true,
                validTargets?.Contains(node.Id) == true, Overlays?.GetValueOrDefault(node.Id)));
        }
        _nodes = nodes;
        _frames = GroupFrame.Of(Workflow, n => Catalog.OutputPorts(n).Count);
        FramesChanged?.Invoke();

        var names = nodes.ToDictionary(n => n.Id, n => n.Name);
        _notes = Workflow.StickyNotes.Select(n => StickyNoteView.Of(n, Editor?.SelectedNoteId == n.Id)).ToList();
        _links = Workflow.Connections
            .Where(c => names.ContainsKey(c.SourceNodeId) && names.ContainsKey(c.TargetNodeId))
            .Select(c => new LinkView(c.Id, c.SourceNodeId, c.SourcePort, c.TargetNodeId,
                WorkflowLinkModel.Describe(names[c.SourceNodeId], c.SourcePort, names[c.TargetNodeId]),
                ActiveConnectionIds?.Contains(c.Id) == true, Editor?.SelectedConnectionId == c.Id,
                LinkItemCounts is not null && LinkItemCounts.TryGetValue(c.Id, out var items) ? items : null))
            .ToList();
    }

    /// <summary>Rebuilds the views and brings the diagram up to date, e.g. after a gesture changed only canvas state.</summary>
    private void Resync()
    {
        BuildViews();
        if (_fitted) ApplyViews();
        StateHasChanged();
    }

    /// <summary>
    /// The nodes are added only once the container's size is known, in one batch with the first fit: virtualization
    /// then culls against the real screen, and nothing renders at its pre-fit place.
    /// </summary>
    private void OnContainerChanged()
    {
        if (_diagram.Container is not { Width: > 0 }) return;
        if (_fitted)
        {
            // The first size can come before the page's layout settles (e.g. the canvas' minimum height).
            if (_autoFit) Fit();
            return;
        }
        // The "fitted" class goes out first, in its own small render batch: sent after the nodes, it waited in the
        // browser behind the style and layout of all the cards (docs/performance.md, designer canvas).
        _fitted = true;
        InvokeAsync(StateHasChanged);
        _diagram.Batch(() =>
        {
            ApplyViews();
            Fit();
        });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/canvas.js");
        _handle = await _module.InvokeAsync<IJSObjectReference>("attach", _root, _self, new { editable = Editable });
    }

    // ---- view ----

    private Viewport CurrentViewport => new(_diagram.Pan.X, _diagram.Pan.Y, _diagram.Zoom);
    private double ScreenWidth => _diagram.Container?.Width ?? 0;
    private double ScreenHeight => _diagram.Container?.Height ?? 0;

    /// <summary>Zooms and pans so every node is visible.</summary>
    public Task FitAsync()
    {
        Fit();
        return Task.CompletedTask;
    }

    private void Fit()
    {
        var bounds = Rect.Union(_nodes.Select(n => new Rect(n.X, n.Y, CanvasGeometry.NodeWidth, n.Height)).Concat(_notes.Select(n => n.Bounds)));
        SetViewport(bounds.Width > 0 ? Viewport.Fit(bounds, ScreenWidth, ScreenHeight) : Viewport.Default);
    }

    public void ZoomBy(double factor) => SetViewport(CurrentViewport.ZoomAround(factor, ScreenWidth / 2, ScreenHeight / 2));

    private void SetViewport(Viewport viewport)
    {
        _diagram.SetZoom(viewport.Zoom);
        _diagram.SetPan(viewport.X, viewport.Y);
    }

    /// <summary>Centres the given node, e.g. when a validation problem is clicked, and focuses it.</summary>
    public async Task FocusNodeAsync(string nodeId)
    {
        var node = _nodes.Find(n => n.Id == nodeId);
        if (node is null) return;
        CenterOn(node.X + CanvasGeometry.NodeWidth / 2, node.Y + node.Height / 2);
        await Task.Yield();   // the node may have been culled until now: let it render before focusing it
        if (_handle is not null) await _handle.InvokeVoidAsync("focusNode", nodeId);
    }

    /// <summary>The world point at the centre of the visible canvas, where click-added nodes go.</summary>
    public Position VisibleCenter()
    {
        var visible = CurrentViewport.Visible(ScreenWidth, ScreenHeight);
        return new Position(visible.X + visible.Width / 2 - CanvasGeometry.NodeWidth / 2, visible.Y + visible.Height / 2 - CanvasGeometry.MinNodeHeight / 2);
    }

    private void CenterOn(double worldX, double worldY) =>
        _diagram.SetPan(ScreenWidth / 2 - worldX * _diagram.Zoom, ScreenHeight / 2 - worldY * _diagram.Zoom);

    // ---- gestures from the diagram (CanvasBehavior) ----

    void ICanvasGestures.NodePressed(string nodeId, bool shift)
    {
        _pendingSource = null;
        if (!Editable)
        {
            if (nodeId != SelectedNodeId) InvokeAsync(() => SelectedNodeIdChanged.InvokeAsync(nodeId));
            return;
        }
        // A press on a selected node keeps the selection, so all selected nodes drag together. The diagram's selection
        // is brought up to date now, before the library's drag behaviour reads it for this same press.
        if (!shift && Editor!.SelectedNodeIds.Contains(nodeId)) return;
        Editor!.SelectNode(nodeId, shift);
        Resync();
    }

    void ICanvasGestures.LinkPressed(string connectionId)
    {
        if (Editable) Editor!.SelectConnection(connectionId);
    }

    void ICanvasGestures.NotePressed(string noteId)
    {
        _pendingSource = null;
        if (Editable && Editor!.SelectedNoteId != noteId) Editor.SelectNote(noteId);
    }

    void ICanvasGestures.BackgroundPressed(bool shift)
    {
        _pendingSource = null;
        if (Editable) { if (!shift) Editor!.ClearSelection(); }
        else if (SelectedNodeId is not null) InvokeAsync(() => SelectedNodeIdChanged.InvokeAsync(null));
    }

    void ICanvasGestures.BoxSelected(Rect world)
    {
        if (Editable && world.Width > 0 && world.Height > 0) Editor!.SelectInRect(world, additive: false);
        else Resync();   // the box's own highlighting goes back to the session's selection
    }

    void ICanvasGestures.NodesMoved(IReadOnlyList<string> nodeIds, double dx, double dy)
    {
        if (Editable) Editor!.MoveNodes(nodeIds, dx, dy);
        else Resync();   // a read-only canvas has locked nodes; put back anything that moved anyway
    }

    void ICanvasGestures.LinkDropped(string sourceNodeId, string sourcePort, string targetNodeId)
    {
        if (Editable) ReportRefusal(Editor!.Connect(sourceNodeId, sourcePort, targetNodeId));
    }

    void ICanvasGestures.Linking(string? sourceNodeId, string? sourcePort)
    {
        _linking = Editable && sourceNodeId is not null ? (sourceNodeId, sourcePort!) : null;
        Resync();
    }

    // ---- keyboard ----

    public void OnPortClicked(PortRef port)
    {
        if (!Editable) return;
        if (!port.IsInput) _pendingSource = _pendingSource == port ? null : port;
        else if (_pendingSource is { } source)
        {
            _pendingSource = null;
            ReportRefusal(Editor!.Connect(source.NodeId, source.Port!, port.NodeId));
        }
        Resync();
    }

    public async Task OnNodeKey(string nodeId, KeyboardEventArgs key)
    {
        if (key.Key is "Enter" or " ")
        {
            if (Editable) Editor!.SelectNode(nodeId, key.ShiftKey);
            else await SelectedNodeIdChanged.InvokeAsync(nodeId);
            return;
        }
        if (!Editable) return;
        var (dx, dy) = key.Key switch
        {
            "ArrowLeft" => (-CanvasGeometry.Grid, 0d),
            "ArrowRight" => (CanvasGeometry.Grid, 0d),
            "ArrowUp" => (0d, -CanvasGeometry.Grid),
            "ArrowDown" => (0d, CanvasGeometry.Grid),
            _ => (0d, 0d),
        };
        if (dx == 0 && dy == 0) return;
        var ids = Editor!.SelectedNodeIds.Contains(nodeId) ? Editor.SelectedNodeIds.ToList() : [nodeId];
        Editor.MoveNodes(ids, dx, dy);
    }

    /// <summary>Arrow keys move a focused note by one grid step; Delete removes it once selected.</summary>
    public Task OnNoteKey(string noteId, KeyboardEventArgs key)
    {
        if (!Editable) return Task.CompletedTask;
        if (key.Key is " " && Editor!.SelectedNoteId != noteId) Editor.SelectNote(noteId);
        return key.Key.StartsWith("Arrow", StringComparison.Ordinal) ? OnNodeKey(noteId, key) : Task.CompletedTask;
    }

    public Task SetNoteTextAsync(string noteId, string text)
    {
        if (Editable) Editor!.SetNoteText(noteId, text);
        return Task.CompletedTask;
    }

    public Task ResizeNoteAsync(string noteId, double width, double height)
    {
        if (Editable) Editor!.ResizeNote(noteId, width, height);
        return Task.CompletedTask;
    }

    /// <summary>Moves a group's nodes together (arrow keys on its frame's label).</summary>
    public void MoveGroup(string name, double dx, double dy)
    {
        if (Editable) Editor!.MoveGroup(name, dx, dy);
    }

    /// <summary>Renames a group from its frame; returns why a name is refused.</summary>
    public string? RenameGroup(string name, string newName) => Editable ? Editor!.RenameGroup(name, newName) : null;

    /// <summary>Tabbing to a link selects it, so Delete removes it as it would after a click.</summary>
    public void OnLinkFocused(string connectionId)
    {
        if (Editable && Editor!.SelectedConnectionId != connectionId) Editor.SelectConnection(connectionId);
    }

    private void ReportRefusal(string? reason)
    {
        if (reason is not null) Toasts.Warning("Connection refused", reason);
    }

    // ---- called by canvas.js ----

    /// <summary>The end of a drag that canvas.js previewed in the browser (its fast path): one undoable move.</summary>
    [JSInvokable]
    public void NodesDragged(string[] nodeIds, double dx, double dy)
    {
        if (Editable) Editor!.MoveNodes(nodeIds, dx, dy);
    }

    /// <summary>The end of a drag of a group's frame, previewed by canvas.js with its nodes: one undoable move of them all.</summary>
    [JSInvokable]
    public void GroupDragged(string name, double dx, double dy) => MoveGroup(name, dx, dy);

    /// <summary>A click on the navigator (minimap), at this world point: the view centres there and stops auto-fitting.</summary>
    [JSInvokable]
    public void MinimapClicked(double worldX, double worldY)
    {
        _autoFit = false;
        CenterOn(worldX, worldY);
    }

    /// <summary>The end of a resize drag on a note's corner handle, previewed by canvas.js: one undoable resize.</summary>
    [JSInvokable]
    public void NoteResized(string noteId, double width, double height)
    {
        if (Editable) Editor!.ResizeNote(noteId, width, height);
    }

    [JSInvokable]
    public void Dropped(string nodeType, double clientX, double clientY, double offsetX, double offsetY)
    {
        if (!Editable) return;
        var point = _diagram.GetRelativeMousePoint(clientX, clientY);
        Editor!.AddNode(nodeType, new Position(point.X - offsetX, point.Y - offsetY));
    }

    [JSInvokable]
    public async Task Shortcut(string combo)
    {
        if (combo is "shift+!" or "shift+1") { Fit(); return; }
        if (!Editable) return;
        switch (combo)
        {
            case "ctrl+c": await CopyToClipboardAsync(); break;
            case "ctrl+v": await PasteFromClipboardAsync(); break;
            default: Editor!.HandleShortcut(combo); break;
        }
    }

    /// <summary>Puts the copied nodes on the system clipboard too, so they paste into other workflows and tabs.</summary>
    private async Task CopyToClipboardAsync()
    {
        if (Editor!.Copy() is { } json && _module is not null) await _module.InvokeAsync<bool>("writeClipboard", json);
    }

    private async Task PasteFromClipboardAsync()
    {
        var text = _module is null ? null : await _module.InvokeAsync<string?>("readClipboard");
        if (Editor!.Paste(text) is { } problem) Toasts.Warning("Nothing pasted", problem);
    }

    public async ValueTask DisposeAsync()
    {
        _diagram.ContainerChanged -= OnContainerChanged;
        await JsTeardown.RunAsync(async () =>
        {
            if (_handle is not null) await _handle.InvokeVoidAsync("dispose");
            if (_handle is not null) await _handle.DisposeAsync();
            if (_module is not null) await _module.DisposeAsync();
        });
        _self?.Dispose();
    }
}
