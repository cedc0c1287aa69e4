using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Nodes;

/// <summary>Each node type run alone with pinned input: its output, port and logs.</summary>
public sealed class NodeTypeTests : NodeFixture, IAsyncLifetime
{
    private readonly LocalHttpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Http_request_parses_a_json_body_and_lower_cases_headers()
    {
        _server.Script("/item", new Reply(200, """{"id":7,"tags":["a"]}"""));

        var result = await TestAsync("http-request", new { url = _server.Url("/item") });

        result.Succeeded.Should().BeTrue(result.Error);
        result.OutputPort.Should().Be("out");
        result.Output!["status"]!.ToJsonString().Should().Be("200");
        result.Output["body"]!.ToJsonString().Should().Be("""{"id":7,"tags":["a"]}""");
        result.Output["headers"]!["content-type"]!.GetValue<string>().Should().Be("application/json");
    }

    [Fact]
    public async Task Http_request_keeps_a_text_body_as_text()
    {
        _server.Script("/text", new Reply(200, "plain words", "text/plain"));

        var result = await TestAsync("http-request", new { url = _server.Url("/text") });

        result.Output!["body"]!.GetValue<string>().Should().Be("plain words");
    }

    [Fact]
    public async Task Http_request_with_a_relative_url_fails_with_a_clear_message()
    {
        var result = await TestAsync("http-request", new { url = "/only/a/path" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("'/only/a/path' is not an absolute http(s) URL");
    }

    [Fact]
    public async Task Http_request_to_a_closed_port_names_the_cause_not_only_that_sending_failed()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await TestAsync("http-request", new { url = $"http://127.0.0.1:{closedPort}/x" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain($"127.0.0.1:{closedPort}").And.Contain("refused", "the inner socket error is part of the message");
    }

    [Fact]
    public async Task Test_runs_make_a_single_attempt()
    {
        _server.Script("/down", new Reply(503, "{}"));

        var result = await TestAsync("http-request", new { url = _server.Url("/down") });

        result.Succeeded.Should().BeFalse();
        _server.Hits("/down").Should().Be(1);
    }

    [Fact]
    public async Task Manual_trigger_checks_its_input_against_the_schema()
    {
        var schema = new { type = "object", required = new[] { "orderId" }, properties = new { orderId = new { type = "integer" } } };

        var ok = await Engine.TestNodeAsync(new WorkflowBuilder("t").Trigger(settings: new { inputSchema = schema }).Build(), "start",
            new JsonObject { ["orderId"] = 5 }, CancellationToken.None);
        var missing = await Engine.TestNodeAsync(new WorkflowBuilder("t").Trigger(settings: new { inputSchema = schema }).Build(), "start",
            new JsonObject(), CancellationToken.None);
        var wrongType = await Engine.TestNodeAsync(new WorkflowBuilder("t").Trigger(settings: new { inputSchema = schema }).Build(), "start",
            new JsonObject { ["orderId"] = "five" }, CancellationToken.None);

        ok.Succeeded.Should().BeTrue();
        missing.Error.Should().Contain("$input.orderId is required");
        wrongType.Error.Should().Contain("$input.orderId must be of type integer");
    }

    [Fact]
    public async Task Manual_trigger_uses_its_sample_input_when_started_without_input()
    {
        var result = await Engine.TestNodeAsync(new WorkflowBuilder("t").Trigger(settings: new { sampleInput = new { demo = true } }).Build(),
            "start", null, CancellationToken.None);

        result.Output!.ToJsonString().Should().Be("""{"demo":true}""");
    }

    [Fact]
    public async Task Log_writes_its_rendered_message_at_its_level()
    {
        var result = await TestAsync("log", new { level = "warning", message = "Order {{ $json.id }} is late" }, new JsonObject { ["id"] = 3 });

        result.Logs.Should().ContainSingle(l => l.Level == LogLevel.Warning && l.Message == "Order 3 is late");
        result.Output!["id"]!.ToJsonString().Should().Be("3");
    }

    [Fact]
    public async Task Set_variables_keeps_the_type_of_a_single_expression()
    {
        var result = await TestAsync("set-variables", new { variables = WorkflowBuilder.Vars(("n", "{{ 40 + 2 }}"), ("s", "n={{ 40 + 2 }}")) });

        result.Output!.ToJsonString().Should().Be("""{"n":42,"s":"n=42"}""");
    }

    [Fact]
    public async Task Delay_waits_and_reports_progress_then_passes_its_input_on()
    {
        var result = await TestAsync("delay", new { duration = "20ms" }, new JsonObject { ["x"] = 1 });

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!["x"]!.ToJsonString().Should().Be("1");
    }

    [Fact]
    public async Task Fail_fails_with_its_rendered_message()
    {
        var result = await TestAsync("fail", new { message = "No stock for {{ $json.sku }}" }, new JsonObject { ["sku"] = "X1" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("No stock for X1");
    }

    [Fact]
    public async Task For_each_tested_alone_reports_the_bodies_it_would_run()
    {
        var result = await TestAsync("for-each", new { items = "$json.list", mode = "parallel", maxParallel = 2 },
            new JsonObject { ["list"] = new JsonArray(1, 2, 3) });

        result.OutputPort.Should().Be("item");
        result.Output!["bodies"]!.AsArray().Select(b => b!["index"]!.ToJsonString()).Should().Equal("0", "1");
    }

    [Fact]
    public async Task For_each_over_something_that_is_not_a_list_fails_clearly()
    {
        var result = await TestAsync("for-each", new { items = "$json.list" }, new JsonObject { ["list"] = "nope" });

        result.Error.Should().Contain("Items must be an array").And.Contain("string");
    }

    [Fact]
    public async Task Disabled_nodes_pass_their_input_through()
    {
        var workflow = new WorkflowBuilder("d").Trigger().Node("stop", "fail", new { message = "never" }, n => n.Disabled = true).Chain("start", "stop").Build();

        var result = await Engine.TestNodeAsync(workflow, "stop", new JsonObject { ["kept"] = true }, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Output!.ToJsonString().Should().Be("""{"kept":true}""");
    }

    [Fact]
    public async Task Testing_uses_the_pinned_input_when_none_is_given()
    {
        var workflow = new WorkflowBuilder("p").Trigger()
            .Node("shape", "transform", new { fields = new { doubled = "{{ $json.n * 2 }}" } }, n => n.PinnedInput = new JsonObject { ["n"] = 21 })
            .Chain("start", "shape").Build();

        var result = await Engine.TestNodeAsync(workflow, "shape", null, CancellationToken.None);

        result.Output!.ToJsonString().Should().Be("""{"doubled":42}""");
    }
}
