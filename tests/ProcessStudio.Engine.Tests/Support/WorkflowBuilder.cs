using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>Describes a workflow in a few lines: nodes by id (the id is also the name) with settings as anonymous objects.</summary>
public sealed class WorkflowBuilder(string name)
{
    private readonly WorkflowDefinition _workflow = new() { Id = Guid.NewGuid(), Name = name };

    public WorkflowBuilder Trigger(string id = "start", object? settings = null) => Node(id, "manual-trigger", settings);

    public WorkflowBuilder Node(string id, string type, object? settings = null, Action<NodeDefinition>? configure = null)
    {
        var node = new NodeDefinition { Id = id, Name = id, Type = type, Settings = ToObject(settings) };
        configure?.Invoke(node);
        _workflow.Nodes.Add(node);
        return this;
    }

    public WorkflowBuilder Connect(string from, string to, string port = "out")
    {
        _workflow.Connections.Add(new Connection(from, port, to));
        return this;
    }

    /// <summary>Connects the nodes one after the other through their "out" ports.</summary>
    public WorkflowBuilder Chain(params string[] ids)
    {
        for (var i = 1; i < ids.Length; i++) Connect(ids[i - 1], ids[i]);
        return this;
    }

    public WorkflowBuilder Variable(string variableName, JsonNode? defaultValue)
    {
        _workflow.Variables.Add(new VariableDefinition(variableName, defaultValue));
        return this;
    }

    public WorkflowBuilder Settings(Action<WorkflowSettings> configure)
    {
        configure(_workflow.Settings);
        return this;
    }

    public WorkflowDefinition Build() => _workflow;

    public static JsonObject ToObject(object? settings) =>
        settings is null ? [] : JsonSerializer.SerializeToNode(settings, WorkflowJson.Options)!.AsObject();

    public static JsonArray Vars(params (string Name, string Value)[] variables) =>
        new([.. variables.Select(v => (JsonNode?)new JsonObject { ["name"] = v.Name, ["value"] = v.Value })]);
}
