using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Which activation of a run takes a signal for a node, and how: a node that takes signals while its bodies run (a For
/// Each accepting appended items) queues it on its activation, waking it if it waits and putting it back on the agenda
/// if it is parked for its bodies; any other node takes it only while it waits. Shared by live and parked runs, so both
/// apply a signal the same way.
/// </summary>
internal static class SignalTarget
{
    /// <summary>Hands <paramref name="payload"/> to the node's activation in <paramref name="state"/>; null when none takes it.</summary>
    public static Activation? Deliver(RunState state, WorkflowGraph graph, string nodeId, JsonNode? payload)
    {
        if (graph.Contains(nodeId) && graph.TypeOf(nodeId).TakesSignalsWhileBodiesRun(graph.Node(nodeId)))
        {
            // A For Each nested in a loop may have several activations: the oldest one takes it.
            if (state.Agenda.Concat(state.Parked.Values).Where(a => a.NodeId == nodeId).MinBy(a => a.Id) is not { } looping) return null;
            looping.QueuedSignals.Add(payload?.DeepClone());
            looping.IsWaiting = false;
            if (state.Parked.Remove(looping.Id)) state.Agenda.Add(looping);
            return looping;
        }
        if (state.Agenda.Find(a => a.IsWaiting && a.NodeId == nodeId) is not { } waiting) return null;
        waiting.IsWaiting = false;
        waiting.Signal = payload?.DeepClone();
        return waiting;
    }
}
