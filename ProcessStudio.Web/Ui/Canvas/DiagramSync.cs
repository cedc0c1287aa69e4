using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// Makes the diagram show the given node and link views: adds, removes, moves and re-renders only what differs, so a
/// change to one node re-renders one card. The workflow (through its views) is the truth; the diagram follows it.
/// </summary>
public static class DiagramSync
{
    /// <param name="locked">Read-only: nodes cannot be dragged and ports start no links.</param>
    public static void Apply(Diagram diagram, IReadOnlyList<CanvasNodeView> nodes, IReadOnlyList<LinkView> links, bool locked = false)
    {
        var existing = diagram.Nodes.OfType<WorkflowNodeModel>().ToDictionary(n => n.Id);
        var wanted = nodes.Select(n => n.Id).ToHashSet();
        var structural = existing.Keys.Any(id => !wanted.Contains(id)) || nodes.Any(n => !existing.TryGetValue(n.Id, out var m) || m.HasOtherPorts(n));

        // Adding or removing many models re-renders the whole canvas once instead of once per model.
        if (structural) diagram.Batch(() => Apply(diagram, existing, nodes, links, locked));
        else Apply(diagram, existing, nodes, links, locked);
    }

    private static void Apply(Diagram diagram, Dictionary<string, WorkflowNodeModel> existing, IReadOnlyList<CanvasNodeView> nodes, IReadOnlyList<LinkView> links, bool locked)
    {
        var wanted = nodes.Select(n => n.Id).ToHashSet();
        foreach (var (id, model) in existing)
            if (!wanted.Contains(id)) diagram.Nodes.Remove(model);   // also removes its links

        var models = new Dictionary<string, WorkflowNodeModel>(nodes.Count);
        foreach (var view in nodes)
        {
            if (existing.TryGetValue(view.Id, out var model) && model.HasOtherPorts(view))
            {
                diagram.Nodes.Remove(model);
                model = null;
            }
            if (model is null)
            {
                model = new WorkflowNodeModel(view, locked);
                diagram.Nodes.Add(model);
            }
            else model.Show(view);
            SetSelected(diagram, model, view.Selected);
            models[view.Id] = model;
        }
        ApplyLinks(diagram, models, links);
    }

    private static void ApplyLinks(Diagram diagram, Dictionary<string, WorkflowNodeModel> models, IReadOnlyList<LinkView> links)
    {
        var current = diagram.Links.OfType<WorkflowLinkModel>().ToDictionary(l => l.Id);
        var wanted = links.Select(l => l.Id).ToHashSet();
        foreach (var (id, link) in current)
            if (!wanted.Contains(id)) diagram.Links.Remove(link);

        foreach (var view in links)
        {
            if (!current.TryGetValue(view.Id, out var link))
            {
                var source = models.GetValueOrDefault(view.SourceNodeId)?.Output(view.SourcePort);
                var target = models.GetValueOrDefault(view.TargetNodeId)?.Input;
                if (source is null || target is null) continue;
                link = new WorkflowLinkModel(view.Id, source, target, view.Label);
                diagram.Links.Add(link);
            }
            link.Show(view.Label, view.Active, view.Items);
            SetSelected(diagram, link, view.Selected);
        }
    }

    internal static void SetSelected(Diagram diagram, SelectableModel model, bool selected)
    {
        if (model.Selected == selected) return;
        if (selected) diagram.SelectModel(model, unselectOthers: false);
        else diagram.UnselectModel(model);
    }
}
