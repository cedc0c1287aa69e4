using ProcessStudio.Engine.Execution.Resilience;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Validation;

/// <summary>Checks a workflow before it is saved or run. Every problem names the node, setting or connection it belongs to.</summary>
public sealed class WorkflowValidator(NodeCatalog catalog, SettingsSchemaValidator settingsValidator) : IWorkflowValidator
{
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition workflow)
    {
        var problems = new List<ValidationProblem>();
        WorkflowTextChecks.Check(workflow, problems);
        CheckWorkflowSettings(workflow.Settings, problems);
        var nodesById = CheckNodes(workflow, problems);
        CheckTriggers(workflow, problems);
        CheckConnections(workflow, nodesById, problems);
        CheckReachability(workflow, nodesById, problems);
        GroupChecks.Check(workflow, problems);
        CompensationChecks.Check(workflow, catalog, problems);
        return problems;
    }

    private static void CheckWorkflowSettings(WorkflowSettings settings, List<ValidationProblem> problems)
    {
        if (settings.MaxConcurrency < 1)
            problems.Add(new("workflow.settings", "Workflow setting 'maxConcurrency' must be at least 1.", Setting: "settings.maxConcurrency"));
        if (settings.MaxActivations is < 1)
            problems.Add(new("workflow.settings", "Workflow setting 'maxActivations' must be at least 1.", Setting: "settings.maxActivations"));
        if (settings.NodeTimeoutMs is < 1)
            problems.Add(new("workflow.settings", "Workflow setting 'nodeTimeoutMs' must be at least 1 ms.", Setting: "settings.nodeTimeoutMs"));
        if (settings.RunTimeoutMs is < 1)
            problems.Add(new("workflow.settings", "Workflow setting 'runTimeoutMs' must be at least 1 ms.", Setting: "settings.runTimeoutMs"));
        if (settings.CheckpointIntervalMs is < 1)
            problems.Add(new("workflow.settings", "Workflow setting 'checkpointIntervalMs' must be at least 1 ms.", Setting: "settings.checkpointIntervalMs"));
        if (RetryPolicyPlan.Named(settings.DefaultRetryPolicy) is null)
            problems.Add(new("workflow.settings", $"Workflow setting 'defaultRetryPolicy' must be one of Default, Strict, None (got '{settings.DefaultRetryPolicy}').",
                Setting: "settings.defaultRetryPolicy"));
    }

    private Dictionary<string, NodeDefinition> CheckNodes(WorkflowDefinition workflow, List<ValidationProblem> problems)
    {
        var byId = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add(new("node.id-missing", $"Node '{node.Name}' has no id.", node.Id));
                continue;
            }
            if (!byId.TryAdd(node.Id, node))
                problems.Add(new("node.duplicate-id", $"Node id '{node.Id}' is used by more than one node.", node.Id));
            if (string.IsNullOrWhiteSpace(node.Name))
                problems.Add(new("node.name-missing", $"Node '{node.Id}' has no name.", node.Id, "name"));
            else if (!names.Add(node.Name))
                problems.Add(new("node.duplicate-name", $"Node name '{node.Name}' is used by more than one node; expressions refer to nodes by name.", node.Id, "name"));

            if (catalog.FindType(node.Type) is not { } type)
            {
                problems.Add(new("node.unknown-type", $"Node '{node.Name}' has unknown type '{node.Type}'.", node.Id, "type"));
                continue;
            }
            problems.AddRange(settingsValidator.Validate(node.Id, node.Name, node.Settings, type.Descriptor.Settings));
            problems.AddRange(type.Validate(node));
            problems.AddRange(type.ValidateShape(node, workflow));
            CheckPolicy(node, problems);
        }
        return byId;
    }

    private static void CheckPolicy(NodeDefinition node, List<ValidationProblem> problems)
    {
        var policy = node.Policy;
        if (policy.RetryPolicy is { } name && !RetryPolicyPlan.KnownNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            problems.Add(new("node.policy", $"Node '{node.Name}': retry policy '{name}' is unknown (use Default, Strict, None or Custom).", node.Id, "policy.retryPolicy"));
        if (string.Equals(policy.RetryPolicy, RetryPolicyNames.Custom, StringComparison.OrdinalIgnoreCase))
        {
            if (policy.Custom is not { } custom)
                problems.Add(new("node.policy", $"Node '{node.Name}': the Custom retry policy needs its settings.", node.Id, "policy.custom"));
            else
            {
                if (custom.MaxRetries is < 0 or > 100)
                    problems.Add(new("node.policy", $"Node '{node.Name}': retries must be between 0 and 100.", node.Id, "policy.custom.maxRetries"));
                if (custom.DelayMs < 0)
                    problems.Add(new("node.policy", $"Node '{node.Name}': the retry delay cannot be negative.", node.Id, "policy.custom.delayMs"));
                if (custom.Multiplier < 1)
                    problems.Add(new("node.policy", $"Node '{node.Name}': the backoff multiplier must be at least 1.", node.Id, "policy.custom.multiplier"));
                string[] kinds = [FailureClassifier.Timeout, FailureClassifier.TransientHttp, FailureClassifier.Transient, FailureClassifier.Http5xx, FailureClassifier.Http429, FailureClassifier.Any];
                foreach (var unknown in custom.RetryOn.Where(k => !kinds.Contains(k)))
                    problems.Add(new("node.policy", $"Node '{node.Name}': retryOn '{unknown}' is unknown (use {string.Join(", ", kinds)}).", node.Id, "policy.custom.retryOn"));
            }
        }
        if (policy.TimeoutMs is < 1)
            problems.Add(new("node.policy", $"Node '{node.Name}': the timeout must be at least 1 ms.", node.Id, "policy.timeoutMs"));
    }

    private void CheckTriggers(WorkflowDefinition workflow, List<ValidationProblem> problems)
    {
        var triggers = workflow.Nodes.Where(n => !n.Disabled && catalog.Find(n.Type)?.IsTrigger == true).ToList();
        if (triggers.Count == 0)
            problems.Add(new("workflow.no-trigger", "The workflow needs exactly one trigger node; it has none."));
        foreach (var extra in triggers.Skip(1))
            problems.Add(new("workflow.multiple-triggers", $"The workflow needs exactly one trigger node; '{extra.Name}' is an extra one.", extra.Id));
    }

    private void CheckConnections(WorkflowDefinition workflow, Dictionary<string, NodeDefinition> nodes, List<ValidationProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in workflow.Connections)
        {
            if (!seen.Add(connection.Id))
                problems.Add(new("connection.duplicate", $"Connection {connection.Id} is drawn twice.", connection.SourceNodeId, ConnectionId: connection.Id,
                    Severity: ProblemSeverity.Warning));
            var hasSource = nodes.TryGetValue(connection.SourceNodeId, out var source);
            var hasTarget = nodes.TryGetValue(connection.TargetNodeId, out var target);
            if (!hasSource)
                problems.Add(new("connection.dangling", $"Connection {connection.Id} starts at missing node '{connection.SourceNodeId}'.",
                    connection.TargetNodeId, ConnectionId: connection.Id));
            if (!hasTarget)
                problems.Add(new("connection.dangling", $"Connection {connection.Id} ends at missing node '{connection.TargetNodeId}'.",
                    connection.SourceNodeId, ConnectionId: connection.Id));
            if (source is not null && catalog.FindType(source.Type) is not null &&
                catalog.OutputPorts(source).All(p => p.Name != connection.SourcePort))
                problems.Add(new("connection.unknown-port", $"Node '{source.Name}' has no output port '{connection.SourcePort}'.",
                    source.Id, ConnectionId: connection.Id));
            if (target is not null && catalog.FindType(target.Type) is not null &&
                catalog.InputPorts(target).All(p => p.Name != connection.TargetPort))
                problems.Add(new("connection.unknown-port", $"Node '{target.Name}' has no input port '{connection.TargetPort}'.",
                    target.Id, ConnectionId: connection.Id));
        }
    }

    private void CheckReachability(WorkflowDefinition workflow, Dictionary<string, NodeDefinition> nodes, List<ValidationProblem> problems)
    {
        var trigger = workflow.Nodes.FirstOrDefault(n => !n.Disabled && catalog.Find(n.Type)?.IsTrigger == true);
        if (trigger is null) return;
        var reached = new HashSet<string>(StringComparer.Ordinal) { trigger.Id };
        var frontier = new Queue<string>([trigger.Id]);
        var outgoing = workflow.Connections.ToLookup(c => c.SourceNodeId);
        while (frontier.TryDequeue(out var id))
            foreach (var connection in outgoing[id])
                if (nodes.ContainsKey(connection.TargetNodeId) && reached.Add(connection.TargetNodeId))
                    frontier.Enqueue(connection.TargetNodeId);

        foreach (var node in workflow.Nodes.Where(n => !reached.Contains(n.Id) && !n.Disabled && catalog.Find(n.Type)?.IsTrigger != true))
            problems.Add(new("node.unreachable", $"Node '{node.Name}' cannot be reached from the trigger and will never run.", node.Id,
                Severity: ProblemSeverity.Warning));
    }
}
