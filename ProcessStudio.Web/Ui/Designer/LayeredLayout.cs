using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// Auto-layout: a layered (Sugiyama-style) left-to-right layout. Layers come from the longest path over the links
/// (back edges of loops ignored), the order inside a layer from a few barycenter sweeps to reduce crossings.
/// </summary>
public static class LayeredLayout
{
    public const double LayerGap = 80;
    public const double RowGap = 40;

    /// <summary>New top-left positions for every node, keyed by node id.</summary>
    public static IReadOnlyDictionary<string, Position> Arrange(WorkflowDefinition workflow, Func<NodeDefinition, double> heightOf)
    {
        var ids = workflow.Nodes.Select(n => n.Id).ToList();
        var outgoing = ids.ToDictionary(id => id, _ => new List<string>());
        var incoming = ids.ToDictionary(id => id, _ => new List<string>());
        foreach (var link in ForwardLinks(workflow, ids))
        {
            outgoing[link.From].Add(link.To);
            incoming[link.To].Add(link.From);
        }

        var layerOf = LongestPathLayers(workflow, outgoing, incoming);
        // Start from declaration order, not current positions, so laying out twice gives the same picture.
        var declared = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var layers = layerOf.GroupBy(p => p.Value).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.Key).OrderBy(id => declared[id]).ToList()).ToList();
        OrderByBarycenter(layers, incoming, outgoing);

        var positions = new Dictionary<string, Position>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var heights = layers[layer].Select(id => heightOf(workflow.FindNode(id)!)).ToList();
            var total = heights.Sum() + RowGap * (heights.Count - 1);
            var y = -total / 2;
            for (var i = 0; i < layers[layer].Count; i++)
            {
                positions[layers[layer][i]] = CanvasGeometry.Snap(new Position(layer * (CanvasGeometry.NodeWidth + LayerGap), y));
                y += heights[i] + RowGap;
            }
        }
        return positions;
    }

    /// <summary>Links without the back edges that close loops, found by depth-first search from the roots.</summary>
    private static List<(string From, string To)> ForwardLinks(WorkflowDefinition workflow, List<string> ids)
    {
        var targets = workflow.Connections.GroupBy(c => c.SourceNodeId).ToDictionary(g => g.Key, g => g.Select(c => c.TargetNodeId).Distinct().ToList());
        var hasIncoming = workflow.Connections.Select(c => c.TargetNodeId).ToHashSet();
        var state = new Dictionary<string, int>(); // 1 = on the stack, 2 = done
        var result = new List<(string, string)>();

        void Visit(string id)
        {
            state[id] = 1;
            foreach (var next in targets.GetValueOrDefault(id) ?? [])
            {
                if (!ids.Contains(next)) continue;
                var s = state.GetValueOrDefault(next);
                if (s == 1) continue; // back edge
                result.Add((id, next));
                if (s == 0) Visit(next);
            }
            state[id] = 2;
        }

        foreach (var id in ids.Where(id => !hasIncoming.Contains(id)).Concat(ids))
            if (!state.ContainsKey(id)) Visit(id);
        return result;
    }

    private static Dictionary<string, int> LongestPathLayers(WorkflowDefinition workflow, Dictionary<string, List<string>> outgoing, Dictionary<string, List<string>> incoming)
    {
        var layer = new Dictionary<string, int>();
        var remaining = incoming.ToDictionary(p => p.Key, p => p.Value.Count);
        var ready = new Queue<string>(workflow.Nodes.Where(n => remaining[n.Id] == 0).Select(n => n.Id));
        while (ready.TryDequeue(out var id))
        {
            layer.TryAdd(id, 0);
            foreach (var next in outgoing[id])
            {
                layer[next] = Math.Max(layer.GetValueOrDefault(next), layer[id] + 1);
                if (--remaining[next] == 0) ready.Enqueue(next);
            }
        }
        return layer;
    }

    private static void OrderByBarycenter(List<List<string>> layers, Dictionary<string, List<string>> incoming, Dictionary<string, List<string>> outgoing)
    {
        for (var sweep = 0; sweep < 4; sweep++)
        {
            var down = sweep % 2 == 0;
            for (var step = 1; step < layers.Count; step++)
            {
                var index = down ? step : layers.Count - 1 - step;
                var reference = layers[down ? index - 1 : index + 1];
                var rank = reference.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (double)p.i);
                var neighbours = down ? incoming : outgoing;
                layers[index] = layers[index]
                    .Select((id, i) => (id, key: neighbours[id].Where(rank.ContainsKey).Select(n => rank[n]).DefaultIfEmpty(i).Average()))
                    .OrderBy(p => p.key).Select(p => p.id).ToList();
            }
        }
    }
}
