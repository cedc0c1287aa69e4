using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Routes a node's result along its links and keeps the agenda consistent: live links enqueue activations, ports not
/// taken send dead paths (a node whose incoming links are all dead is skipped and passes the dead path on), joins queue
/// their arrivals for <see cref="JoinGate"/>, and drained loop scopes hand their result back to the loop node.
/// Pure state manipulation: no IO, called by the run loop only.
/// </summary>
public sealed class AgendaRouter
{
    private readonly WorkflowGraph _graph;
    private readonly RunState _state;

    public AgendaRouter(WorkflowGraph graph, RunState state)
    {
        _graph = graph;
        _state = state;
        Joins = new JoinGate(graph, state, this);
    }

    /// <summary>Arrivals at join nodes and when they fire.</summary>
    public JoinGate Joins { get; }

    /// <summary>Nodes skipped by the latest routing call, for node-execution records.</summary>
    public List<(string NodeId, string ScopeId)> Skipped { get; } = [];

    public Activation Enqueue(string nodeId, string scopeId, JsonNode? input)
    {
        var activation = new Activation { Id = _state.NextActivationId++, NodeId = nodeId, ScopeId = scopeId, Input = input, RecordId = Persistence.RowIds.New() };
        _state.Agenda.Add(activation);
        return activation;
    }

    /// <summary>Sends <paramref name="output"/> out of <paramref name="livePorts"/> and dead paths out of every other port.</summary>
    public void Emit(string nodeId, string scopeId, IReadOnlyCollection<string> livePorts, JsonNode? output)
    {
        var skippedOnce = new HashSet<string>(StringComparer.Ordinal);
        Emit(nodeId, scopeId, livePorts, output, skippedOnce);
    }

    /// <summary>Sends <paramref name="output"/> out of one port only, leaving the node's other links alone (a compensating path starts so).</summary>
    public void EmitOnly(string nodeId, string scopeId, string port, JsonNode? output)
    {
        var skippedOnce = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in _graph.Outgoing(nodeId, port))
            Arrive(connection, scopeId, true, output, skippedOnce);
    }

    /// <summary>Gives up the work still routed (a rollback replaces it): agenda, loop scopes, arrivals, joins and a stuck join.</summary>
    public void Abandon()
    {
        _state.Agenda.Clear();
        _state.Parked.Clear();
        _state.Scopes.Clear();
        _state.Arrivals.Clear();
        _state.Joins.Clear();
        _state.ReleasedBreakpoint = null;
        Stuck = null;
    }

    private void Emit(string nodeId, string scopeId, IReadOnlyCollection<string> livePorts, JsonNode? output, HashSet<string> skippedOnce)
    {
        var bodyPort = _graph.TypeOf(nodeId).BodyPort;
        foreach (var port in _graph.OutputPorts(nodeId))
        {
            var live = livePorts.Contains(port);
            if (!live && port == bodyPort) continue;   // a loop body is run in child scopes, never skipped from the loop node
            if (!live && port == PortDescriptor.Compensate.Name) continue;   // a compensating path runs only in a rollback, never skipped
            foreach (var connection in _graph.Outgoing(nodeId, port))
                Arrive(connection, scopeId, live, output, skippedOnce);
        }
    }

    private void Arrive(Connection connection, string scopeId, bool live, JsonNode? output, HashSet<string> skippedOnce)
    {
        var targetId = connection.TargetNodeId;
        var incoming = _graph.Incoming(targetId);
        if (_graph.JoinRule(targetId) is not null)
        {
            Joins.Arrive(connection, scopeId, live, output);   // decided by the gate once the routing of this step is done
            return;
        }
        if (incoming.Count == 1)
        {
            if (live) Enqueue(targetId, scopeId, output);
            else Skip(targetId, scopeId, skippedOnce);
            return;
        }

        // Several incoming links, no join: the node runs once per live arrival, and is skipped only when every link
        // brought a dead path before it ever ran. Once it ran in this scope, later dead paths are a loop's further
        // passes, not a reason to skip it.
        var key = ArrivalKey(scopeId, targetId);
        if (!_state.Arrivals.TryGetValue(key, out var arrivals)) _state.Arrivals[key] = arrivals = new ArrivalState();
        if (live)
        {
            arrivals.Ran = true;
            Enqueue(targetId, scopeId, output);
            return;
        }
        if (arrivals.Ran) return;
        arrivals.Arrived.Add(connection.Id);
        if (incoming.All(c => arrivals.Arrived.Contains(c.Id)))
        {
            _state.Arrivals.Remove(key);
            Skip(targetId, scopeId, skippedOnce);
        }
    }

    private void Skip(string nodeId, string scopeId, HashSet<string> skippedOnce)
    {
        if (!skippedOnce.Add(ArrivalKey(scopeId, nodeId))) return;   // a dead path travelling round a drawn cycle stops here
        Skipped.Add((nodeId, scopeId));
        Emit(nodeId, scopeId, [], null, skippedOnce);
    }

    /// <summary>Skips a join that can no longer fire, passing dead paths on.</summary>
    internal void SkipFrom(string nodeId, string scopeId) => Skip(nodeId, scopeId, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>
    /// When a scope has nothing left to run, links that never delivered (back edges of drawn cycles, branches lost to a
    /// failure routed elsewhere) are given up on and joins decide with what they hold. Returns true when that enqueued
    /// new work. A join left holding arrivals no firing can use is reported in <see cref="Stuck"/>.
    /// </summary>
    public bool ResolveQuiescence(string scopeId)
    {
        var before = _state.Agenda.Count;
        var skippedOnce = new HashSet<string>(StringComparer.Ordinal);
        var prefix = scopeId + "/";
        while (_state.Arrivals.Keys.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal)) is { } key)
        {
            var arrivals = _state.Arrivals[key];
            _state.Arrivals.Remove(key);
            if (!arrivals.Ran) Skip(key[prefix.Length..], scopeId, skippedOnce);
        }
        Joins.EvaluateAll();
        if (_state.Agenda.Count > before) return true;
        if (Joins.FindStuck(scopeId) is { } stuck)
        {
            Stuck ??= stuck;
            return false;
        }
        Joins.DropScope(scopeId);
        return false;
    }

    /// <summary>Set when a join holds arrivals that no firing can use and nothing else can run: the run fails with this message.</summary>
    public (string NodeId, string Message)? Stuck { get; private set; }

    public bool IsDrained(string scopeId) =>
        !_state.Agenda.Exists(a => a.ScopeId == scopeId) &&
        !_state.Parked.Values.Any(a => a.ScopeId == scopeId) &&
        !_state.Scopes.Values.Any(s => s.ParentId == scopeId);

    /// <summary>Opens one child scope per body run and sends each run's output out of the loop node's body port inside it.</summary>
    public void StartBodies(Activation owner, string bodyPort, IReadOnlyList<BodyRun> bodies)
    {
        foreach (var body in bodies)
        {
            var scope = new ScopeState
            {
                Id = $"s{_state.NextScopeId++}",
                ParentId = owner.ScopeId,
                OwnerActivationId = owner.Id,
                Index = body.Index,
                Item = body.Item,
            };
            _state.Scopes[scope.Id] = scope;
            foreach (var connection in _graph.Outgoing(owner.NodeId, bodyPort))
                Arrive(connection, scope.Id, true, body.Output, new HashSet<string>(StringComparer.Ordinal));
        }
    }

    /// <summary>Closes drained child scopes, handing each result back to its loop node (which goes back on the agenda).</summary>
    public void CloseDrainedScopes()
    {
        if (_state.Scopes.Count == 0) return;   // outside loops: no copy of an empty list per step
        bool closedAny;
        do
        {
            closedAny = false;
            foreach (var scope in _state.Scopes.Values.ToList())
            {
                if (!IsDrained(scope.Id) || ResolveQuiescence(scope.Id)) continue;
                Close(scope);
                closedAny = true;
            }
        } while (closedAny);
    }

    private void Close(ScopeState scope)
    {
        _state.Scopes.Remove(scope.Id);
        var result = new BodyResult(scope.Index, scope.LastOutput);
        if (_state.Parked.Remove(scope.OwnerActivationId, out var parked))
        {
            parked.FinishedBodies.Add(result);
            _state.Agenda.Add(parked);
        }
        else if (_state.Agenda.Find(a => a.Id == scope.OwnerActivationId) is { } queued)
        {
            queued.FinishedBodies.Add(result);   // the loop node is queued or running; it picks this up next time
        }
    }

    private static string ArrivalKey(string scopeId, string nodeId) => scopeId + "/" + nodeId;
}
