using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>Runs one Data node alone, and checks its settings the way saving a workflow does.</summary>
public abstract class DataNodeFixture(Action<EngineOptions>? configure = null) : NodeFixture(configure)
{
    /// <summary>The output of a successful run; fails the test with the node's error otherwise.</summary>
    protected async Task<JsonNode?> OutputAsync(string type, object settings, JsonNode? input = null)
    {
        var result = await TestAsync(type, settings, input);
        result.Succeeded.Should().BeTrue(result.Error);
        return result.Output;
    }

    /// <summary>The error of a run expected to fail.</summary>
    protected async Task<string> ErrorAsync(string type, object settings, JsonNode? input = null)
    {
        var result = await TestAsync(type, settings, input);
        result.Succeeded.Should().BeFalse($"the node should fail, but gave {result.Output?.ToJsonString()}");
        return result.Error!;
    }

    /// <summary>Error-level problems of a workflow holding this node, as the validator reports them when it is saved.</summary>
    protected IReadOnlyList<ValidationProblem> SaveProblems(string type, object settings) =>
        Services.GetRequiredService<IWorkflowValidator>()
            .Validate(new WorkflowBuilder("check").Trigger().Node("node", type, settings).Chain("start", "node").Build())
            .Where(p => p.Severity == ProblemSeverity.Error && p.NodeId == "node").ToList();

    protected static JsonNode Json(string json) => JsonNode.Parse(json)!;

    protected static string Compact(JsonNode? value) => value?.ToJsonString() ?? "null";
}
