using System.Text.Json.Nodes;
using ProcessStudio.Engine.Tests.Nodes;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Tests.Webhooks;

/// <summary>The Respond node renders its response from the run's data, publishes it on its log line and passes its input on.</summary>
public sealed class RespondNodeTests : NodeFixture
{
    [Fact]
    public async Task The_response_is_rendered_from_the_input_and_the_input_flows_on()
    {
        var input = JsonNode.Parse("""{"body":{"id":7}}""");

        var result = await TestAsync("respond", new
        {
            status = 201,
            headers = new Dictionary<string, string> { ["X-Order"] = "{{ $json.body.id }}" },
            body = new { received = "{{ $json.body.id }}" },
        }, input);

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!.ToJsonString().Should().Be(input!.ToJsonString());
        var response = result.Logs.Select(WebhookResponse.FromLog).Should().ContainSingle(r => r != null).Which!;
        response.Status.Should().Be(201);
        response.Headers["x-order"].Should().Be("7");
        response.Body!.ToJsonString().Should().Be("""{"received":7}""");
    }

    [Fact]
    public async Task A_status_template_that_renders_outside_100_to_599_fails_the_node()
    {
        var result = await TestAsync("respond", new { status = "{{ $json.code }}" }, JsonNode.Parse("""{"code":700}"""));

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("100 to 599");
    }
}
