using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Validation;

/// <summary>Every problem the validator reports, each naming the node and setting (or connection) it belongs to.</summary>
public sealed class WorkflowValidatorTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();
    private IWorkflowValidator Validator => _services.GetRequiredService<IWorkflowValidator>();

    public void Dispose() => _services.Dispose();

    private static WorkflowBuilder Valid() => new WorkflowBuilder("valid")
        .Trigger()
        .Node("log", "log", new { message = "hello {{ $input.name }}" })
        .Chain("start", "log");

    private IReadOnlyList<ValidationProblem> Errors(WorkflowDefinition workflow) =>
        Validator.Validate(workflow).Where(p => p.Severity == ProblemSeverity.Error).ToList();

    [Fact]
    public void A_valid_workflow_has_no_problems() => Validator.Validate(Valid().Build()).Should().BeEmpty();

    [Fact]
    public void A_workflow_without_a_trigger_is_refused() =>
        Errors(new WorkflowBuilder("none").Node("log", "log", new { message = "x" }).Build())
            .Should().ContainSingle(p => p.Code == "workflow.no-trigger");

    [Fact]
    public void A_second_trigger_is_named() =>
        Errors(Valid().Trigger("again").Build()).Should().ContainSingle(p => p.Code == "workflow.multiple-triggers" && p.NodeId == "again");

    [Fact]
    public void Duplicate_ids_and_names_are_reported()
    {
        var workflow = Valid().Node("log", "log", new { message = "again" }).Build();
        workflow.Nodes.Add(new NodeDefinition { Id = "other", Name = "start", Type = "log", Settings = WorkflowBuilder.ToObject(new { message = "x" }) });

        var errors = Errors(workflow);

        errors.Should().Contain(p => p.Code == "node.duplicate-id" && p.NodeId == "log");
        errors.Should().Contain(p => p.Code == "node.duplicate-name" && p.NodeId == "other" && p.Setting == "name");
    }

    [Fact]
    public void An_unknown_node_type_is_named() =>
        Errors(Valid().Node("x", "teleport").Connect("log", "x").Build())
            .Should().ContainSingle(p => p.Code == "node.unknown-type" && p.NodeId == "x" && p.Setting == "type");

    [Fact]
    public void Dangling_connections_are_reported_on_both_ends()
    {
        var workflow = Valid().Connect("log", "ghost").Connect("phantom", "log").Build();

        var errors = Errors(workflow).Where(p => p.Code == "connection.dangling").ToList();

        errors.Should().HaveCount(2);
        errors.Should().Contain(p => p.ConnectionId == "log:out->ghost:in" && p.NodeId == "log");
        errors.Should().Contain(p => p.ConnectionId == "phantom:out->log:in" && p.NodeId == "log");
    }

    [Fact]
    public void Unknown_output_and_input_ports_are_reported()
    {
        var workflow = Valid().Node("check", "if", new { condition = "true" }).Connect("log", "check").Connect("check", "log", "maybe").Build();
        workflow.Connections.Add(new Connection("log", "out", "start"));

        var errors = Errors(workflow).Where(p => p.Code == "connection.unknown-port").ToList();

        errors.Should().Contain(p => p.NodeId == "check" && p.Message.Contains("no output port 'maybe'"));
        errors.Should().Contain(p => p.NodeId == "start" && p.Message.Contains("no input port 'in'"));
    }

    [Fact]
    public void The_error_port_exists_only_when_the_node_continues_on_error()
    {
        var refused = Valid().Node("handler", "log", new { message = "x" }).Connect("log", "handler", "error").Build();
        Errors(refused).Should().Contain(p => p.Code == "connection.unknown-port" && p.NodeId == "log");

        refused.FindNode("log")!.Policy.ContinueOnError = true;
        Errors(refused).Should().BeEmpty();
    }

    [Fact]
    public void A_missing_required_setting_names_node_and_setting() =>
        Errors(Valid().Node("call", "http-request", new { method = "GET" }).Connect("log", "call").Build())
            .Should().ContainSingle(p => p.Code == "setting.required" && p.NodeId == "call" && p.Setting == "url");

    [Theory]
    [InlineData("method", "\"TELEPORT\"", "must be one of")]
    [InlineData("failOnNon2xx", "\"yes\"", "must be true or false")]
    [InlineData("timeout", "\"soon\"", "must be a duration")]
    [InlineData("headers", "[1]", "must be an object")]
    public void A_setting_of_the_wrong_kind_names_node_and_setting(string setting, string json, string message)
    {
        var workflow = Valid().Node("call", "http-request", new { url = "http://127.0.0.1/" }).Connect("log", "call").Build();
        workflow.FindNode("call")!.Settings[setting] = System.Text.Json.Nodes.JsonNode.Parse(json);

        Errors(workflow).Should().ContainSingle(p => p.Code == "setting.invalid" && p.NodeId == "call" && p.Setting == setting && p.Message.Contains(message));
    }

    [Fact]
    public void Numbers_are_checked_against_their_range() =>
        Errors(Valid().Node("each", "for-each", new { items = "$json", mode = "parallel", maxParallel = 0 }).Connect("log", "each").Build())
            .Should().ContainSingle(p => p.Setting == "maxParallel" && p.Message.Contains("at least 1"));

    [Fact]
    public void Expressions_and_templates_that_do_not_parse_are_reported_with_their_position()
    {
        var workflow = Valid()
            .Node("check", "if", new { condition = "$json.amount >" })
            .Node("say", "log", new { message = "Hi {{ $json.name + }}" })
            .Connect("log", "check").Connect("check", "say", "true")
            .Build();

        var errors = Errors(workflow).Where(p => p.Code == "setting.expression").ToList();

        errors.Should().Contain(p => p.NodeId == "check" && p.Setting == "condition" && p.Message.Contains("position"));
        errors.Should().Contain(p => p.NodeId == "say" && p.Setting == "message");
    }

    [Fact]
    public void Templates_inside_list_items_are_checked_with_their_path() =>
        Errors(Valid().Node("vars", "set-variables", new { variables = WorkflowBuilder.Vars(("x", "{{ 1 + }}")) }).Connect("log", "vars").Build())
            .Should().ContainSingle(p => p.Code == "setting.expression" && p.NodeId == "vars" && p.Setting == "variables[0].value");

    [Fact]
    public void Switch_cases_must_have_unique_names()
    {
        var workflow = Valid().Node("route", "switch", new
        {
            cases = new[] { new { name = "a", condition = "true" }, new { name = "a", condition = "false" } },
        }).Connect("log", "route").Build();

        Errors(workflow).Should().ContainSingle(p => p.Code == "setting.duplicate" && p.NodeId == "route" && p.Setting == "cases");
    }

    [Fact]
    public void Node_policies_are_checked()
    {
        var workflow = Valid().Build();
        workflow.FindNode("log")!.Policy = new NodePolicy
        {
            RetryPolicy = "Custom",
            TimeoutMs = 0,
            Custom = new CustomRetryPolicy { MaxRetries = -1, RetryOn = ["solar-flare"] },
        };

        var settings = Errors(workflow).Where(p => p.NodeId == "log").Select(p => p.Setting).ToList();

        settings.Should().BeEquivalentTo("policy.timeoutMs", "policy.custom.maxRetries", "policy.custom.retryOn");
    }

    [Fact]
    public void Workflow_settings_are_checked()
    {
        var workflow = Valid().Settings(s =>
        {
            s.MaxConcurrency = 0;
            s.MaxActivations = 0;
            s.DefaultRetryPolicy = "Sometimes";
            s.RunTimeoutMs = 0;
        }).Build();

        Errors(workflow).Select(p => p.Setting).Should().BeEquivalentTo("settings.maxConcurrency", "settings.maxActivations", "settings.defaultRetryPolicy", "settings.runTimeoutMs");
    }

    [Fact]
    public void Unreachable_nodes_and_unknown_settings_are_warnings_only()
    {
        var workflow = Valid().Node("island", "log", new { message = "alone", colour = "blue" }).Build();

        var problems = Validator.Validate(workflow);

        problems.Should().OnlyContain(p => p.Severity == ProblemSeverity.Warning);
        problems.Should().Contain(p => p.Code == "node.unreachable" && p.NodeId == "island");
        problems.Should().Contain(p => p.Code == "setting.unknown" && p.NodeId == "island" && p.Setting == "colour");
    }

    [Fact]
    public void Hand_drawn_cycles_are_allowed() =>
        Validator.Validate(Valid().Node("again", "log", new { message = "x" }).Connect("log", "again").Connect("again", "log").Build())
            .Should().BeEmpty();

    [Fact]
    public async Task An_invalid_workflow_cannot_start()
    {
        await using var host = await EngineHost.StartAsync(StoreSet.InMemory());
        var saved = await host.Workflows.SaveAsync(new WorkflowBuilder("broken").Node("log", "log").Build(), null, CancellationToken.None);

        var start = () => host.Engine.StartAsync(new StartExecutionRequest { WorkflowId = saved.WorkflowId }, CancellationToken.None);

        var error = (await start.Should().ThrowAsync<WorkflowInvalidException>()).Which;
        error.Problems.Select(p => p.Code).Should().BeEquivalentTo("workflow.no-trigger", "setting.required");
    }
}
