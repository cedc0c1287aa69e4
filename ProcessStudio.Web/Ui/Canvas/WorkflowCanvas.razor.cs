using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// The workflow canvas: HTML node cards and SVG links over a pannable, zoomable grid. Used read-only by the monitor
/// (overlays, animated links, single selection) and editable by the designer through an <see cref="ICanvasEditor"/>.
/// Pointer gestures run in canvas.js, which reports finished gestures here.
/// </summary>
public sealed partial class WorkflowCanvas
{
    private readonly string _uid = Guid.NewGuid().ToString("N")[..8];
    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<WorkflowCanvas>? _self;
    private Viewport _viewport = Viewport.Default;
    private double _screenWidth;
    private double _screenHeight;
    private bool _showMinimap = true;
    private bool _fitted;
    private PortRef? _pendingSource;
    private List<CanvasNodeView> _nodes = [];
    private List<LinkView> _links = [];

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private INodeCatalog Catalog { get; set; } = default!;
    [Inject] private ToastService Toasts { get; set; } = default!;

    [Parameter, EditorRequired] public WorkflowDefinition Workflow { get; set; } = default!;
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public IReadOnlyDictionary<string, NodeOverlay>? Overlays { get; set; }
    /// <summary>Connection ids (<see cref="Connection.Id"/>) drawn animated, e.g. the active path of a run.</summary>
    [Parameter] public IReadOnlySet<string>? ActiveConnectionIds { get; set; }
    [Parameter] public string? SelectedNodeId { get; set; }
    [Parameter] public EventCallback<string?> SelectedNodeIdChanged { get; set; }
    /// <summary>The designer; null for a read-only canvas.</summary>
    [Parameter] public ICanvasEditor? Editor { get; set; }
    [Parameter] public RenderFragment? EmptyContent { get; set; }

    private bool Editable => !ReadOnly && Editor is not null;
    private string WorldTransform => string.Create(CultureInfo.InvariantCulture, $"translate({_viewport.X:0.##}px,{_viewport.Y:0.##}px) scale({_viewport.Zoom:0.####})");
    private string GridStyle => string.Create(CultureInfo.InvariantCulture,
        $"--grid-size:{CanvasGeometry.Grid * _viewport.Zoom:0.##}px;background-position:{_viewport.X:0.##}px {_viewport.Y:0.##}px");

    /// <summary>The minimap only helps when part of the workflow is off screen.</summary>
    private bool AllVisible
    {
        get
        {
            var visible = _viewport.Visible(_screenWidth, _screenHeight);
            return _nodes.All(n => n.X >= visible.X && n.Y >= visible.Y && n.X + CanvasGeometry.NodeWidth <= visible.Right && n.Y + n.Height <= visible.Bottom);
        }
    }

    protected override void OnParametersSet() => BuildViews();

    private void BuildViews()
    {
        var selected = Editor?.SelectedNodeIds;
        var errors = Editor?.NodesWithErrors;
        var breakpoints = Editor?.Breakpoints;
        var validTargets = _pendingSource is { IsInput: false } source && Editable
            ? Editor!.ValidTargets(source.NodeId, source.Port!).ToHashSet()
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

        var byId = nodes.ToDictionary(n => n.Id);
        var links = new List<LinkView>(Workflow.Connections.Count);
        foreach (var connection in Workflow.Connections)
        {
            if (!byId.TryGetValue(connection.SourceNodeId, out var from) || !byId.TryGetValue(connection.TargetNodeId, out var to)) continue;
            var port = from.Outputs.FirstOrDefault(p => p.Name == connection.SourcePort);
            var offset = port?.Offset ?? from.Height / 2;
            links.Add(new LinkView(connection.Id, from.Id, connection.SourcePort, to.Id,
                from.X + CanvasGeometry.NodeWidth, from.Y + offset, to.X, to.Y + to.Height / 2,
                ActiveConnectionIds?.Contains(connection.Id) == true, Editor?.SelectedConnectionId == connection.Id)
            {
                Label = LinkView.Describe(from.Name, connection.SourcePort, to.Name),
            });
        }
        _links = links;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/canvas.js");
        _handle = await _module.InvokeAsync<IJSObjectReference>("attach", _root, _self, new
        {
            editable = Editable,
            grid = CanvasGeometry.Grid,
            viewport = new { x = _viewport.X, y = _viewport.Y, zoom = _viewport.Zoom },
        });
    }

    /// <summary>Zooms and pans so every node is visible.</summary>
    public async Task FitAsync()
    {
        var bounds = Rect.Union(_nodes.Select(n => new Rect(n.X, n.Y, CanvasGeometry.NodeWidth, n.Height)));
        await SetViewportAsync(bounds.Width > 0 ? Viewport.Fit(bounds, _screenWidth, _screenHeight) : Viewport.Default);
    }

    /// <summary>Centres the given node, e.g. when a validation problem is clicked, and focuses it.</summary>
    public async Task FocusNodeAsync(string nodeId)
    {
        var node = _nodes.Find(n => n.Id == nodeId);
        if (node is null) return;
        await CenterOn(node.X + CanvasGeometry.NodeWidth / 2, node.Y + node.Height / 2);
        if (_handle is not null) await _handle.InvokeVoidAsync("focusNode", nodeId);
    }

    /// <summary>The world point at the centre of the visible canvas, where click-added nodes go.</summary>
    public Position VisibleCenter()
    {
        var visible = _viewport.Visible(_screenWidth, _screenHeight);
        return new Position(visible.X + visible.Width / 2 - CanvasGeometry.NodeWidth / 2, visible.Y + visible.Height / 2 - CanvasGeometry.MinNodeHeight / 2);
    }

    private Task CenterOn(double worldX, double worldY) =>
        SetViewportAsync(_viewport with { X = _screenWidth / 2 - worldX * _viewport.Zoom, Y = _screenHeight / 2 - worldY * _viewport.Zoom });

    private Task ZoomBy(double factor) => SetViewportAsync(_viewport.ZoomAround(factor, _screenWidth / 2, _screenHeight / 2));

    private async Task SetViewportAsync(Viewport viewport)
    {
        _viewport = viewport;
        if (_handle is not null) await _handle.InvokeVoidAsync("setViewport", viewport.X, viewport.Y, viewport.Zoom);
        StateHasChanged();
    }

    private async Task OnPortClicked(PortRef port)
    {
        if (!Editable) return;
        if (!port.IsInput)
        {
            _pendingSource = _pendingSource == port ? null : port;
        }
        else if (_pendingSource is { } source)
        {
            _pendingSource = null;
            ReportRefusal(Editor!.Connect(source.NodeId, source.Port!, port.NodeId));
        }
        BuildViews();
        await Task.CompletedTask;
    }

    private async Task OnNodeKey((string NodeId, KeyboardEventArgs Key) e)
    {
        if (e.Key.Key is "Enter" or " ")
        {
            if (Editable) Editor!.SelectNode(e.NodeId, e.Key.ShiftKey);
            else await SelectedNodeIdChanged.InvokeAsync(e.NodeId);
            return;
        }
        if (!Editable) return;
        var (dx, dy) = e.Key.Key switch
        {
            "ArrowLeft" => (-CanvasGeometry.Grid, 0d),
            "ArrowRight" => (CanvasGeometry.Grid, 0d),
            "ArrowUp" => (0d, -CanvasGeometry.Grid),
            "ArrowDown" => (0d, CanvasGeometry.Grid),
            _ => (0d, 0d),
        };
        if (dx == 0 && dy == 0) return;
        var ids = Editor!.SelectedNodeIds.Contains(e.NodeId) ? Editor.SelectedNodeIds.ToList() : [e.NodeId];
        Editor.MoveNodes(ids, dx, dy);
    }

    private void ReportRefusal(string? reason)
    {
        if (reason is not null) Toasts.Warning("Connection refused", reason);
    }

    // ---- called by canvas.js when a gesture ends ----

    [JSInvokable]
    public void ViewportChanged(double x, double y, double zoom)
    {
        _viewport = new Viewport(x, y, zoom);
        StateHasChanged();
    }

    [JSInvokable]
    public async Task Resized(double width, double height)
    {
        (_screenWidth, _screenHeight) = (width, height);
        if (!_fitted && width > 0)
        {
            _fitted = true;
            await FitAsync();
        }
        else StateHasChanged();
    }

    [JSInvokable]
    public async Task NodeClicked(string nodeId, bool additive)
    {
        _pendingSource = null;
        if (Editable) Editor!.SelectNode(nodeId, additive);
        else await SelectedNodeIdChanged.InvokeAsync(nodeId);
    }

    [JSInvokable]
    public async Task BackgroundClicked()
    {
        _pendingSource = null;
        if (Editable) Editor!.ClearSelection();
        else if (SelectedNodeId is not null) await SelectedNodeIdChanged.InvokeAsync(null);
        BuildViews();
        StateHasChanged();
    }

    [JSInvokable]
    public void LinkClicked(string connectionId)
    {
        if (Editable) Editor!.SelectConnection(connectionId);
    }

    /// <summary>Tabbing to a link selects it, so Delete removes it as it would after a click.</summary>
    private void OnLinkFocused(string connectionId)
    {
        if (Editable && Editor!.SelectedConnectionId != connectionId) Editor.SelectConnection(connectionId);
    }

    [JSInvokable]
    public void NodesMoved(string[] nodeIds, double dx, double dy)
    {
        if (Editable) Editor!.MoveNodes(nodeIds, dx, dy);
    }

    [JSInvokable]
    public void RubberBand(double x, double y, double width, double height, bool additive)
    {
        if (Editable) Editor!.SelectInRect(new Rect(x, y, width, height), additive);
    }

    [JSInvokable]
    public string[] BeginConnect(string nodeId, string port) =>
        Editable ? Editor!.ValidTargets(nodeId, port).ToArray() : [];

    [JSInvokable]
    public void CompleteConnect(string nodeId, string port, string targetNodeId)
    {
        if (Editable) ReportRefusal(Editor!.Connect(nodeId, port, targetNodeId));
    }

    [JSInvokable]
    public void Dropped(string nodeType, double x, double y)
    {
        if (Editable) Editor!.AddNode(nodeType, new Position(x, y));
    }

    [JSInvokable]
    public async Task Shortcut(string combo)
    {
        if (combo is "shift+!" or "shift+1") { await FitAsync(); return; }
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

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await JsTeardown.RunAsync(async () =>
        {
            if (_handle is not null) await _handle.InvokeVoidAsync("dispose");
            if (_handle is not null) await _handle.DisposeAsync();
            if (_module is not null) await _module.DisposeAsync();
        });
        _self?.Dispose();
    }
}
