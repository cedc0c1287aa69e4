using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes;

/// <summary>
/// A node type: its descriptor (what the designer and validator see) and what it does when activated.
/// Subclasses in this assembly are registered by assembly scan; extensions use <c>AddNodeType&lt;T&gt;()</c>.
/// </summary>
public abstract class NodeType
{
    public abstract NodeDescriptor Descriptor { get; }

    /// <summary>The output ports of a concrete node; override when settings add ports (Switch cases).</summary>
    public virtual IReadOnlyList<PortDescriptor> OutputPorts(NodeDefinition node) => Descriptor.Outputs;

    /// <summary>Non-null for nodes that wait for their incoming branches instead of running once per arrival.</summary>
    public virtual JoinMode? Join(NodeDefinition node) => null;

    /// <summary>The full join rule (N of M, what happens to the remaining links); by default derived from <see cref="Join"/>.</summary>
    public virtual JoinRule? JoinRule(NodeDefinition node) => Nodes.JoinRule.From(Join(node));

    /// <summary>The port whose branch is a loop body run in child scopes (For Each, Loop); it never carries a dead path.</summary>
    public virtual string? BodyPort => null;

    /// <summary>
    /// True when a signal to this node is queued for its activation even while that activation waits for its loop bodies
    /// (For Each with appends): the activation runs again with <see cref="NodeContext.QueuedSignals"/>. Other nodes take a
    /// signal only while they wait (<see cref="NodeOutcome.Wait"/>).
    /// </summary>
    public virtual bool TakesSignalsWhileBodiesRun(NodeDefinition node) => false;

    /// <summary>False for nodes whose duration is the point (Delay): the per-node timeout does not apply to them.</summary>
    public virtual bool HonoursNodeTimeout => true;

    /// <summary>
    /// True when the node hands the whole expression scope to code of its own (a script) rather than reading it only through
    /// the expressions in its settings; the run then treats it as a reader of <c>$node</c> (see <c>WorkflowGraph.ReadsNodeOutputs</c>).
    /// </summary>
    public virtual bool ReadsWholeScope => false;

    /// <summary>Checks beyond the settings schema (e.g. unique Switch case names). Problems name the node and setting.</summary>
    public virtual IEnumerable<ValidationProblem> Validate(NodeDefinition node) => [];

    /// <summary>Checks that need the rest of the workflow (its links, other nodes): a join on a cycle, a Cancel's target.</summary>
    public virtual IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow) => [];

    public abstract Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once an activation of this node that had begun work (it has node state) was cancelled while the rest of the
    /// run goes on (a Cancel node, a race lost, End, a For Each completing early), after that cancellation committed, so
    /// work the node started outside the run stops too (a Sub-workflow's child run). A run that is cancelled or fails as a
    /// whole stops such work through its own reactions instead. Failures are logged, never fail the run.
    /// </summary>
    public virtual Task BranchCancelledAsync(CancelledActivation cancelled, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>An activation cancelled while its run goes on: the node and the state it had committed.</summary>
public sealed record CancelledActivation(Guid ExecutionId, NodeDefinition Node, System.Text.Json.Nodes.JsonNode? State);

public enum JoinMode { All, First }
