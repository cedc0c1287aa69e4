using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Runtime;

/// <summary>
/// Which nodes can read <c>$node</c> while they run. The run keeps a stable copy of the outputs only for them, so a node
/// wrongly counted out would read outputs that change under it.
/// </summary>
public sealed class NodeOutputReadersTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_node_reads_node_outputs_when_a_setting_names_them_or_it_runs_a_script()
    {
        var graph = new WorkflowGraph(new WorkflowBuilder("readers")
            .Trigger()
            .Node("template", "transform", new { fields = new { id = "{{ $node[\"start\"].id }}" } })
            .Node("nested", "set-variables", new { variables = new[] { new { name = "x", value = "{{ $node.template.id + 1 }}" } } })
            .Node("condition", "if", new { condition = "$node.start.ok" })
            .Node("script", "code", new { code = "return $json;" })
            .Node("plain", "transform", new { fields = new { id = "{{ $json.id }}", count = "{{ $vars.count }}" } })
            .Chain("start", "template", "nested", "condition").Connect("condition", "script", "true").Connect("condition", "plain", "false")
            .Build(), (NodeCatalog)_services.GetRequiredService<INodeCatalog>());

        new[] { "template", "nested", "condition", "script" }.Should().OnlyContain(id => graph.ReadsNodeOutputs(id));
        new[] { "start", "plain" }.Should().NotContain(id => graph.ReadsNodeOutputs(id));
    }
}
