using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Tests.Runtime;

/// <summary>
/// Checkpoints reuse the JSON of node outputs and completed ids they already wrote. Whatever happened to memory between
/// two checkpoints, the text must be exactly what the plain serializer writes, and read back to the same state.
/// The states here are large enough for the reusing path (small ones are written plainly).
/// </summary>
public sealed class CheckpointJsonTests
{
    private readonly RunState _state = new() { WorkflowId = Guid.NewGuid(), WorkflowVersion = 3 };

    private void ShouldMatchPlainSerializer()
    {
        var json = _state.Serialize();
        json.Should().Be(JsonSerializer.Serialize(_state, RunStateJsonContext.Default.RunState));
        RunState.Deserialize(Guid.NewGuid(), json).Serialize().Should().Be(json, "a restored state continues with the same memory");
    }

    private void Complete(string nodeId, JsonNode? output)
    {
        _state.NodeOutputs[nodeId] = output;
        _state.CompletedNodeIds.Add(nodeId);
    }

    [Fact]
    public void A_checkpoint_after_each_added_output_is_the_plain_serialization()
    {
        for (var i = 0; i < 50; i++)
        {
            Complete($"n{i}", new JsonObject { ["i"] = i, ["text"] = $"line \"{i}\" <é>", ["items"] = new JsonArray(1, 2.5m, null, "x") });
            ShouldMatchPlainSerializer();
        }
    }

    [Fact]
    public void A_replaced_output_in_the_middle_is_written_anew()
    {
        for (var i = 0; i < 40; i++) Complete($"n{i}", new JsonObject { ["i"] = i });
        ShouldMatchPlainSerializer();

        _state.NodeOutputs["n2"] = new JsonObject { ["i"] = "replaced" };   // a node that ran again in a loop
        ShouldMatchPlainSerializer();
        _state.NodeOutputs["n39"] = null;
        ShouldMatchPlainSerializer();
        _state.NodeOutputs.Remove("n0");
        ShouldMatchPlainSerializer();
    }

    [Fact]
    public void A_copied_memory_serializes_like_the_original()
    {
        for (var i = 0; i < 40; i++) Complete($"n{i}", new JsonObject { ["i"] = i });
        ShouldMatchPlainSerializer();

        _state.NodeOutputs = (JsonObject)_state.NodeOutputs.DeepClone();   // what the loop does while other nodes still run
        Complete("n40", JsonValue.Create(40));
        ShouldMatchPlainSerializer();
    }

    [Fact]
    public void Names_that_need_escaping_are_escaped_as_the_serializer_does()
    {
        for (var i = 0; i < 40; i++) Complete($"n{i}", null);
        Complete("naïve \"quoted\" <node>", new JsonObject { ["when"] = "2026-01-02T03:04:05+01:00", ["ratio"] = 0.1 });
        Complete("line\nbreak", JsonValue.Create("</script>"));
        ShouldMatchPlainSerializer();
    }
}
