using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>The state a new run starts from: variables from their defaults (overridden by same-named input fields) and the trigger on the agenda.</summary>
public static class InitialState
{
    public static RunState Create(WorkflowGraph graph, int workflowVersion, JsonNode? input)
    {
        var state = new RunState
        {
            WorkflowId = graph.Workflow.Id,
            WorkflowVersion = workflowVersion,
            TriggerInput = input?.DeepClone(),
            Variables = Variables(graph.Workflow, input),
        };
        new AgendaRouter(graph, state).Enqueue(graph.Trigger.Id, RunState.RootScope, input?.DeepClone());
        return state;
    }

    public static JsonObject Variables(WorkflowDefinition workflow, JsonNode? input)
    {
        var variables = new JsonObject();
        foreach (var variable in workflow.Variables)
            variables[variable.Name] = input is JsonObject fields && fields.TryGetPropertyValue(variable.Name, out var given)
                ? given?.DeepClone()
                : variable.Default?.DeepClone();
        return variables;
    }
}
