using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Routes a node's result along its links and keeps the agenda consistent: live links enqueue activations, ports not
/// taken send dead paths (a node whose incoming links are all dead is skipped and passes the dead path on), joins wait
/// for every incoming link (dead counts as arrived), and drained loop scopes hand their result back to the loop node.
/// Pure state manipulation: no IO, called by the run loop only.
/// </summary>
public sealed class AgendaRouter(WorkflowGraph graph, RunState state)
{
    /// <summary>Nodes skipped by the latest routing call, for node-execution records.</summary>
    public List<(string NodeId, string ScopeId)> Skipped { get; } = [];

    public Activation Enqueue(string nodeId, string scopeId, JsonNode? input)
    {
        var activation = new Activation { Id = state.NextActivationId++, NodeId = nodeId, ScopeId = scopeId, Input = input, RecordId = Guid.NewGuid() };
        state.Agenda.Add(activation);
        return activation;
    }

    /// <summary>Sends <paramref name="output"/> out of <paramref name="livePorts"/> and dead paths out of every other port.</summary>
    public void Emit(string nodeId, string scopeId, IReadOnlyCollection<string> livePorts, JsonNode? output)
    {
        var skippedOnce = new HashSet<string>(StringComparer.Ordinal);
        Emit(nodeId, scopeId, livePorts, output, skippedOnce);
    }

    private void Emit(string nodeId, string scopeId, IReadOnlyCollection<string> livePorts, JsonNode? output, HashSet<string> skippedOnce)
    {
        var bodyPort = graph.TypeOf(nodeId).BodyPort;
        foreach (var port in graph.OutputPorts(nodeId))
        {
            var live = livePorts.Contains(port);
            if (!live && port == bodyPort) continue;   // a loop body is run in child scopes, never skipped from the loop node
            foreach (var connection in graph.Outgoing(nodeId, port))
                Arrive(connection, scopeId, live, output, skippedOnce);
        }
    }

    private void Arrive(Connection connection, string scopeId, bool live, JsonNode? output, HashSet<string> skippedOnce)
    {
        var targetId = connection.TargetNodeId;
        var join = graph.TypeOf(targetId).Join(graph.Node(targetId));
        var incoming = graph.Incoming(targetId);
        if (join is null && incoming.Count == 1)
        {
            if (live) Enqueue(targetId, scopeId, output);
            else Skip(targetId, scopeId, skippedOnce);
            return;
        }

        var key = ArrivalKey(scopeId, targetId);
        if (!state.Arrivals.TryGetValue(key, out var arrivals)) state.Arrivals[key] = arrivals = new ArrivalState();
        arrivals.Arrived.Add(connection.Id);
        if (live)
        {
            if (join is null)
            {
                arrivals.Ran = true;
                Enqueue(targetId, scopeId, output);   // without a join, a node runs once per arrival
            }
            else
            {
                arrivals.LiveInputs[graph.Node(connection.SourceNodeId).Name] = output?.DeepClone();
                if (join == JoinMode.First && !arrivals.Ran)
                {
                    arrivals.Ran = true;
                    Enqueue(targetId, scopeId, arrivals.LiveInputs.DeepClone());
                }
            }
        }

        if (incoming.All(c => arrivals.Arrived.Contains(c.Id)))
            Settle(targetId, scopeId, join, arrivals, skippedOnce);
    }

    /// <summary>Every incoming link has delivered (or is given up on): run a waiting join, skip a node that got only dead paths.</summary>
    private void Settle(string nodeId, string scopeId, JoinMode? join, ArrivalState arrivals, HashSet<string> skippedOnce)
    {
        state.Arrivals.Remove(ArrivalKey(scopeId, nodeId));
        if (join == JoinMode.All && arrivals.LiveInputs.Count > 0)
            Enqueue(nodeId, scopeId, arrivals.LiveInputs.DeepClone());
        else if (!arrivals.Ran && arrivals.LiveInputs.Count == 0)
            Skip(nodeId, scopeId, skippedOnce);
    }

    private void Skip(string nodeId, string scopeId, HashSet<string> skippedOnce)
    {
        if (!skippedOnce.Add(ArrivalKey(scopeId, nodeId))) return;   // a dead path travelling round a drawn cycle stops here
        Skipped.Add((nodeId, scopeId));
        Emit(nodeId, scopeId, [], null, skippedOnce);
    }

    /// <summary>
    /// When a scope has nothing left to run, links that never delivered (back edges of drawn cycles, branches lost to a
    /// failure routed elsewhere) are given up on. Returns true when that enqueued new work.
    /// </summary>
    public bool ResolveQuiescence(string scopeId)
    {
        var before = state.Agenda.Count;
        var skippedOnce = new HashSet<string>(StringComparer.Ordinal);
        var prefix = scopeId + "/";
        while (state.Arrivals.Keys.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal)) is { } key)
        {
            var nodeId = key[prefix.Length..];
            Settle(nodeId, scopeId, graph.TypeOf(nodeId).Join(graph.Node(nodeId)), state.Arrivals[key], skippedOnce);
        }
        return state.Agenda.Count > before;
    }

    public bool IsDrained(string scopeId) =>
        !state.Agenda.Exists(a => a.ScopeId == scopeId) &&
        !state.Parked.Values.Any(a => a.ScopeId == scopeId) &&
        !state.Scopes.Values.Any(s => s.ParentId == scopeId);

    /// <summary>Opens one child scope per body run and sends each run's output out of the loop node's body port inside it.</summary>
    public void StartBodies(Activation owner, string bodyPort, IReadOnlyList<BodyRun> bodies)
    {
        foreach (var body in bodies)
        {
            var scope = new ScopeState
            {
                Id = $"s{state.NextScopeId++}",
                ParentId = owner.ScopeId,
                OwnerActivationId = owner.Id,
                Index = body.Index,
                Item = body.Item,
            };
            state.Scopes[scope.Id] = scope;
            foreach (var connection in graph.Outgoing(owner.NodeId, bodyPort))
                Arrive(connection, scope.Id, true, body.Output, new HashSet<string>(StringComparer.Ordinal));
        }
    }

    /// <summary>Closes drained child scopes, handing each result back to its loop node (which goes back on the agenda).</summary>
    public void CloseDrainedScopes()
    {
        bool closedAny;
        do
        {
            closedAny = false;
            foreach (var scope in state.Scopes.Values.ToList())
            {
                if (!IsDrained(scope.Id) || ResolveQuiescence(scope.Id)) continue;
                Close(scope);
                closedAny = true;
            }
        } while (closedAny);
    }

    private void Close(ScopeState scope)
    {
        state.Scopes.Remove(scope.Id);
        var result = new BodyResult(scope.Index, scope.LastOutput);
        if (state.Parked.Remove(scope.OwnerActivationId, out var parked))
        {
            parked.FinishedBodies.Add(result);
            state.Agenda.Add(parked);
        }
        else if (state.Agenda.Find(a => a.Id == scope.OwnerActivationId) is { } queued)
        {
            queued.FinishedBodies.Add(result);   // the loop node is queued or running; it picks this up next time
        }
    }

    private static string ArrivalKey(string scopeId, string nodeId) => scopeId + "/" + nodeId;
}
