using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Nodes;

public sealed class NodeCatalogTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();
    private INodeCatalog Catalog => _services.GetRequiredService<INodeCatalog>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void The_palette_holds_every_node_type_with_a_description_and_icon()
    {
        Catalog.All.Select(d => d.Type).Should().BeEquivalentTo(
            "manual-trigger", "schedule-trigger", "http-request", "send-email", "set-variables", "transform", "log", "delay", "fail", "if", "switch", "for-each", "loop", "join",
            "webhook-trigger", "respond", "sub-workflow", "wait-for-approval", "wait-until",
            "filter", "sort", "limit", "remove-duplicates", "aggregate", "split-out", "merge", "date-time", "crypto", "csv", "json", "xml",
            "read-file", "write-file", "end", "cancel", "lock", "unlock", "milestone",
            "code", "execute-sql");
        Catalog.All.Should().OnlyContain(d => d.Description.Length > 20 && d.Icon.Length > 0);
        Catalog.Find("manual-trigger")!.Inputs.Should().BeEmpty();
    }

    [Fact]
    public void Switch_ports_follow_its_cases_and_error_follows_continue_on_error()
    {
        var node = new NodeDefinition
        {
            Id = "s", Name = "s", Type = "switch",
            Settings = WorkflowBuilder.ToObject(new { cases = new[] { new { name = "gold", condition = "true" }, new { name = "silver", condition = "true" } } }),
        };

        Catalog.OutputPorts(node).Select(p => p.Name).Should().Equal("gold", "silver", "default");
        node.Policy.ContinueOnError = true;
        Catalog.OutputPorts(node).Select(p => p.Name).Should().Equal("gold", "silver", "default", "error");
    }

    private sealed class ShoutNode : NodeType
    {
        public override NodeDescriptor Descriptor { get; } = new()
        {
            Type = "shout", DisplayName = "Shout", Category = NodeCategory.Action, Description = "Upper-cases the text it is given.",
        };

        public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken) =>
            Task.FromResult(NodeOutcome.Next(JsonValue.Create(context.Input!.GetValue<string>().ToUpperInvariant())));
    }

    [Fact]
    public async Task Extensions_add_node_types_that_validate_and_run()
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System))
            .AddSingleton<IExecutionStore>(new InMemoryExecutionStore())
            .AddProcessStudioEngine()
            .AddNodeType<ShoutNode>();
        await using var provider = services.BuildServiceProvider();
        var workflow = new WorkflowBuilder("x").Trigger().Node("loud", "shout").Chain("start", "loud").Build();

        var result = await provider.GetRequiredService<Execution.IWorkflowEngine>().TestNodeAsync(workflow, "loud", JsonValue.Create("hi"), CancellationToken.None);

        provider.GetRequiredService<INodeCatalog>().Find("shout").Should().NotBeNull();
        result.Output!.GetValue<string>().Should().Be("HI");
    }
}
