using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes.Triggers;
using ProcessStudio.Web.Ui.Workflows;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>The Run dialog's placeholder comes from the workflow: its trigger's sample input, else its input schema.</summary>
public sealed class RunInputExampleTests
{
    private static WorkflowDefinition WithTrigger(JsonObject settings) => new()
    {
        Name = "Orders",
        Nodes = [new NodeDefinition { Id = "start", Type = ManualTrigger.TypeName, Name = "Start", Settings = settings }],
    };

    [Fact]
    public void The_sample_input_is_suggested_as_written()
    {
        var example = RunInputExample.For(WithTrigger(new JsonObject { ["sampleInput"] = new JsonObject { ["customer"] = "O'Brien", ["total"] = 240 } }));
        JsonNode.Parse(example!)!["customer"]!.GetValue<string>().Should().Be("O'Brien");
        example.Should().Contain("O'Brien");
    }

    [Fact]
    public void Without_a_sample_the_input_schema_gives_the_shape()
    {
        var schema = JsonNode.Parse("""{ "type": "object", "properties": { "customerId": { "type": "integer" }, "email": { "type": "string" }, "rush": { "type": "boolean" }, "items": { "type": "array" } } }""")!;
        var example = JsonNode.Parse(RunInputExample.For(WithTrigger(new JsonObject { ["inputSchema"] = schema }))!)!.AsObject();
        example.Select(p => p.Key).Should().Equal("customerId", "email", "rush", "items");
        example["customerId"]!.GetValue<int>().Should().Be(0);
        example["email"]!.GetValue<string>().Should().BeEmpty();
    }

    [Fact]
    public void A_workflow_without_a_manual_trigger_suggests_nothing()
    {
        RunInputExample.For(new WorkflowDefinition { Name = "Webhook only" }).Should().BeNull();
    }
}
