using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Code;

/// <summary>
/// Scripts written to hurt the host: each fails its node with the limit it hit, and the engine runs the next script as
/// usual. Limits are lowered here so the suite stays quick; the upper bound on time only catches a hang.
/// </summary>
public sealed class HostileScriptTests() : NodeFixture(options =>
{
    options.Code.Timeout = TimeSpan.FromSeconds(1);
    options.Code.MaxMemoryBytes = 16 * 1024 * 1024;
    options.Code.MaxStatements = 50_000_000;
    options.Code.MaxRecursionDepth = 100;
    options.Code.MaxLogLines = 5;
})
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("while (true) {}", "ScriptTimeout")]
    [InlineData("for (;;) { try { while (true) {} } catch (e) {} }", "ScriptTimeout")]
    [InlineData("const a = []; while (true) a.push('x'.repeat(1000) + a.length);", "ScriptMemoryLimit")]
    [InlineData("let s = 'x'; for (;;) s = s + s;", "ScriptMemoryLimit")]
    [InlineData("return new Array(2 ** 31).fill(1).length;", "ScriptMemoryLimit")]
    [InlineData("return Array.from({ length: 1e9 }).length;", "ScriptMemoryLimit")]
    [InlineData("function down(n) { return down(n + 1) + 1; } return down(0);", "ScriptRecursionLimit")]
    public async Task A_script_that_exhausts_a_limit_fails_the_node_naming_the_limit(string code, string expectedKind)
    {
        var watch = Stopwatch.StartNew();

        var result = await TestAsync("code", new { code });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain(expectedKind switch
        {
            "ScriptTimeout" => "ran longer than 1 s",
            "ScriptMemoryLimit" => "allocated more than 16 MB",
            _ => "nested deeper than 100 calls",
        });
        watch.Elapsed.Should().BeLessThan(Hang);
        await The_engine_still_runs_scripts();
    }

    [Fact]
    public async Task The_statement_limit_stops_a_loop_before_the_time_limit()
    {
        using var services = Support.EngineServices.Build(o => (o.Code.MaxStatements, o.Code.Timeout) = (10_000, TimeSpan.FromMinutes(1)));
        var engine = (Engine.Execution.IWorkflowEngine)services.GetService(typeof(Engine.Execution.IWorkflowEngine))!;
        var workflow = new Support.WorkflowBuilder("w").Trigger().Node("node", "code", new { code = "let i = 0; while (true) i++;" }).Chain("start", "node").Build();

        var result = await engine.TestNodeAsync(workflow, "node", null, CancellationToken.None);

        result.Error.Should().Contain("more than 10,000 statements");
    }

    [Theory]
    [InlineData("return (function () {}).constructor.constructor('return this')();")]
    [InlineData("return eval('1 + 1');")]
    [InlineData("return new Function('return 1')();")]
    [InlineData("return [].map.constructor('return process')();")]
    public async Task Compiling_text_into_code_is_refused(string code)
    {
        var result = await TestAsync("code", new { code });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("String compilation has been disabled");
    }

    [Fact]
    public async Task Nothing_of_the_host_is_reachable()
    {
        var result = await TestAsync("code", new
        {
            code = """
                return [typeof System, typeof importNamespace, typeof require, typeof process, typeof fetch, typeof XMLHttpRequest,
                        typeof clrHelper, typeof host, typeof globalThis.Environment, typeof setTimeout];
                """,
        });

        result.Output!.AsArray().Select(v => v!.GetValue<string>()).Should().AllBe("undefined");
    }

    [Fact]
    public async Task A_polluted_prototype_adds_nothing_to_the_output_and_does_not_reach_the_next_run()
    {
        var polluting = await TestAsync("code", new
        {
            code = "Object.prototype.injected = 'yes'; Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'hijacked' }); return { own: 1 };",
        });
        var next = await TestAsync("code", new { code = "return { seen: ({}).injected ?? 'clean' };" });

        polluting.Output!.ToJsonString().Should().Be("""{"own":1}""");
        next.Output!["seen"]!.GetValue<string>().Should().Be("clean");
    }

    [Fact]
    public async Task A_proto_key_in_the_input_stays_a_plain_field()
    {
        var input = JsonNode.Parse("""{"__proto__":{"isAdmin":true},"name":"x"}""");

        var result = await TestAsync("code", new { code = "return { admin: $json.isAdmin === true, keys: Object.keys($json) };" }, input);

        result.Output!["admin"]!.GetValue<bool>().Should().BeFalse();
        result.Output!["keys"]!.AsArray().Select(k => k!.GetValue<string>()).Should().Contain("__proto__");
    }

    [Fact]
    public async Task A_getter_that_loops_in_the_returned_value_is_stopped_too()
    {
        var result = await TestAsync("code", new { code = "return { get trap() { while (true) {} } };" });

        result.Error.Should().Contain("ran longer than 1 s");
        await The_engine_still_runs_scripts();
    }

    [Fact]
    public async Task Console_flooding_is_capped()
    {
        var result = await TestAsync("code", new { code = "for (let i = 0; i < 1000; i++) console.log('line ' + i); return 1;" });

        result.Succeeded.Should().BeTrue();
        result.Logs.Count(l => l.Message.StartsWith("line ")).Should().Be(5);
        result.Logs.Should().Contain(l => l.Message.Contains("more than 5 lines"));
    }

    [Fact]
    public async Task Errors_whose_message_or_name_throw_still_fail_the_node_cleanly()
    {
        var result = await TestAsync("code", new { code = "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw 1; } }); throw e;" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().NotBeNullOrEmpty();
        await The_engine_still_runs_scripts();
    }

    private async Task The_engine_still_runs_scripts()
    {
        var after = await TestAsync("code", new { code = "return 6 * 7;" });
        after.Output!.GetValue<long>().Should().Be(42);
    }
}
