using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The state of one open workflow in the designer: the draft, selection, breakpoints, validation problems and the
/// undo history. Every change to the draft goes through <see cref="Edit"/>, so every edit can be undone. UI-free.
/// </summary>
public sealed partial class DesignerSession : ICanvasEditor
{
    private const double PasteOffset = 40;
    private readonly INodeCatalog _catalog;
    private readonly IWorkflowValidator _validator;
    private readonly EditHistory _history = new();
    private readonly HashSet<string> _selected = [];
    private readonly HashSet<string> _breakpoints = [];
    private HashSet<string> _nodesWithErrors = [];
    private string? _clipboard;
    private string? _lastPasted;
    private int _pasteRepeats;
    private string _savedJson;

    public DesignerSession(WorkflowDefinition workflow, int? savedVersion, INodeCatalog catalog, IWorkflowValidator validator)
    {
        _catalog = catalog;
        _validator = validator;
        Workflow = workflow;
        SavedVersion = savedVersion;
        _savedJson = savedVersion is null ? "" : WorkflowJson.Serialize(workflow);
        IsDirty = savedVersion is null;
        Revalidate();
    }

    public WorkflowDefinition Workflow { get; private set; }
    /// <summary>The stored version the draft started from or was last saved as; null for a workflow never saved.</summary>
    public int? SavedVersion { get; private set; }
    public bool IsDirty { get; private set; }
    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];
    public EditHistory History => _history;
    public IReadOnlySet<string> SelectedNodeIds => _selected;
    public string? SelectedConnectionId { get; private set; }
    public Connection? SelectedConnection => SelectedConnectionId is null ? null : Workflow.Connections.FirstOrDefault(c => c.Id == SelectedConnectionId);
    public IReadOnlySet<string> NodesWithErrors => _nodesWithErrors;
    public IReadOnlySet<string> Breakpoints => _breakpoints;
    public NodeDefinition? SelectedNode => _selected.Count == 1 ? Workflow.FindNode(_selected.First()) : null;

    /// <summary>Raised after any change the UI should show.</summary>
    public event Action? Changed;
    /// <summary>Shortcuts the page handles itself (e.g. "ctrl+s" to save).</summary>
    public event Action<string>? ShortcutRequested;

    /// <summary>Applies one undoable change to the draft. No-op changes are not recorded.</summary>
    public void Edit(string label, Action<WorkflowDefinition> change)
    {
        var before = WorkflowJson.Serialize(Workflow);
        change(Workflow);
        var after = WorkflowJson.Serialize(Workflow);
        if (before != after) _history.Record(new WorkflowEdit(label, before, after));
        AfterChange();
    }

    public void Undo() => Restore(_history.Undo()?.Before);

    public void Redo() => Restore(_history.Redo()?.After);

    private void Restore(string? json)
    {
        if (json is null) return;
        Workflow = WorkflowJson.Deserialize(json);
        _selected.RemoveWhere(id => Workflow.FindNode(id) is null);
        _breakpoints.RemoveWhere(id => Workflow.FindNode(id) is null);
        if (!Workflow.Connections.Any(c => c.Id == SelectedConnectionId)) SelectedConnectionId = null;
        if (SelectedNote is null) SelectedNoteId = null;
        AfterChange();
    }

    /// <summary>Replaces the draft with a stored version as one undoable edit (restore from the versions list).</summary>
    public void RestoreVersion(WorkflowDefinition definition, int version) =>
        Edit($"Restore version {version}", w =>
        {
            w.Name = definition.Name;
            w.Description = definition.Description;
            w.Nodes = definition.Nodes;
            w.Connections = definition.Connections;
            w.Variables = definition.Variables;
            w.Settings = definition.Settings;
            w.StickyNotes = definition.StickyNotes;
        });

    public void MarkSaved(int version)
    {
        SavedVersion = version;
        _savedJson = WorkflowJson.Serialize(Workflow);
        IsDirty = false;
        Changed?.Invoke();
    }

    // ---- nodes ----

    public void AddNode(string type, Position? position)
    {
        var descriptor = _catalog.Find(type) ?? throw new ArgumentException($"Unknown node type '{type}'.", nameof(type));
        var node = new NodeDefinition
        {
            Id = NewNodeId(),
            Type = type,
            Name = UniqueName(descriptor.DisplayName),
            Position = CanvasGeometry.Snap(position ?? new Position(0, 0)),
            Settings = DefaultSettings(descriptor),
        };
        Edit($"Add {descriptor.DisplayName}", w => w.Nodes.Add(node));
        Select([node.Id]);
    }

    /// <summary>
    /// Adds a node at <paramref name="position"/>, or below it at the first spot no other node covers, so a node
    /// added with a click (not dropped at a chosen point) never hides another.
    /// </summary>
    public void AddNodeInFreeSpot(string type, Position position)
    {
        var height = CanvasGeometry.NodeHeight(_catalog.Find(type)?.Outputs.Count ?? 1);
        var spot = CanvasGeometry.Snap(position);
        bool Covered(Position p)
        {
            var around = new Rect(p.X - CanvasGeometry.Grid, p.Y - CanvasGeometry.Grid, CanvasGeometry.NodeWidth + 2 * CanvasGeometry.Grid, height + 2 * CanvasGeometry.Grid);
            return Workflow.Nodes.Any(n => CanvasGeometry.Bounds(n, _catalog.OutputPorts(n).Count).Intersects(around));
        }
        while (Covered(spot)) spot = spot with { Y = spot.Y + CanvasGeometry.Grid };
        AddNode(type, spot);
    }

    public void UpdateNode(string nodeId, string label, Action<NodeDefinition> change) =>
        Edit(label, w =>
        {
            if (w.FindNode(nodeId) is { } node) change(node);
        });

    /// <summary>Renames a node; returns an error when the name is empty or taken (expressions refer to nodes by name).</summary>
    public string? RenameNode(string nodeId, string name)
    {
        name = name.Trim();
        if (name.Length == 0) return "A node needs a name.";
        if (Workflow.Nodes.Any(n => n.Id != nodeId && string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)))
            return $"Another node is already called '{name}'.";
        UpdateNode(nodeId, "Rename node", n => n.Name = name);
        return null;
    }

    public void MoveNodes(IReadOnlyList<string> nodeIds, double dx, double dy)
    {
        var ids = nodeIds.ToHashSet();
        // The canvas drags notes like nodes: a dragged note arrives here with its id.
        if (MoveNotes(ids, dx, dy)) return;
        Edit(ids.Count == 1 ? "Move node" : $"Move {ids.Count} nodes", w =>
        {
            foreach (var node in w.Nodes.Where(n => ids.Contains(n.Id)))
                node.Position = CanvasGeometry.Snap(new Position(node.Position.X + dx, node.Position.Y + dy));
        });
        if (!ids.IsSubsetOf(_selected)) Select(ids);
    }

    public void DeleteSelection()
    {
        if (DeleteSelectedNote()) return;
        if (SelectedConnectionId is { } connectionId)
        {
            SelectedConnectionId = null;
            Edit("Delete connection", w => w.Connections.RemoveAll(c => c.Id == connectionId));
            return;
        }
        if (_selected.Count == 0) return;
        var ids = _selected.ToHashSet();
        _selected.Clear();
        _breakpoints.ExceptWith(ids);
        Edit(ids.Count == 1 ? "Delete node" : $"Delete {ids.Count} nodes", w =>
        {
            w.Nodes.RemoveAll(n => ids.Contains(n.Id));
            w.Connections.RemoveAll(c => ids.Contains(c.SourceNodeId) || ids.Contains(c.TargetNodeId));
            GroupCommands.ForgetNodes(w, ids);
        });
    }

    public void ToggleBreakpoints()
    {
        var ids = _selected.ToList();
        if (ids.Count == 0) return;
        var add = !ids.All(_breakpoints.Contains);
        foreach (var id in ids)
            if (add) _breakpoints.Add(id); else _breakpoints.Remove(id);
        Changed?.Invoke();
    }

    public void AutoLayout()
    {
        if (Workflow.Nodes.Count == 0) return;
        var positions = LayeredLayout.Arrange(Workflow, n => CanvasGeometry.NodeHeight(_catalog.OutputPorts(n).Count));
        Edit("Auto-layout", w =>
        {
            foreach (var node in w.Nodes) node.Position = positions[node.Id];
        });
    }

    // ---- connections ----

    public IReadOnlyList<string> ValidTargets(string sourceNodeId, string sourcePort) =>
        Workflow.Nodes.Where(n => ConnectionRules.Check(Workflow, _catalog, sourceNodeId, sourcePort, n.Id) is null).Select(n => n.Id).ToList();

    public string? Connect(string sourceNodeId, string sourcePort, string targetNodeId)
    {
        var refusal = ConnectionRules.Check(Workflow, _catalog, sourceNodeId, sourcePort, targetNodeId);
        if (refusal is not null) return refusal;
        Edit("Connect", w => w.Connections.Add(new Connection(sourceNodeId, sourcePort, targetNodeId)));
        return null;
    }

    // ---- selection ----

    public void SelectNode(string nodeId, bool additive)
    {
        SelectedConnectionId = null;
        SelectedNoteId = null;
        if (!additive) _selected.Clear();
        if (additive && _selected.Contains(nodeId)) _selected.Remove(nodeId);
        else _selected.Add(nodeId);
        Changed?.Invoke();
    }

    public void Select(IEnumerable<string> nodeIds)
    {
        SelectedConnectionId = null;
        SelectedNoteId = null;
        _selected.Clear();
        _selected.UnionWith(nodeIds);
        Changed?.Invoke();
    }

    public void SelectConnection(string connectionId)
    {
        if (!Workflow.Connections.Any(c => c.Id == connectionId)) return;
        _selected.Clear();
        SelectedNoteId = null;
        SelectedConnectionId = connectionId;
        Changed?.Invoke();
    }

    public void ClearSelection()
    {
        if (_selected.Count == 0 && SelectedConnectionId is null && SelectedNoteId is null) return;
        _selected.Clear();
        SelectedConnectionId = null;
        SelectedNoteId = null;
        Changed?.Invoke();
    }

    public void SelectInRect(Rect world, bool additive)
    {
        if (!additive) _selected.Clear();
        SelectedConnectionId = null;
        foreach (var node in Workflow.Nodes)
            if (CanvasGeometry.Bounds(node, _catalog.OutputPorts(node).Count).Intersects(world)) _selected.Add(node.Id);
        Changed?.Invoke();
    }

    // ---- clipboard ----

    /// <summary>
    /// Copies the selected nodes and the links among them; returns them as workflow JSON for the system clipboard
    /// (null when nothing is selected). The session keeps its own copy for when the browser refuses clipboard access.
    /// </summary>
    public string? Copy()
    {
        if (_selected.Count == 0) return null;
        _clipboard = WorkflowJson.Serialize(Fragment(_selected));
        return _clipboard;
    }

    /// <summary>
    /// Pastes nodes from the system clipboard text, or from the session's own copy when that text is missing (access
    /// refused) or plain text (the last copy here never reached the system clipboard). Returns why nothing was pasted
    /// when the text is not usable workflow JSON; then the draft is unchanged.
    /// </summary>
    public string? Paste(string? clipboardText)
    {
        var useOwnCopy = string.IsNullOrWhiteSpace(clipboardText) || (_clipboard is not null && !ClipboardFragment.LooksLikeJson(clipboardText));
        var text = useOwnCopy ? _clipboard : clipboardText;
        if (text is null) return null;
        var read = ClipboardFragment.Read(text, _catalog);
        if (read.Fragment is null) return read.Error;
        // Pasting the same nodes again steps each copy further down and right instead of stacking them.
        _pasteRepeats = text == _lastPasted ? _pasteRepeats + 1 : 1;
        _lastPasted = text;
        Insert(read.Fragment, "Paste", PasteOffset * _pasteRepeats);
        return null;
    }

    public void Duplicate()
    {
        if (_selected.Count > 0) Insert(Fragment(_selected), "Duplicate", PasteOffset);
    }

    /// <summary>The selected nodes and the links among them, as a detached copy that is itself importable workflow JSON.</summary>
    private WorkflowDefinition Fragment(IReadOnlySet<string> ids) =>
        WorkflowJson.Deserialize(WorkflowJson.Serialize(new WorkflowDefinition
        {
            Name = Workflow.Name,
            Nodes = Workflow.Nodes.Where(n => ids.Contains(n.Id)).ToList(),
            Connections = Workflow.Connections.Where(c => ids.Contains(c.SourceNodeId) && ids.Contains(c.TargetNodeId)).ToList(),
        }));

    private void Insert(WorkflowDefinition fragment, string label, double offset)
    {
        var newIds = new Dictionary<string, string>();
        var taken = Workflow.Nodes.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var node in fragment.Nodes)
        {
            newIds[node.Id] = node.Id = NewNodeId();
            node.Name = UniqueName(node.Name, taken);
            taken.Add(node.Name);
            node.Position = CanvasGeometry.Snap(new Position(node.Position.X + offset, node.Position.Y + offset));
        }
        var links = fragment.Connections.Select(c => c with { SourceNodeId = newIds[c.SourceNodeId], TargetNodeId = newIds[c.TargetNodeId] }).ToList();
        Edit(label, w =>
        {
            w.Nodes.AddRange(fragment.Nodes);
            w.Connections.AddRange(links);
        });
        Select(newIds.Values);
    }

    // ---- keyboard ----

    public void HandleShortcut(string combo)
    {
        switch (combo)
        {
            case "ctrl+z": Undo(); break;
            case "ctrl+y" or "ctrl+shift+z": Redo(); break;
            case "ctrl+d": Duplicate(); break;
            case "ctrl+a": Select(Workflow.Nodes.Select(n => n.Id)); break;
            case "delete" or "backspace": DeleteSelection(); break;
            case "f9": ToggleBreakpoints(); break;
            case "escape": ClearSelection(); break;
            default: ShortcutRequested?.Invoke(combo); break;
        }
    }

    // ---- helpers ----

    private void AfterChange()
    {
        IsDirty = WorkflowJson.Serialize(Workflow) != _savedJson;
        Revalidate();
        Changed?.Invoke();
    }

    private void Revalidate()
    {
        Problems = _validator.Validate(Workflow);
        _nodesWithErrors = Problems.Where(p => p.Severity == ProblemSeverity.Error && p.NodeId is not null).Select(p => p.NodeId!).ToHashSet();
    }

    private string NewNodeId()
    {
        string id;
        do id = "n" + Guid.NewGuid().ToString("N")[..7];
        while (Workflow.FindNode(id) is not null);
        return id;
    }

    private string UniqueName(string baseName) =>
        UniqueName(baseName, Workflow.Nodes.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static string UniqueName(string baseName, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(baseName)) return baseName;
        var stem = System.Text.RegularExpressions.Regex.Replace(baseName, @" \d+$", "");
        for (var i = 2; ; i++)
            if (!taken.Contains($"{stem} {i}")) return $"{stem} {i}";
    }

    private static JsonObject DefaultSettings(NodeDescriptor descriptor)
    {
        var settings = new JsonObject();
        foreach (var setting in descriptor.Settings)
            if (setting.Default is not null) settings[setting.Name] = setting.Default.DeepClone();
        return settings;
    }
}
