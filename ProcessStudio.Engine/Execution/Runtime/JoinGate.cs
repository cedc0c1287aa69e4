using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Decides when a join fires. Live arrivals queue per incoming link; a firing takes one arrival from each of the links it
/// needs (all, or the earliest N). A link without an arrival counts as delivered once nothing pending in the scope can
/// reach its source any more: so a branch not taken (an If) or a loop that has not exited yet are told apart by
/// reachability, not by dead paths, and a loop's exit counts once, when the loop exits. Pure state manipulation.
/// </summary>
public sealed class JoinGate
{
    private readonly WorkflowGraph _graph;
    private readonly RunState _state;
    private readonly AgendaRouter _router;

    public JoinGate(WorkflowGraph graph, RunState state, AgendaRouter router)
    {
        (_graph, _state, _router) = (graph, state, router);
        MigrateLegacyArrivals();
    }

    /// <summary>Activations a race (onRemaining: cancel) decided to cancel; the run loop cancels and records them.</summary>
    public List<Activation> ToCancel { get; } = [];

    /// <summary>Late arrivals of a round already decided (join node id, source node id), for the run's log.</summary>
    public List<(string JoinId, string SourceId)> Absorbed { get; } = [];

    public void Arrive(Connection link, string scopeId, bool live, JsonNode? output)
    {
        var key = Key(scopeId, link.TargetNodeId);
        if (!_state.Joins.TryGetValue(key, out var join)) _state.Joins[key] = join = new JoinState();
        if (!live)
        {
            join.Spent.Remove(link.Id);   // the source's latest word is "not this way": the link counts as delivered once it is final
            return;
        }
        if (join.Owed.Remove(link.Id))
        {
            Absorbed.Add((link.TargetNodeId, link.SourceNodeId));
            return;
        }
        if (!join.Queued.TryGetValue(link.Id, out var queue)) join.Queued[link.Id] = queue = [];
        queue.Add(new JoinArrival(join.NextSequence++, output?.DeepClone()));
    }

    /// <summary>Fires (or skips) every join that can decide now, until none can. True when the agenda changed.</summary>
    public bool EvaluateAll()
    {
        var changedAny = false;
        bool changed;
        do
        {
            changed = false;
            foreach (var (key, join) in _state.Joins.ToList())
                if (_state.Joins.ContainsKey(key) && Evaluate(key, join)) changed = changedAny = true;
        } while (changed);
        return changedAny;
    }

    /// <summary>A join in the scope that holds arrivals no firing can use: nothing else can run, so they would be lost.</summary>
    public (string NodeId, string Message)? FindStuck(string scopeId)
    {
        foreach (var (key, join) in _state.Joins.Where(j => j.Key.StartsWith(scopeId + "/", StringComparison.Ordinal)))
        {
            var nodeId = key[(scopeId.Length + 1)..];
            var links = _graph.Incoming(nodeId);
            var held = links.Where(c => Queue(join, c).Count > 0).Select(c => $"'{_graph.Node(c.SourceNodeId).Name}'").ToList();
            if (held.Count == 0) continue;
            var spent = links.Where(c => Queue(join, c).Count == 0 && join.Spent.Contains(c.Id)).Select(c => $"'{_graph.Node(c.SourceNodeId).Name}'");
            var name = _graph.Node(nodeId).Name;
            return (nodeId, $"Join '{name}' holds an arrival from {string.Join(", ", held)} that no firing can use: " +
                $"{string.Join(", ", spent)} will not deliver again, and a join takes one arrival from each link per firing. " +
                $"Arrivals are never dropped, so the run fails; join before the node that runs more than once, or use mode 'first' or 'n'.");
        }
        return null;
    }

    /// <summary>Forgets the joins of a scope that has finished (none of them holds an arrival).</summary>
    public void DropScope(string scopeId)
    {
        foreach (var key in _state.Joins.Keys.Where(k => k.StartsWith(scopeId + "/", StringComparison.Ordinal)).ToList())
            _state.Joins.Remove(key);
    }

    private bool Evaluate(string key, JoinState join)
    {
        var separator = key.IndexOf('/');
        var (scopeId, nodeId) = (key[..separator], key[(separator + 1)..]);
        var rule = _graph.JoinRule(nodeId)!;
        var links = _graph.Incoming(nodeId);
        var pending = Pending(scopeId, key);
        bool CanDeliver(Connection link) => pending.Any(p => _graph.Reach.Reaches(p, link.SourceNodeId));

        join.Owed.RemoveWhere(id => links.FirstOrDefault(c => c.Id == id) is not { } link || !CanDeliver(link));
        if (rule.OnRemaining == JoinRemaining.Wait && join.Owed.Count > 0) return false;   // blocking: the round is not over

        var needed = rule.Needed(links.Count);
        var ready = links.Where(c => Queue(join, c).Count > 0).OrderBy(c => Queue(join, c)[0].Sequence).ToList();
        if (ready.Count >= needed)
        {
            Fire(scopeId, nodeId, rule, join, ready.Take(needed).ToList(), CanDeliver);
            return true;
        }
        if (links.Any(c => Queue(join, c).Count == 0 && CanDeliver(c))) return false;   // more may still arrive

        if (ready.Count == 0)
        {
            // Only dead paths (or nothing) came, and nothing more can: a join that never fired is skipped.
            _state.Joins.Remove(key);
            if (join.Fired == 0) _router.SkipFrom(nodeId, scopeId);
            return join.Fired == 0;
        }
        var spent = links.Count(c => Queue(join, c).Count == 0 && join.Spent.Contains(c.Id));
        if (ready.Count + (links.Count - ready.Count - spent) < needed) return false;   // stuck: reported when the scope idles
        Fire(scopeId, nodeId, rule, join, ready, CanDeliver);   // links not taken can no longer deliver: they count as arrived
        return true;
    }

    private void Fire(string scopeId, string nodeId, JoinRule rule, JoinState join, List<Connection> chosen, Func<Connection, bool> canDeliver)
    {
        var input = new JsonObject();
        foreach (var link in chosen)
        {
            input[_graph.Node(link.SourceNodeId).Name] = Take(join, link).Output;
            join.Spent.Add(link.Id);
        }
        foreach (var link in _graph.Incoming(nodeId).Where(c => !chosen.Contains(c)))
        {
            if (Queue(join, link).Count > 0)
            {
                Take(join, link);   // arrived in the same moment but not chosen: the late arrival of this round
                join.Spent.Add(link.Id);
                Absorbed.Add((nodeId, link.SourceNodeId));
            }
            else if (canDeliver(link)) join.Owed.Add(link.Id);
        }
        join.Fired++;
        var fired = _router.Enqueue(nodeId, scopeId, input);
        if (rule.OnRemaining != JoinRemaining.Cancel || join.Owed.Count == 0) return;

        // A race: cancel whatever pending work can still reach a link the round no longer needs.
        var owedSources = _graph.Incoming(nodeId).Where(c => join.Owed.Contains(c.Id)).Select(c => c.SourceNodeId).ToList();
        join.Owed.Clear();
        ToCancel.AddRange(_state.Agenda.Concat(_state.Parked.Values)
            .Where(a => a.ScopeId == scopeId && a != fired && owedSources.Any(s => _graph.Reach.Reaches(a.NodeId, s))));
    }

    /// <summary>Nodes that may still run in the scope: activations on the agenda or parked, and other joins holding arrivals.</summary>
    private HashSet<string> Pending(string scopeId, string exceptKey)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activation in _state.Agenda.Concat(_state.Parked.Values))
            if (activation.ScopeId == scopeId) nodes.Add(activation.NodeId);
        foreach (var (key, join) in _state.Joins)
            if (key != exceptKey && key.StartsWith(scopeId + "/", StringComparison.Ordinal) && join.Queued.Values.Any(q => q.Count > 0))
                nodes.Add(key[(scopeId.Length + 1)..]);
        return nodes;
    }

    private static List<JoinArrival> Queue(JoinState join, Connection link) => join.Queued.GetValueOrDefault(link.Id) ?? [];

    private static JoinArrival Take(JoinState join, Connection link)
    {
        var queue = join.Queued[link.Id];
        var arrival = queue[0];
        queue.RemoveAt(0);
        if (queue.Count == 0) join.Queued.Remove(link.Id);
        return arrival;
    }

    /// <summary>Checkpoints written before joins queued arrivals per link keep them in <see cref="RunState.Arrivals"/>.</summary>
    private void MigrateLegacyArrivals()
    {
        foreach (var (key, legacy) in _state.Arrivals.ToList())
        {
            var nodeId = key[(key.IndexOf('/') + 1)..];
            if (!_graph.Contains(nodeId) || _graph.JoinRule(nodeId) is null) continue;
            var join = new JoinState { Fired = legacy.Ran ? 1 : 0 };
            foreach (var link in _graph.Incoming(nodeId))
            {
                var source = _graph.Node(link.SourceNodeId).Name;
                if (!legacy.Ran && legacy.LiveInputs.TryGetPropertyValue(source, out var output))
                    join.Queued[link.Id] = [new JoinArrival(join.NextSequence++, output?.DeepClone())];
                else if (legacy.Ran && !legacy.Arrived.Contains(link.Id)) join.Owed.Add(link.Id);
            }
            _state.Arrivals.Remove(key);
            _state.Joins[key] = join;
        }
    }

    private static string Key(string scopeId, string nodeId) => scopeId + "/" + nodeId;
}
