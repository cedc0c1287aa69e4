using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Tests.Nodes.Code;

/// <summary>The Code node's contract with script authors: inputs in, output back as JSON, console to the run log, errors with positions.</summary>
public sealed class CodeNodeTests : NodeFixture
{
    private static readonly JsonNode Order = JsonNode.Parse("""{"id":7,"items":[{"sku":"a","price":2.5,"qty":2},{"sku":"b","price":1,"qty":3}],"note":null}""")!;

    [Fact]
    public async Task The_returned_value_is_the_output_and_json_is_the_input()
    {
        var result = await RunAsync("""
            const lines = $json.items.map(i => ({ sku: i.sku, total: i.price * i.qty }));
            return { id: $json.id, lines, sum: lines.reduce((s, l) => s + l.total, 0), noteIsNull: $json.note === null };
            """, Order);

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!.ToJsonString().Should().Be("""{"id":7,"lines":[{"sku":"a","total":5},{"sku":"b","total":3}],"sum":8,"noteIsNull":true}""");
    }

    [Fact]
    public async Task Values_that_json_cannot_hold_are_read_the_way_JSON_stringify_reads_them()
    {
        var result = await RunAsync("""
            return { f: () => 1, u: undefined, nan: NaN, big: 10n, when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), list: [undefined, 1.5] };
            """);

        result.Output!.ToJsonString().Should().Be("""{"nan":null,"big":"10","when":"2026-01-02T03:04:05.000Z","list":[null,1.5]}""");
    }

    [Fact]
    public void Values_the_engine_builds_in_code_such_as_the_runs_start_time_reach_the_script_as_text()
    {
        var runner = new Engine.Scripting.ScriptRunner(Microsoft.Extensions.Options.Options.Create(new EngineOptions()));
        var startedAt = DateTimeOffset.Parse("2026-12-07T10:00:00Z");
        var execution = new JsonObject { ["startedAt"] = JsonValue.Create(startedAt), ["id"] = JsonValue.Create(Guid.Empty) };

        var output = runner.Run("return [typeof $execution.startedAt, new Date($execution.startedAt).getUTCHours(), $execution.id];",
            new Dictionary<string, JsonNode?> { ["$execution"] = execution }, (_, _) => { }, CancellationToken.None);

        output!.ToJsonString().Should().Be($$"""["string",10,"{{Guid.Empty}}"]""");
    }

    [Fact]
    public async Task Returning_nothing_gives_a_null_output()
    {
        var result = await RunAsync("const x = 1;");

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output.Should().BeNull();
    }

    [Fact]
    public async Task Changing_json_inside_the_script_leaves_the_input_of_the_run_alone()
    {
        var input = JsonNode.Parse("""{"n":1}""");

        var result = await RunAsync("$json.n = 99; return $json;", input);

        result.Output!["n"]!.GetValue<long>().Should().Be(99);
        input!["n"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Console_lines_go_to_the_run_log_with_the_node_id_and_level()
    {
        var result = await RunAsync("""console.log("total", 3, { a: [1] }); console.warn("careful"); return 1;""");

        result.Logs.Should().Contain(l => l.Message == """total 3 {"a":[1]}""" && l.Level == LogLevel.Information && l.NodeId == "node");
        result.Logs.Should().Contain(l => l.Message == "careful" && l.Level == LogLevel.Warning && l.NodeId == "node");
    }

    [Fact]
    public async Task A_runtime_error_names_the_line_and_column_of_the_failing_expression()
    {
        var result = await RunAsync("const a = 1;\nconst b = a + 1;\n  null.missing;\nreturn b;");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("line 3, column 8").And.Contain("missing");
    }

    [Fact]
    public async Task A_syntax_error_fails_with_its_position_and_is_reported_by_the_validator()
    {
        const string code = "const a = 1;\nreturn a +;";

        var result = await RunAsync(code);
        var problems = Validate(code);

        result.Error.Should().Contain("Syntax error at line 2, column 11");
        problems.Should().ContainSingle(p => p.Setting == "code" && p.Message.Contains("line 2, column 11"));
    }

    [Fact]
    public async Task Throwing_a_value_that_is_not_an_Error_fails_the_node_with_that_value()
    {
        (await RunAsync("throw 42;")).Error.Should().Contain("line 1, column 7: 42");
        (await RunAsync("throw { code: 'E1' };")).Error.Should().Contain("""{"code":"E1"}""");
        (await RunAsync("throw null;")).Error.Should().Contain("null");
        (await RunAsync("throw new TypeError('bad input');")).Error.Should().Contain("TypeError: bad input");
    }

    [Fact]
    public async Task An_output_that_refers_to_itself_fails_with_a_clear_message()
    {
        var result = await RunAsync("const a = {}; a.self = a; return a;");

        result.Error.Should().Contain("cycle");
    }

    private Task<Engine.Execution.NodeTestResult> RunAsync(string code, JsonNode? input = null) => TestAsync("code", new { code }, input);

    private IReadOnlyList<Engine.Validation.ValidationProblem> Validate(string code)
    {
        var validator = (Engine.Validation.IWorkflowValidator)Services.GetService(typeof(Engine.Validation.IWorkflowValidator))!;
        return validator.Validate(new Support.WorkflowBuilder("v").Trigger().Node("node", "code", new { code }).Chain("start", "node").Build());
    }
}
