using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// Tells the record that shows a node being undone from the records of the nodes on a compensating path: both are rollback
/// records, but only a node that declares a compensating path is undone (and validation keeps such nodes off those paths).
/// </summary>
public static class CompensationMarkers
{
    public static IReadOnlySet<string> CompensableNodes(WorkflowDefinition workflow) =>
        workflow.Nodes.Where(n => n.Policy.Compensate).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

    public static bool IsMarker(bool compensationRecord, string nodeId, IReadOnlySet<string> compensable) =>
        compensationRecord && compensable.Contains(nodeId);
}
